import { Link, useSearchParams } from 'react-router';
import { patternKindLabels, patternKindNames, type Pattern, type PatternKindName } from '../../../domain/patterns.js';
import { DateText } from '../../components/DateText.js';
import { FilterCheckbox, FilterForm, FilterSelect } from '../../components/FilterForm.js';
import { QueryResult } from '../../components/QueryResult.js';
import { useSession } from '../auth/session.js';
import { organisationLabel } from '../measures/scope.js';
import { usePatterns } from './api.js';
import { findingsCount, patternStatusLabels, statisticText } from './format.js';
import { Strength } from './Strength.js';
import './patterns.css';

const LIMIT = 100;
const scopePattern = /^(organisation|(region|service|person|staff):[1-9]\d{0,9})$/;

const otherScopeWords = { region: 'One region', person: 'One person', staff: 'One member of staff' } as const;

/** The facts under a finding's title: strength, figures, status and when it was last found. */
export function PatternFacts({ pattern: p }: { pattern: Pattern }) {
  return (
    <dl className="pattern-facts">
      <div className="pattern-facts__row">
        <dt>Strength</dt>
        <dd><Strength value={p.strength} /></dd>
      </div>
      <div className="pattern-facts__row">
        <dt>Figures</dt>
        <dd>{statisticText(p.statistic)}</dd>
      </div>
      <div className="pattern-facts__row">
        <dt>Status</dt>
        <dd>{patternStatusLabels[p.status]}</dd>
      </div>
      <div className="pattern-facts__row">
        <dt>Last found</dt>
        <dd><DateText value={p.lastFoundAt} /></dd>
      </div>
    </dl>
  );
}

function PatternCard({ pattern: p }: { pattern: Pattern }) {
  const titleId = `pattern-${p.id}-title`;
  return (
    <li className={p.status === 'dismissed' ? 'pattern-card is-dismissed' : 'pattern-card'}>
      <article aria-labelledby={titleId}>
        <p className="pattern-card__kind">{patternKindLabels[p.kind]}</p>
        <h3 className="pattern-card__title" id={titleId}><Link to={`/patterns/${p.id}`}>{p.title}</Link></h3>
        <p className="pattern-card__summary">{p.summary}</p>
        <PatternFacts pattern={p} />
      </article>
    </li>
  );
}

/** Filters (kind, scope, include dismissed) and the findings as cards, strongest first. */
export function PatternList() {
  const { me, can } = useSession();
  const [params] = useSearchParams();
  const scopeParam = params.get('scope');
  const scope = scopeParam && scopePattern.test(scopeParam) ? scopeParam : 'organisation';
  const kindParam = params.get('kind');
  const kinds = patternKindNames.filter((k) => k !== 'staff_overrepresented' || can('readStaffPatterns'));
  const kind = kinds.find<PatternKindName>((k): k is PatternKindName => k === kindParam);
  const includeDismissed = params.get('includeDismissed') === 'true';
  const patterns = usePatterns({ scope, kind, includeDismissed, limit: LIMIT });

  const scopeOptions = me.services.map((s) => ({ value: `service:${s.id}`, label: s.name }));
  const [scopeType] = scope.split(':');
  if (scope !== 'organisation' && !scopeOptions.some((o) => o.value === scope)) {
    const words = scopeType === 'service' ? 'One service' : otherScopeWords[scopeType as keyof typeof otherScopeWords];
    scopeOptions.unshift({ value: scope, label: `${words} (from the link you followed)` });
  }

  return (
    <>
      <FilterForm label="Filter patterns">
        <FilterSelect name="kind" label="Kind of pattern" value={kind ?? null} anyLabel="Any kind" options={kinds.map((k) => ({ value: k, label: patternKindLabels[k] }))} />
        <FilterSelect name="scope" label="Where" value={scope === 'organisation' ? null : scope} anyLabel={organisationLabel(me)} options={scopeOptions} />
        <FilterCheckbox name="includeDismissed" label="Include dismissed patterns" isChecked={includeDismissed} />
      </FilterForm>
      <QueryResult query={patterns} loadingLabel="Loading patterns…">
        {(data) => (
          <section className="section" aria-labelledby="patterns-found-title">
            <h2 id="patterns-found-title">{findingsCount(data.patterns.length)}</h2>
            {data.patterns.length === LIMIT && <p className="secondary-text">Showing the strongest {LIMIT}. Use the filters to narrow them down.</p>}
            {data.patterns.length === 0 ? (
              <p className="empty">
                {data.run === null ? 'Patterns have not been checked yet.' : 'No patterns match. Nothing stands out in the records at the moment.'}
              </p>
            ) : (
              <ul className="pattern-list">
                {data.patterns.map((p) => <PatternCard key={p.id} pattern={p} />)}
              </ul>
            )}
          </section>
        )}
      </QueryResult>
    </>
  );
}
