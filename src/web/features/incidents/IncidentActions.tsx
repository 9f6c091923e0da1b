import { z } from 'zod';
import { contributoryFactors } from '../../../domain/contributory-factors.js';
import { defaultSettingEvents, incidentAddendum, incidentReview, physicalHarmLevels, psychologicalHarmLevels, type Incident } from '../../../domain/incidents.js';
import { ApiError } from '../../api/client.js';
import { ApiForm } from '../../components/ApiForm.js';
import { CheckboxGroup, CodeCheckboxGroup, RadioGroup, TextField } from '../../components/Field.js';
import { changedValues, useApiForm } from '../../components/forms.js';
import { Link } from 'react-router';
import { useAddAddendum, useCorrectIncident, useIncidents, useReviewIncident, useStaffChoices } from './api.js';
import { TextAreaField } from './fields.js';
import { contributoryFactorLabel, physicalHarmLabels, psychologicalHarmLabels, settingEventLabel } from './labels.js';

interface ActionProps {
  incident: Incident;
  /** Say what was done, at the top of the page. */
  onDone: (message: string) => void;
}

/** "Add information": an addendum never changes what was recorded. */
export function AddendumForm({ incident, onDone }: ActionProps) {
  const add = useAddAddendum(incident.id);
  const form = useApiForm(incidentAddendum, { fields: ['text'], defaultValues: { text: '' } });
  const onSubmit = async (values: { text: string }) => {
    await add.mutateAsync(values);
    form.reset({ text: '' });
    onDone('Your information has been added to the record.');
  };
  return (
    <ApiForm form={form} onSubmit={onSubmit} submitLabel="Add information" busyLabel="Adding…" label="Add information" className="form form--compact">
      <TextAreaField
        label="What do you want to add?" hint="For example, something you remembered later or what happened afterwards. The record itself is not changed."
        rows={3} {...form.register('text')}
      />
    </ApiForm>
  );
}

/** Mark reviewed (with an optional comment). */
function MarkReviewedForm({ incident, onDone }: ActionProps) {
  const review = useReviewIncident(incident.id);
  const form = useApiForm(incidentReview, { fields: ['comment'], defaultValues: { decision: 'reviewed', comment: '' } });
  const onSubmit = async (values: z.output<typeof incidentReview>) => {
    await review.mutateAsync(values);
    form.reset({ decision: 'reviewed', comment: '' });
    onDone('The incident is marked reviewed.');
  };
  return (
    <ApiForm form={form} onSubmit={onSubmit} submitLabel="Mark reviewed" busyLabel="Saving…" label="Mark reviewed" className="form form--compact">
      <TextAreaField label="Review comment (optional)" rows={2} {...form.register('comment')} />
    </ApiForm>
  );
}

/** Ask the reporter for a correction (a comment is required). */
function AskCorrectionForm({ incident, onDone }: ActionProps) {
  const review = useReviewIncident(incident.id);
  const form = useApiForm(incidentReview, { fields: ['comment'], defaultValues: { decision: 'correction_requested', comment: '' } });
  const onSubmit = async (values: z.output<typeof incidentReview>) => {
    await review.mutateAsync(values);
    form.reset({ decision: 'correction_requested', comment: '' });
    onDone('A correction has been asked for. The reporter can now correct the record.');
  };
  return (
    <ApiForm form={form} onSubmit={onSubmit} submitLabel="Ask for a correction" busyLabel="Sending…" label="Ask for a correction" className="form form--compact">
      <TextAreaField label="What needs correcting?" hint="The reporter sees this in the record’s history." rows={2} {...form.register('comment')} />
    </ApiForm>
  );
}

/** After a review, the next incident waiting for one: a manager with twenty to do need not go back to the list each time. */
export function NextToReview({ currentId }: { currentId: number }) {
  const waiting = useIncidents({ status: 'submitted', limit: 2, offset: 0 });
  const next = waiting.data?.items.find((i) => i.id !== currentId);
  if (!waiting.data || !next) return null;
  const left = waiting.data.total - (waiting.data.items.some((i) => i.id === currentId) ? 1 : 0);
  return (
    <p>
      <Link to={`/incidents/${next.id}`}>Next incident waiting for review</Link> ({left} waiting)
    </p>
  );
}

