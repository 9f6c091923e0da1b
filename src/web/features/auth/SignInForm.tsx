import { useLocation, useNavigate, type Location } from 'react-router';
import { signInBody, type SignInBody } from '../../../domain/auth.js';
import { ApiForm } from '../../components/ApiForm.js';
import { TextField } from '../../components/Field.js';
import { useApiForm } from '../../components/forms.js';
import { useSignIn } from './api.js';

/** Email and password; on success, back to the page that asked for sign-in (or Home). */
export function SignInForm() {
  const signIn = useSignIn();
  const navigate = useNavigate();
  const location = useLocation();
  const from = (location.state as { from?: Location } | null)?.from;
  const form = useApiForm(signInBody, { fields: ['email', 'password'], defaultValues: { email: '', password: '' } });
  const onSubmit = async (values: SignInBody) => {
    try {
      await signIn.mutateAsync(values);
    } catch (error) {
      form.setValue('password', '');
      throw error;
    }
    const back = from && from.pathname !== '/sign-in' ? `${from.pathname}${from.search}` : '/';
    await navigate(back, { replace: true });
  };
  return (
    <ApiForm form={form} onSubmit={onSubmit} submitLabel="Sign in" busyLabel="Signing in…">
      <TextField label="Email address" type="email" width="medium" autoComplete="username" spellCheck={false} {...form.register('email')} />
      <TextField label="Password" type="password" width="medium" autoComplete="current-password" {...form.register('password')} />
    </ApiForm>
  );
}
