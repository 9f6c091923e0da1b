import { useState } from 'react';
import { z } from 'zod';
import { changePasswordBody } from '../../../domain/auth.js';
import { ApiForm } from '../../components/ApiForm.js';
import { TextField } from '../../components/Field.js';
import { useApiForm } from '../../components/forms.js';
import { Notice } from '../../components/Notice.js';
import { useChangePassword } from './api.js';

// The shared rules, plus typing the new password twice.
const changePasswordForm = changePasswordBody
  .extend({ confirmPassword: z.string().min(1, 'Type the new password again') })
  .refine((v) => v.confirmPassword === v.newPassword, { message: 'The two new passwords are not the same', path: ['confirmPassword'] });

/** Change your own password; other signed-in sessions of yours are ended. */
export function ChangePasswordForm() {
  const change = useChangePassword();
  const [isChanged, setChanged] = useState(false);
  const form = useApiForm(changePasswordForm, {
    fields: ['currentPassword', 'newPassword', 'confirmPassword'],
    defaultValues: { currentPassword: '', newPassword: '', confirmPassword: '' },
  });
  const onSubmit = async ({ currentPassword, newPassword }: z.infer<typeof changePasswordForm>) => {
    setChanged(false);
    await change.mutateAsync({ currentPassword, newPassword });
    form.reset();
    setChanged(true);
  };
  return (
    <>
      {isChanged && <Notice title="Your password has been changed">Anywhere else you were signed in has been signed out.</Notice>}
      <ApiForm form={form} onSubmit={onSubmit} submitLabel="Change password" label="Change your password">
        <TextField label="Current password" type="password" width="medium" autoComplete="current-password" {...form.register('currentPassword')} />
        <TextField
          label="New password" type="password" width="medium" autoComplete="new-password"
          hint="At least 12 characters. A few unrelated words together make a strong password that is easy to remember."
          {...form.register('newPassword')}
        />
        <TextField label="New password again" type="password" width="medium" autoComplete="new-password" {...form.register('confirmPassword')} />
      </ApiForm>
    </>
  );
}
