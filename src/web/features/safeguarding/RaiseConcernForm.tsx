import { useEffect } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { z } from 'zod';
import { abuseCategories, locationsOfRisk, sourcesOfRisk } from '../../../domain/safeguarding.js';
import { ApiForm } from '../../components/ApiForm.js';
import { CodeCheckboxGroup, RadioGroup, SelectField, TextField } from '../../components/Field.js';
import { asNumber, useApiForm } from '../../components/forms.js';
import { withFlash } from '../../components/flash.js';
import { useSession } from '../auth/session.js';
import { useIncident, useServicePeople } from '../incidents/api.js';
import { formatDateTime } from '../../components/formatDate.js';
import { TextAreaField } from '../incidents/fields.js';
import { useRaiseConcern } from './api.js';
import { categoryPlain, locationPlain, sourcePlain } from './labels.js';

const raiseForm = z.object({
  serviceId: z.preprocess(asNumber, z.number({ error: 'Choose the service' }).int().positive()),
  personId: z.preprocess(asNumber, z.number({ error: 'Choose the person' }).int().positive()),
  categories: z.array(z.enum(abuseCategories)).min(1, 'Choose at least one kind of abuse or neglect'),
  locationOfRisk: z.enum(locationsOfRisk, { error: 'Choose where the risk is' }),
  sourceOfRisk: z.enum(sourcesOfRisk, { error: 'Choose who the risk is from' }),
  immediateProtection: z.string().trim().min(1, 'Say what has been done to keep the person safe now').max(4000),
  narrative: z.string().trim().min(1, 'Say what happened').max(10_000),
  policeInvolved: z.enum(['yes', 'no'], { error: 'Say whether the police are involved' }),
  policeReference: z.string().trim().max(60),
});
type RaiseValues = z.output<typeof raiseForm>;
const fields = ['serviceId', 'personId', 'categories', 'locationOfRisk', 'sourceOfRisk', 'immediateProtection', 'narrative', 'policeInvolved', 'policeReference'] as const;

/** "Raise a concern": about a person in one of your services; from an incident (`?incident=`), linked to it. */
export function RaiseConcernForm() {
  const { me } = useSession();
  const navigate = useNavigate();
  const raise = useRaiseConcern();
  const [params] = useSearchParams();
  const incidentId = Number(params.get('incident')) || undefined;
  const incident = useIncident(incidentId ?? 0, incidentId !== undefined);
  const onlyService = me.services.length === 1 ? me.services[0]!.id : undefined;
  const form = useApiForm(raiseForm, {
    fields,
    defaultValues: {
      serviceId: onlyService ?? '', personId: '', categories: [], immediateProtection: '', narrative: '', policeReference: '',
    },
  });
  // From an incident: its service, and its person when it has one.
  const from = incident.data;
  useEffect(() => {
    if (!from) return;
    form.setValue('serviceId', from.serviceId);
    if (from.people.length === 1) form.setValue('personId', from.people[0]!.id);
  }, [from, form]);
  const serviceId = asNumber(form.watch('serviceId'));
  const people = useServicePeople(serviceId);
  const police = form.watch('policeInvolved');

  const onSubmit = async (v: RaiseValues) => {
    const concern = await raise.mutateAsync({
      serviceId: v.serviceId, personId: v.personId, raisedAt: new Date().toISOString(), categories: v.categories,
      locationOfRisk: v.locationOfRisk, sourceOfRisk: v.sourceOfRisk, immediateProtection: v.immediateProtection,
      narrative: v.narrative, policeInvolved: v.policeInvolved === 'yes',
      ...(v.policeInvolved === 'yes' && v.policeReference ? { policeReference: v.policeReference } : {}),
      ...(from ? { incidentId: from.id } : {}),
    });
    await navigate(`/safeguarding/${concern.id}`, withFlash('Your concern has been raised. The safeguarding lead has been told.'));
  };

  return (
    <ApiForm form={form} onSubmit={onSubmit} submitLabel="Raise the concern" busyLabel="Sending…">
      {from && (
        <p className="notice notice--info">
          From the incident on {formatDateTime(from.occurredAt)}{from.ref ? ` (reference ${from.ref})` : ''}: the concern will be linked to it.
        </p>
      )}
      {onlyService === undefined && (
        <SelectField
          label="Service" placeholder="Choose a service" options={me.services.map((s) => ({ value: s.id, label: s.name }))}
          {...form.register('serviceId')}
        />
      )}
      <SelectField
        label="Who is the concern about?"
        hint={serviceId === undefined ? 'Choose the service first.' : people.isPending ? 'Loading the people supported…' : 'People supported by this service.'}
        placeholder="Choose the person"
        options={(people.data?.items ?? []).map((p) => ({ value: p.id, label: p.displayName }))}
        {...form.register('personId')}
      />
      <CodeCheckboxGroup
        name="categories" legend="What kind of abuse or neglect might it be?"
        hint="Tick all that might apply. You do not need to be sure."
        options={abuseCategories.map((c) => ({ value: c, label: categoryPlain[c].label, hint: categoryPlain[c].hint }))}
      />
      <RadioGroup legend="Where is the risk?" options={locationsOfRisk.map((l) => ({ value: l, label: locationPlain[l] }))} {...form.register('locationOfRisk')} />
      <RadioGroup legend="Who is the risk from?" options={sourcesOfRisk.map((s) => ({ value: s, label: sourcePlain[s] }))} {...form.register('sourceOfRisk')} />
      <TextAreaField
        label="What has been done to keep the person safe now?"
        hint="For example, staff changed, the person moved to a safe place, a doctor called."
        rows={3} {...form.register('immediateProtection')}
      />
      <TextAreaField
        label="What happened?" hint="What you saw or were told, when and where, in your own words. Write down what the person said, in their words."
        rows={6} {...form.register('narrative')}
      />
      <RadioGroup
        legend="Are the police involved?" hint="Call 999 if someone is in danger now."
        options={[{ value: 'yes', label: 'Yes' }, { value: 'no', label: 'No' }]} {...form.register('policeInvolved')}
      />
      {police === 'yes' && (
        <TextField label="Police reference (if you have one)" width="medium" autoComplete="off" {...form.register('policeReference')} />
      )}
    </ApiForm>
  );
}
