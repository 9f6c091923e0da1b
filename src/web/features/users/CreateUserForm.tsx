import { Link, useNavigate } from 'react-router';
import { userInput } from '../../../domain/organisation.js';
import { ApiForm } from '../../components/ApiForm.js';
import { TextField } from '../../components/Field.js';
import { useApiForm } from '../../components/forms.js';
import { withFlash } from '../../components/flash.js';
import { AccessFields, tidyAccess } from './AccessFields.js';
import { useCreateUser, type UserInput } from './api.js';

/** Create an account with a role, its services or commissioner, and a first password (administrators). */
export function CreateUserForm() {
  const create = useCreateUser();
  const navigate = useNavigate();
  const form = useApiForm(userInput, {
    fields: ['name', 'email', 'role', 'commissionerId', 'allServices', 'serviceIds', 'password'],
    defaultValues: { name: '', email: '', role: 'support_worker', allServices: false, serviceIds: [], commissionerId: null, password: '' },
  });
  const onSubmit = async (values: UserInput) => {
    const user = await create.mutateAsync(tidyAccess(values));
    await navigate(`/users/${user.id}`, withFlash(`The account for ${user.name} has been created.`));
  };
  return (
    <ApiForm form={form} onSubmit={onSubmit} submitLabel="Create account" secondary={<Link className="button button--link" to="/users">Cancel</Link>}>
      <TextField label="Full name" width="medium" autoComplete="off" {...form.register('name')} />
      <TextField label="Email address" type="email" width="medium" autoComplete="off" spellCheck={false} hint="They sign in with this." {...form.register('email')} />
      <AccessFields />
      <TextField
        label="First password" type="password" width="medium" autoComplete="new-password"
        hint="At least 12 characters. Give it to the person privately; they can change it under Account once signed in."
        {...form.register('password')}
      />
    </ApiForm>
  );
}
