import { useLocation } from 'react-router';
import { Notice } from '../components/Notice.js';
import { PageHeader } from '../components/PageHeader.js';
import { SignInForm } from '../features/auth/SignInForm.js';

export function SignInPage() {
  const state = useLocation().state as { signedOut?: boolean } | null;
  const isSignedOut = state?.signedOut === true;
  return (
    <div className="narrow">
      {isSignedOut && <Notice title="You have signed out" />}
      <PageHeader title="Sign in to Lantern" documentTitle="Sign in" description="Use the email address and password your organisation gave you." />
      <SignInForm />
      <p className="secondary-text">If you cannot sign in, ask your Lantern administrator to check your account.</p>
    </div>
  );
}
