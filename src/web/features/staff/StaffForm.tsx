import { Link } from 'react-router';
import { employmentTypeLabels, employmentTypes } from '../../../domain/codes.js';
import { staffInput, type Staff, type StaffInput } from '../../../domain/organisation.js';
import { ApiForm } from '../../components/ApiForm.js';
import { CheckboxField, CheckboxGroup, RadioGroup, TextField } from '../../components/Field.js';
import { changedValues, useApiForm } from '../../components/forms.js';
import { useSession } from '../auth/session.js';

interface StaffFormProps {
  member?: Staff;
  submitLabel: string;
  cancelTo: string;
  /** Called with every answer, and with just those that differ from `member`. */
  onSave: (values: StaffInput, changed: Partial<StaffInput>) => Promise<unknown>;
}

/** The form's answers for an existing member of staff. */
function answersFor(member: Staff): StaffInput {
  return {
    name: member.name, jobTitle: member.jobTitle, employmentType: member.employmentType,
    serviceIds: member.services.map((s) => s.id), ref: member.ref ?? '', active: member.active,
  };
}

/** Add or change a member of staff (service managers and administrators). */
export function StaffForm({ member, submitLabel, cancelTo, onSave }: StaffFormProps) {
  const { me } = useSession();
  // A member may also work in services outside this user's scope: keep those choices visible.
  const serviceOptions = new Map(me.services.map((s) => [s.id, s.name]));
  member?.services.forEach((s) => serviceOptions.set(s.id, s.name));
  const form = useApiForm(staffInput, {
    fields: ['name', 'jobTitle', 'employmentType', 'serviceIds', 'ref', 'active'],
    defaultValues: member
      ? answersFor(member)
      : { name: '', jobTitle: '', employmentType: 'permanent', serviceIds: me.services.length === 1 ? [me.services[0]!.id] : [], ref: '', active: true },
  });
  const onSubmit = (values: StaffInput) => onSave(values, member ? changedValues(answersFor(member), values) : values);
  return (
    <ApiForm form={form} onSubmit={onSubmit} submitLabel={submitLabel} secondary={<Link className="button button--link" to={cancelTo}>Cancel</Link>}>
      <TextField label="Full name" width="medium" autoComplete="off" {...form.register('name')} />
      <TextField label="Job title" width="medium" hint="For example, Support worker or Team leader." {...form.register('jobTitle')} />
      <RadioGroup
        legend="Employment type" options={employmentTypes.map((t) => ({ value: t, label: employmentTypeLabels[t] }))}
        {...form.register('employmentType')}
      />
      <CheckboxGroup
        control={form.control} name="serviceIds" legend="Works at" hint="Choose all the services this person works in."
        options={[...serviceOptions].map(([value, label]) => ({ value, label }))}
      />
      <TextField label="Staff reference (optional)" width="medium" hint="For example, their payroll number." {...form.register('ref')} />
      {member && <CheckboxField label="Works here now" hint="Untick when the person has left." {...form.register('active')} />}
    </ApiForm>
  );
}
