import { useState } from 'react';
import { userUpdate, type User } from '../../../domain/organisation.js';
import { ApiForm } from '../../components/ApiForm.js';
import { CheckboxField, TextField } from '../../components/Field.js';
import { changedValues, useApiForm } from '../../components/forms.js';
import { Notice } from '../../components/Notice.js';
import { AccessFields, tidyAccess } from './AccessFields.js';
import { useUpdateUser, type UserUpdate } from './api.js';

/** Change an account's name, role, services or status; the person then signs in again. */
export function EditUserForm({ user }: { user: User }) {
  const update = useUpdateUser(user.id);
  const [saved, setSaved] = useState<string | null>(null);
  const original: UserUpdate = {
    name: user.name, role: user.role, allServices: user.allServices, serviceIds: user.services.map((s) => s.id),
    commissionerId: user.commissionerId, disabled: user.disabled,
  };
  const form = useApiForm(userUpdate, {
    fields: ['name', 'role', 'commissionerId', 'allServices', 'serviceIds', 'disabled'],
    defaultValues: original,
  });
  // Send only what changed: a change of access signs the person out everywhere, so nothing else should.
  const onSubmit = async (values: UserUpdate) => {
    setSaved(null);
    const changed = changedValues(original, tidyAccess(values));
    if (Object.keys(changed).length === 0) {
      setSaved('Nothing had changed, so nothing was saved.');
      return;
    }
    await update.mutateAsync(changed);
    const isAccessChange = ['role', 'allServices', 'serviceIds', 'commissionerId', 'disabled'].some((key) => key in changed);
    setSaved(isAccessChange ? `The account has been saved. ${user.name} will need to sign in again.` : 'The account has been saved.');
  };
  return (
    <>
      {saved && <Notice title={saved} />}
      <ApiForm form={form} onSubmit={onSubmit} submitLabel="Save account" label="Account details">
        <TextField label="Full name" width="medium" autoComplete="off" {...form.register('name')} />
        <AccessFields />
        <CheckboxField label="Disabled" hint="A disabled account cannot sign in or use its API tokens." {...form.register('disabled')} />
      </ApiForm>
    </>
  );
}
