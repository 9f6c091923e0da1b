import { useFormContext, useWatch } from 'react-hook-form';
import { interventionReasonCodes, type InterventionReasonCode } from '../../../domain/incidents.js';
import { CheckboxField, CheckboxGroup, SelectField, type Option } from '../../components/Field.js';
import { GroupedSelectField, InputField, TextAreaField, YesNoGroup } from './fields.js';
import type { IncidentDraft } from './formSchema.js';
import { interventionReasonLabel, interventionTypeGroups, interventionTypeLabel } from './labels.js';
import { formatDuration, minutesBetween } from './time.js';


const typeGroups = interventionTypeGroups.map((g) => ({ label: g.label, options: g.codes.map((c) => ({ value: c, label: interventionTypeLabel(c) })) }));
const reasonOptions = interventionReasonCodes.map((c: InterventionReasonCode) => ({ value: c, label: interventionReasonLabel(c) }));

/** "Lasted 12 minutes", worked out as the times are typed. */
function LiveDuration({ index }: { index: number }) {
  const { control } = useFormContext<IncidentDraft>();
  const [date, start, end, endsNextDay] = useWatch({
    control,
    name: ['occurredDate', `restrictiveInterventions.${index}.startTime`, `restrictiveInterventions.${index}.endTime`, `restrictiveInterventions.${index}.endsNextDay`],
  });
  const minutes = minutesBetween(date, start, end, endsNextDay);
  let text = 'Enter the start and end times to see how long it lasted.';
  if (minutes !== null) text = minutes < 0 ? 'The end is before the start.' : `Lasted ${formatDuration(minutes)}.`;
  return <p className="episode__duration" aria-live="polite" id={`episode-${index}-duration`}>{text}</p>;
}

/** A "why not" box, shown when the answer to a debrief question is no. */
function WhyNot({ index, field, about }: { index: number; field: 'debriefPerson' | 'debriefStaff'; about: string }) {
  const { control, register } = useFormContext<IncidentDraft>();
  const answer = useWatch({ control, name: `restrictiveInterventions.${index}.${field}` });
  if (answer !== 'no') return null;
  const label = <>Why not?<span className="visually-hidden"> ({about}, intervention {index + 1})</span></>;
  return <TextAreaField label={label} rows={2} {...register(`restrictiveInterventions.${index}.${field}Reason`)} />;
}

const staffHint = 'Tick all that apply. If you ticked staff involved above, only they are listed.';

interface EpisodeProps {
  index: number;
  /** The people chosen for the incident (to say who was restricted when there are several). */
  people: readonly Option[];
  staff: readonly Option[];
  onRemove: () => void;
}

/** One restrictive intervention episode: what, why, when, and what followed. */
export function EpisodeFieldset({ index, people, staff, onRemove }: EpisodeProps) {
  const { control, register } = useFormContext<IncidentDraft>();
  const n = index + 1;
  const name = <K extends string>(field: K) => `restrictiveInterventions.${index}.${field}` as const;
  const which = (text: string) => `${text} (intervention ${n})`;
  const Suffix = () => <span className="visually-hidden"> (intervention {n})</span>;
  return (
    <fieldset className="episode" aria-describedby={`episode-${index}-duration`}>
      <legend>Restrictive intervention {n}</legend>
      {people.length > 1 && (
        <SelectField
          label={<>Who was restricted?<Suffix /></>} placeholder="Choose the person" options={people}
          {...register(`restrictiveInterventions.${index}.personId`)}
        />
      )}
      <GroupedSelectField
        label={<>What was done?<Suffix /></>} placeholder="Choose the type" groups={typeGroups}
        {...register(`restrictiveInterventions.${index}.typeCode`)}
      />
      <SelectField
        label={<>Why was it done?<Suffix /></>} placeholder="Choose the main reason" options={reasonOptions}
        {...register(`restrictiveInterventions.${index}.reasonCode`)}
      />
      <div className="time-row">
        <InputField label={<>Start time<Suffix /></>} type="time" width="short" {...register(`restrictiveInterventions.${index}.startTime`)} />
        <InputField label={<>End time<Suffix /></>} type="time" width="short" {...register(`restrictiveInterventions.${index}.endTime`)} />
      </div>
      <CheckboxField label={<>Ended the next day (after midnight)<Suffix /></>} {...register(`restrictiveInterventions.${index}.endsNextDay`)} />
      <LiveDuration index={index} />
      <YesNoGroup name={name('isPlanned')} legend="Was it planned in the person’s behaviour support plan?" question={which('Planned in the behaviour support plan')} />
      <TextAreaField
        label={<>What was tried first to calm things down?<Suffix /></>} hint="De-escalation: for example, offering space, distraction or a quiet voice."
        rows={2} {...register(`restrictiveInterventions.${index}.deescalationTried`)}
      />
      {staff.length > 0 && (
        <CheckboxGroup control={control} name={`restrictiveInterventions.${index}.staffIds`} legend="Staff who took part" hint={staffHint} options={staff} />
      )}
      <div className="field">
        <fieldset className="fieldset">
          <legend className="legend">Was anyone injured?</legend>
          <div className="hint">Tick all that apply. Leave empty if no one was hurt.</div>
          <CheckboxField label={<>The person<Suffix /></>} {...register(`restrictiveInterventions.${index}.injuryPerson`)} />
          <CheckboxField label={<>A member of staff<Suffix /></>} {...register(`restrictiveInterventions.${index}.injuryStaff`)} />
          <CheckboxField label={<>Someone else<Suffix /></>} {...register(`restrictiveInterventions.${index}.injuryOthers`)} />
        </fieldset>
      </div>
      <YesNoGroup name={name('debriefPerson')} legend="Did someone talk it through with the person afterwards?" question={which('Debrief with the person')} />
      <WhyNot index={index} field="debriefPerson" about="debrief with the person" />
      <YesNoGroup name={name('debriefStaff')} legend="Did the staff involved have a debrief?" question={which('Debrief with staff')} />
      <WhyNot index={index} field="debriefStaff" about="debrief with staff" />
      <button type="button" className="button button--secondary" onClick={onRemove}>
        Remove restrictive intervention {n}
      </button>
    </fieldset>
  );
}
