import { useFormContext, useWatch } from 'react-hook-form';
import { interventionReasonCodes, type Incident } from '../../../domain/incidents.js';
import { ApiError } from '../../api/client.js';
import { ApiForm } from '../../components/ApiForm.js';
import { CheckboxField, CheckboxGroup, SelectField } from '../../components/Field.js';
import { useApiForm } from '../../components/forms.js';
import { useCorrectIncident, useStaffChoices } from './api.js';
import { episodeChanges, episodeForm, recorded, type EpisodeValues } from './episodeCorrection.js';
import { GroupedSelectField, InputField, TextAreaField, YesNoGroup } from './fields.js';
import { interventionReasonLabel, interventionTypeGroups, interventionTypeLabel } from './labels.js';

type Episode = Incident['restrictiveInterventions'][number];
const typeGroups = interventionTypeGroups.map((g) => ({ label: g.label, options: g.codes.map((c) => ({ value: c, label: interventionTypeLabel(c) })) }));
const reasonOptions = interventionReasonCodes.map((c) => ({ value: c, label: interventionReasonLabel(c) }));
const fields = [
  'reason', 'typeCode', 'reasonCode', 'startDate', 'startTime', 'endDate', 'endTime', 'isPlanned', 'deescalationTried',
  'injuryPerson', 'injuryStaff', 'injuryOthers', 'debriefPerson', 'debriefPersonReason', 'debriefStaff', 'debriefStaffReason', 'staffIds',
] as const;

// The API names an episode's fields by their stored shape; the form asks for a date and a time.
const formFieldOf = (path: string) => {
  const field = path.replace(/^changes\.restrictiveInterventions\.\d+\./, '');
  return field === 'startedAt' ? 'startTime' : field === 'endedAt' ? 'endTime' : field;
};

function WhyNot({ field, label }: { field: 'debriefPerson' | 'debriefStaff'; label: string }) {
  const { register } = useFormContext<EpisodeValues>();
  const answer = useWatch<EpisodeValues>({ name: field });
  return answer === 'no' ? <TextAreaField label={label} rows={2} {...register(`${field}Reason`)} /> : null;
}

/** Correct one restrictive intervention; the record's history keeps what each answer said before. */
export function EpisodeCorrectionForm({ incident, episode, position, onDone }: { incident: Incident; episode: Episode; position: number; onDone: (message: string) => void }) {
  const correct = useCorrectIncident(incident.id);
  const form = useApiForm(episodeForm, { fields, mapPath: formFieldOf, defaultValues: { reason: '', ...recorded(episode) } });
  const staffOptions = useStaffChoices(incident.serviceId, episode.staff);
  const onSubmit = async ({ reason, ...answers }: EpisodeValues) => {
    const changes = episodeChanges(episode, answers);
    if (!Object.keys(changes).length) {
      throw new ApiError({ type: 'about:blank', title: 'Nothing changed', status: 400, detail: 'Change at least one answer, or add information instead.' });
    }
    const saved = await correct.mutateAsync({ reason, changes: { restrictiveInterventions: [{ id: episode.id, ...changes }] } });
    const after = saved.restrictiveInterventions.find((e) => e.id === episode.id);
    form.reset({ reason: '', ...(after ? recorded(after) : answers) });
    onDone(`Restrictive intervention ${position} has been corrected. The history shows what it said before.`);
  };
  const n = position;
  return (
    <ApiForm form={form} onSubmit={onSubmit} submitLabel="Save correction" label={`Correct restrictive intervention ${n}`} className="form form--compact">
      <TextAreaField label="Why is it being corrected?" rows={2} {...form.register('reason')} />
      <GroupedSelectField label="What was done?" placeholder="Choose the type" groups={typeGroups} {...form.register('typeCode')} />
      <SelectField label="Why was it done?" placeholder="Choose the main reason" options={reasonOptions} {...form.register('reasonCode')} />
      <div className="time-row">
        <InputField label="Start date" type="date" width="short" {...form.register('startDate')} />
        <InputField label="Start time" type="time" width="short" {...form.register('startTime')} />
      </div>
      <div className="time-row">
        <InputField label="End date" type="date" width="short" {...form.register('endDate')} />
        <InputField label="End time" type="time" width="short" {...form.register('endTime')} />
      </div>
      <YesNoGroup name="isPlanned" legend="Was it planned in the person’s behaviour support plan?" question="Planned in the behaviour support plan" />
      <TextAreaField label="What was tried first to calm things down?" rows={2} {...form.register('deescalationTried')} />
      {staffOptions.length > 0 && <CheckboxGroup control={form.control} name="staffIds" legend="Staff who took part" hint="Tick everyone who took part." options={staffOptions} />}
      <div className="field">
        <fieldset className="fieldset">
          <legend className="legend">Was anyone injured?</legend>
          <CheckboxField label="The person" {...form.register('injuryPerson')} />
          <CheckboxField label="A member of staff" {...form.register('injuryStaff')} />
          <CheckboxField label="Someone else" {...form.register('injuryOthers')} />
        </fieldset>
      </div>
      <YesNoGroup name="debriefPerson" legend="Did someone talk it through with the person afterwards?" question="Debrief with the person" />
      <WhyNot field="debriefPerson" label="Why not? (debrief with the person)" />
      <YesNoGroup name="debriefStaff" legend="Did the staff involved have a debrief?" question="Debrief with staff" />
      <WhyNot field="debriefStaff" label="Why not? (debrief with staff)" />
    </ApiForm>
  );
}
