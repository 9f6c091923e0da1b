import { useId, type FormEvent } from 'react';
import { useSession } from '../auth/session.js';
import { useRegionChoices } from './useScopeLabel.js';
import { organisationLabel, periodChoices, scopeParam, type Scope } from './scope.js';

interface ScopeFormProps {
  scope: Scope;
  scopeLabel: string;
  months: number;
  onApply: (next: { scope: string; months: number }) => void;
}

/** Choose whose figures to show (organisation, region, service, or the person in the address) and over how many months. */
export function ScopeForm({ scope, scopeLabel, months, onApply }: ScopeFormProps) {
  const { me } = useSession();
  const regions = useRegionChoices();
  const id = useId();
  const current = scopeParam(scope);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const chosen = data.get('scope');
    onApply({ scope: typeof chosen === 'string' && chosen ? chosen : 'organisation', months: Number(data.get('months')) || 24 });
  };
  const options = [
    { value: 'organisation', label: organisationLabel(me) },
    ...regions.map((r) => ({ value: `region:${r.id}`, label: `Region: ${r.name}` })),
    ...me.services.map((s) => ({ value: `service:${s.id}`, label: `Service: ${s.name}` })),
  ];
  if (!options.some((o) => o.value === current)) options.push({ value: current, label: scope.type === 'person' ? `Person: ${scopeLabel}` : scopeLabel });
  return (
    <form className="scope-form" aria-label="Choose figures" onSubmit={onSubmit} key={`${current}-${months}`}>
      <div className="scope-form__fields">
        <div className="field">
          <label className="label" htmlFor={`${id}-scope`}>Figures for</label>
          <select className="select" id={`${id}-scope`} name="scope" defaultValue={current}>
            {options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
          </select>
        </div>
        <div className="field">
          <label className="label" htmlFor={`${id}-months`}>Period</label>
          <select className="select" id={`${id}-months`} name="months" defaultValue={String(months)}>
            {!(periodChoices as readonly number[]).includes(months) && <option value={months}>Last {months} months</option>}
            {periodChoices.map((n) => <option key={n} value={n}>Last {n} months</option>)}
          </select>
        </div>
        <div className="scope-form__actions">
          <button type="submit" className="button button--secondary">Show figures</button>
        </div>
      </div>
    </form>
  );
}
