import { Link } from 'react-router';
import { serviceTypeLabels, serviceTypes } from '../../../domain/codes.js';
import { serviceInput, type ServiceInput } from '../../../domain/organisation.js';
import { ApiForm } from '../../components/ApiForm.js';
import { CheckboxGroup, SelectField, TextField } from '../../components/Field.js';
import { asNumber, changedValues, useApiForm } from '../../components/forms.js';
import { Loading } from '../../components/QueryResult.js';
import { useCommissioners, useRegions } from '../organisation/api.js';
import type { ServiceView } from './api.js';

interface ServiceFormProps {
  service?: ServiceView;
  submitLabel: string;
  cancelTo: string;
  /** Called with every answer, and with just those that differ from `service`. */
  onSave: (values: ServiceInput, changed: Partial<ServiceInput>) => Promise<unknown>;
}

/** The form's answers for an existing service (as much as the user can see of it). */
function answersFor(service: ServiceView): Partial<ServiceInput> {
  return {
    name: service.name, type: service.type, regionId: service.regionId, capacity: service.capacity,
    registrationNumber: service.registrationNumber ?? '', ref: service.ref ?? '',
    commissionerIds: service.commissioners?.map((c) => c.id) ?? [],
  };
}

/** Add or change a service (administrators). */
export function ServiceForm({ service, submitLabel, cancelTo, onSave }: ServiceFormProps) {
  const regions = useRegions();
  const commissioners = useCommissioners();
  const form = useApiForm(serviceInput, {
    fields: ['name', 'type', 'regionId', 'capacity', 'registrationNumber', 'ref', 'commissionerIds'],
    defaultValues: service
      ? answersFor(service)
      : { name: '', registrationNumber: '', ref: '', commissionerIds: [] },
  });
  if (!regions.data || !commissioners.data) return <Loading />;
  const onSubmit = (values: ServiceInput) => onSave(values, service ? changedValues(answersFor(service), values) : values);
  return (
    <ApiForm form={form} onSubmit={onSubmit} submitLabel={submitLabel} secondary={<Link className="button button--link" to={cancelTo}>Cancel</Link>}>
      <TextField label="Service name" {...form.register('name')} />
      <SelectField
        label="Type of service" placeholder="Choose a type"
        options={serviceTypes.map((t) => ({ value: t, label: serviceTypeLabels[t] }))}
        {...form.register('type', { setValueAs: (v: string) => (v === '' ? undefined : v) })}
      />
      <SelectField
        label="Region" placeholder="Choose a region"
        options={regions.data.map((r) => ({ value: r.id, label: r.name }))}
        {...form.register('regionId', { setValueAs: asNumber })}
      />
      <TextField
        label="Number of places" type="number" width="short" inputMode="numeric"
        hint="Beds or places the service is registered or funded for." {...form.register('capacity', { setValueAs: asNumber })}
      />
      <TextField label="CQC registration number (optional)" width="medium" hint="For example, 1-123456789." {...form.register('registrationNumber')} />
      <TextField label="Your reference (optional)" width="medium" hint="A code your organisation uses for the service." {...form.register('ref')} />
      <CheckboxGroup
        control={form.control} name="commissionerIds" legend="Commissioned by" hint="Choose all that apply."
        options={commissioners.data.map((c) => ({ value: c.id, label: c.name }))}
      />
    </ApiForm>
  );
}