/** A manager's or lead's review controls. */
export function ReviewControls({ incident, onDone }: ActionProps) {
  return (
    <>
      {incident.status !== 'reviewed' && (
        <>
          <h3>Mark reviewed</h3>
          <p>You have read the record and any restrictive interventions, and nothing needs correcting.</p>
          <MarkReviewedForm incident={incident} onDone={onDone} />
        </>
      )}
      <h3>Ask for a correction</h3>
      <AskCorrectionForm incident={incident} onDone={onDone} />
    </>
  );
}

const correctionForm = z.object({
  reason: z.string().trim().min(1, 'Say why the record is being corrected').max(2000),
  location: z.string().trim().max(200),
  antecedent: z.string().trim().max(4000),
  behaviour: z.string().trim().max(4000),
  consequence: z.string().trim().max(4000),
  harmPhysical: z.enum(physicalHarmLevels),
  harmPsychological: z.enum(psychologicalHarmLevels),
  narrative: z.string().trim().min(1, 'Say what happened').max(10_000),
  settingEvents: z.array(z.string()).max(20),
  contributoryFactors: z.array(z.enum(contributoryFactors)).max(19),
  staffIds: z.array(z.number()).max(50),
});
type CorrectionValues = z.output<typeof correctionForm>;
const correctionFields = ['reason', 'location', 'antecedent', 'behaviour', 'consequence', 'harmPhysical', 'harmPsychological', 'narrative', 'settingEvents', 'contributoryFactors', 'staffIds'] as const;

function recorded(incident: Incident): Omit<CorrectionValues, 'reason'> {
  return {
    location: incident.location, antecedent: incident.antecedent, behaviour: incident.behaviour, consequence: incident.consequence,
    harmPhysical: incident.harmPhysical, harmPsychological: incident.harmPsychological, narrative: incident.narrative,
    settingEvents: incident.settingEvents, contributoryFactors: incident.contributoryFactors, staffIds: incident.staff.map((s) => s.id),
  };
}

/** Correct recorded facts; the record's history keeps what each answer said before. */
export function CorrectionForm({ incident, onDone }: ActionProps) {
  const correct = useCorrectIncident(incident.id);
  const form = useApiForm(correctionForm, {
    fields: correctionFields,
    mapPath: (path) => path.replace(/^changes\./, ''),
    defaultValues: { reason: '', ...recorded(incident) },
  });
  const settingOptions = [...new Set([...defaultSettingEvents, ...incident.settingEvents])].map((code) => ({ value: code, label: settingEventLabel(code) }));
  const staffOptions = useStaffChoices(incident.serviceId, incident.staff);
  const onSubmit = async (values: CorrectionValues) => {
    const { reason, ...answers } = values;
    const changes = changedValues(recorded(incident), answers);
    if (Object.keys(changes).length === 0) {
      throw new ApiError({ type: 'about:blank', title: 'Nothing changed', status: 400, detail: 'Change at least one answer, or add information instead.' });
    }
    const saved = await correct.mutateAsync({ reason, changes });
    form.reset({ reason: '', ...recorded(saved) });
    onDone('The correction has been saved. The history shows what it said before.');
  };
  return (
    <ApiForm form={form} onSubmit={onSubmit} submitLabel="Save correction" label="Correct the record" className="form form--compact">
      <TextAreaField label="Why is the record being corrected?" rows={2} {...form.register('reason')} />
      <TextField label="Where" autoComplete="off" {...form.register('location')} />
      <TextAreaField label="What happened just before" rows={2} {...form.register('antecedent')} />
      <TextAreaField label="What the person did" rows={2} {...form.register('behaviour')} />
      <TextAreaField label="What happened after" rows={2} {...form.register('consequence')} />
      <RadioGroup legend="Physical harm" options={physicalHarmLevels.map((h) => ({ value: h, label: physicalHarmLabels[h] }))} {...form.register('harmPhysical')} />
      <RadioGroup legend="Psychological harm" options={psychologicalHarmLevels.map((h) => ({ value: h, label: psychologicalHarmLabels[h] }))} {...form.register('harmPsychological')} />
      <TextAreaField label="What happened, in full" rows={4} {...form.register('narrative')} />
      {staffOptions.length > 0 && <CheckboxGroup control={form.control} name="staffIds" legend="Staff involved" hint="Tick everyone who was involved." options={staffOptions} />}
      <CodeCheckboxGroup layout="chips" name="settingEvents" legend="Setting events" options={settingOptions} />
      <CodeCheckboxGroup layout="chips" name="contributoryFactors" legend="Contributory factors" options={contributoryFactors.map((c) => ({ value: c, label: contributoryFactorLabel(c) }))} />
    </ApiForm>
  );
}
