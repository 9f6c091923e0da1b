import { useSearchParams } from 'react-router';
import { Notice } from '../components/Notice.js';
import { PageHeader } from '../components/PageHeader.js';
import { QueryResult } from '../components/QueryResult.js';
import { formatDate } from '../components/formatDate.js';
import { ScopeForm } from '../features/measures/ScopeForm.js';
import { useScopeLabel } from '../features/measures/useScopeLabel.js';
import { parseMonths, parseScope, periodRange, scopeParam } from '../features/measures/scope.js';
import { useThemes } from '../features/themes/api.js';
import { ThemesTable } from '../features/themes/ThemesTable.js';
import '../features/themes/themes.css';

/** The last day of a YYYY-MM month, as YYYY-MM-DD. */
const lastDay = (month: string) => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
};

/** Themes in every source (incidents, safeguarding, complaints, speak-up, practice reviews) for a scope and period. */
export function ThemesPage() {
  const [params, setParams] = useSearchParams();
  const scope = parseScope(params.get('scope'));
  const months = parseMonths(params.get('months') ?? '12');
  const range = periodRange(months);
  const from = `${range.from}-01`;
  const to = lastDay(range.to);
  const scopeText = scopeParam(scope);
  const scopeLabel = useScopeLabel(scope);
  const themes = useThemes({ scope: scopeText, from, to });
  const caption = `Themes for ${scopeLabel}, ${formatDate(from)} to ${formatDate(to)}, most frequent first`;

  return (
    <>
      <PageHeader
        title="Themes"
        description="What records are about, across incidents, safeguarding concerns, complaints, speak-up reports and practice reviews: from the words people wrote, the contributory factors and the themes they recorded. A theme that appears in several places is worth a closer look."
      />
      <ScopeForm
        scope={scope} scopeLabel={scopeLabel} months={months}
        onApply={(next) => setParams(new URLSearchParams({ scope: next.scope, months: String(next.months) }))}
      />
      <QueryResult query={themes} loadingLabel="Finding themes…">
        {(answer) => (
          <>
            {answer.isSuppressed && (
              <Notice tone="info" title="Small numbers are hidden">
                Counts under 5 are shown as “&lt;5” and the rest are rounded to the nearest 5, so that nobody can be identified. Records are not listed.
              </Notice>
            )}
            {answer.sources.includes('speak_up') && !answer.themes.some((t) => t.examples.some((e) => e.kind === 'speak_up')) && !answer.isSuppressed && (
              <p className="hint">Speak-up reports add to the counts; only the Freedom to Speak Up guardian sees them as examples.</p>
            )}
            <ThemesTable answer={answer} caption={caption} />
          </>
        )}
      </QueryResult>
    </>
  );
}
