import { useNavigate } from 'react-router';
import { z } from 'zod';
import { complaintChannels, complaintKinds, complaintRaisers } from '../../../domain/complaints.js';
import { ApiForm } from '../../components/ApiForm.js';
import { RadioGroup, SelectField, TextField } from '../../components/Field.js';
import { asNumber, useApiForm } from '../../components/forms.js';
import { withFlash } from '../../components/flash.js';
import { todayIso } from '../../components/formatDate.js';
import { useSession } from '../auth/session.js';
import { useServicePeople } from '../incidents/api.js';
import { InputField, TextAreaField } from '../incidents/fields.js';
import { optionsOf } from '../safeguarding/fields.js';
import { instantOf } from '../safeguarding/StageForms.js';
import { useRecordComplaint } from './api.js';
import { channelLabels, kindLabels, raiserLabels } from './labels.js';

const recordForm = z.object({
  kind: z.enum(complaintKinds, { error: 'Choose what it is' }),
  serviceId: z.preprocess(asNumber, z.number({ error: 'Choose the service' }).int().positive()),
  personId: z.preprocess(asNumber, z.number().int().positive().optional()),
  receivedAt: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Enter the date'),
  raisedBy: z.enum(complaintRaisers, { error: 'Choose who raised it' }),
  channel: z.enum(complaintChannels, { error: 'Choose how it came in' }),
  subject: z.string().trim().min(1, 'Give it a short title').max(200),
  narrative: z.string().trim().min(1, 'Say what they told you').max(10_000),
  themes: z.string().max(2000),
});
const fields = ['kind', 'serviceId', 'personId', 'receivedAt', 'raisedBy', 'channel', 'subject', 'narrative', 'themes'] as const;

export function ComplaintForm() {
  const { me } = useSession();
  const navigate = useNavigate();
  const record = useRecordComplaint();
  const onlyService = me.services.length === 1 ? me.services[0]!.id : undefined;
  const form = useApiForm(recordForm, {
    fields,
    defaultValues: { serviceId: onlyService ?? '', personId: '', receivedAt: todayIso(), subject: '', narrative: '', themes: '' },
  });
  const serviceId = asNumber(form.watch('serviceId'));
  const people = useServicePeople(serviceId);
  const onSubmit = async (v: z.output<typeof recordForm>) => {
    const saved = await record.mutateAsync({
      kind: v.kind, serviceId: v.serviceId, ...(v.personId ? { personId: v.personId } : {}), receivedAt: instantOf(v.receivedAt),
      raisedBy: v.raisedBy, channel: v.channel, subject: v.subject, narrative: v.narrative,
      themes: v.themes.split(',').map((t) => t.trim().toLowerCase()).filter(Boolean),
    });
    await navigate(`/complaints/${saved.id}`, withFlash(`The ${v.kind} has been recorded.`));
  };
  return (
    <ApiForm form={form} onSubmit={onSubmit} submitLabel="Record it" busyLabel="Saving…">
      <RadioGroup legend="What is it?" options={optionsOf(complaintKinds, kindLabels)} {...form.register('kind')} />
      {onlyService === undefined && (
        <SelectField label="Service" placeholder="Choose a service" options={me.services.map((s) => ({ value: s.id, label: s.name }))} {...form.register('serviceId')} />
      )}
      <SelectField
        label="Is it about one person we support? (optional)" placeholder="Not about one person"
        options={(people.data?.items ?? []).map((p) => ({ value: p.id, label: p.displayName }))} {...form.register('personId')}
      />
      <InputField type="date" width="short" label="Date received" {...form.register('receivedAt')} />
      <RadioGroup legend="Who raised it?" options={optionsOf(complaintRaisers, raiserLabels)} {...form.register('raisedBy')} />
      <RadioGroup legend="How did it come in?" options={optionsOf(complaintChannels, channelLabels)} {...form.register('channel')} />
      <TextField label="Short title" hint="For example, “Laundry going missing”." {...form.register('subject')} />
      <TextAreaField label="What did they tell you?" hint="In their words if you can." rows={5} {...form.register('narrative')} />
      <TextField label="Themes (optional)" hint="Words to spot patterns, separated by commas, such as food, communication." autoComplete="off" {...form.register('themes')} />
    </ApiForm>
  );
}
