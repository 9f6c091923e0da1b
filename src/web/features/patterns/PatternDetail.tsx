import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { personSchema, staffSchema } from '../../../domain/organisation.js';
import { patternDismissal, patternKindLabels, type Pattern } from '../../../domain/patterns.js';
import { get } from '../../api/client.js';
import { ApiForm } from '../../components/ApiForm.js';
import { DateText } from '../../components/DateText.js';
import { useApiForm } from '../../components/forms.js';
import { SummaryList } from '../../components/SummaryList.js';
import { useSession } from '../auth/session.js';
import { TextAreaField } from '../incidents/fields.js';
import { organisationLabel } from '../measures/scope.js';
import { peopleKeys } from '../people/api.js';
import { staffKeys } from '../staff/api.js';
import { useDismissPattern } from './api.js';
import { evidenceItem, measurePath, patternStatusLabels, scopePath, statisticText } from './format.js';
import { Strength } from './Strength.js';
import './patterns.css';

/** The name of a finding's person, member of staff or service, when the reader may see it. */
function useScopeName(scope: Pattern['scope']): string {
  const { me, can } = useSession();
  const id = scope.id ?? 0;
  const person = useQuery({
    queryKey: peopleKeys.one(id),
    queryFn: ({ signal }) => get(`/api/v1/people/${id}`, personSchema, undefined, signal),
    enabled: scope.type === 'person' && id > 0 && can('readPeople'),
    retry: false,
  });
  const staff = useQuery({
    queryKey: staffKeys.one(id),
    queryFn: ({ signal }) => get(`/api/v1/staff/${id}`, staffSchema, undefined, signal),
    enabled: scope.type === 'staff' && id > 0 && can('readStaff'),
    retry: false,
  });
  switch (scope.type) {
    case 'organisation':
      return organisationLabel(me);
    case 'service':
      return me.services.find((s) => s.id === id)?.name ?? `Service ${id}`;
    case 'region':
      return `Region ${id}`;
    case 'person':
      return person.data ? `${person.data.displayName} (${person.data.ref})` : `Person ${id}`;
    case 'staff':
      return staff.data?.name ?? `Staff member ${id}`;
  }
}

function ScopeLink({ scope }: { scope: Pattern['scope'] }) {
  const name = useScopeName(scope);
  const to = scopePath(scope);
  return to ? <Link to={to}>{name}</Link> : <>{name}</>;
}

/** Everything about a finding: what, where, how strong, the figures, and its status. */
export function PatternSummary({ pattern: p }: { pattern: Pattern }) {
  const chart = measurePath(p);
  return (
    <>
      <p className="pattern-detail__summary">{p.summary}</p>
      <SummaryList
        rows={[
          { key: 'Kind', value: patternKindLabels[p.kind] },
          { key: 'About', value: <ScopeLink scope={p.scope} /> },
          { key: 'Strength', value: <Strength value={p.strength} /> },
          { key: 'Figures', value: statisticText(p.statistic) },
          { key: 'Status', value: patternStatusLabels[p.status] },
          { key: 'First found', value: <DateText value={p.firstFoundAt} /> },
          { key: 'Last found', value: <DateText value={p.lastFoundAt} /> },
          ...(chart ? [{ key: 'Chart', value: <Link to={chart}>Restrictive interventions month by month</Link> }] : []),
        ]}
      />
    </>
  );
}

/** The records behind the finding, each linking to its page where it has one. */
export function PatternEvidence({ pattern: p }: { pattern: Pattern }) {
  if (p.evidence.length === 0) return <p>No records you can open are listed for this pattern.</p>;
  return (
    <>
      <p>{p.evidence.length === 1 ? 'The record behind this pattern.' : `The ${p.evidence.length} records behind this pattern, most telling first.`}</p>
      <ul className="pattern-evidence">
        {p.evidence.map((e) => {
          const item = evidenceItem(e);
          return <li key={`${e.kind}-${e.id}`}>{item.to ? <Link to={item.to}>{item.text}</Link> : item.text}</li>;
        })}
      </ul>
    </>
  );
}

/** Who dismissed the finding, when and why. */
export function PatternDismissal({ dismissal }: { dismissal: NonNullable<Pattern['dismissal']> }) {
  return (
    <SummaryList
      rows={[
        { key: 'Reason', value: <span className="pattern-detail__reason">{dismissal.reason}</span> },
        { key: 'Dismissed by', value: dismissal.by || 'Not recorded' },
        { key: 'When', value: <DateText value={dismissal.at} withTime /> },
      ]}
    />
  );
}

/** Dismiss a finding with a reason; it stays dismissed when later runs find it again. */
export function DismissForm({ pattern, onDone }: { pattern: Pattern; onDone: (message: string) => void }) {
  const dismiss = useDismissPattern(pattern.id);
  const form = useApiForm(patternDismissal, { fields: ['reason'], defaultValues: { reason: '' } });
  const onSubmit = async (values: { reason: string }) => {
    await dismiss.mutateAsync(values);
    onDone('The pattern has been dismissed.');
  };
  return (
    <ApiForm form={form} onSubmit={onSubmit} submitLabel="Dismiss this pattern" busyLabel="Dismissing…" label="Dismiss this pattern" className="form form--compact">
      <TextAreaField
        label="Why is this not a concern?"
        hint="Say what you know that the figures do not, such as a known reason or that it has already been dealt with. Others will see your reason, your name and the date."
        rows={3}
        {...form.register('reason')}
      />
    </ApiForm>
  );
}
