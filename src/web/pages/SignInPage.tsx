import { Link, useLocation } from 'react-router';
import { Notice } from '../components/Notice.js';
import { PageHeader } from '../components/PageHeader.js';
import { SignInForm } from '../features/auth/SignInForm.js';
import { isAnyDraftKept } from '../features/incidents/draft.js';

export function SignInPage() {
  const state = useLocation().state as { signedOut?: boolean; from?: unknown } | null;
  const isSignedOut = state?.signedOut === true;
  // Sent here by a request that found the session had ended (see SignInWhenSessionEnds), mid-way through something.
  const hasSessionEnded = !isSignedOut && state?.from !== undefined;
  return (
    <div className="narrow">
      {isSignedOut && <Notice title="You have signed out" />}
      {hasSessionEnded && (
        <Notice tone="info" title="Your session has ended">
          <p>
            Sign in again to carry on where you were.
            {isAnyDraftKept() && ' The incident you were recording has not been sent: it is kept on this device, and comes back when you sign in.'}
          </p>
        </Notice>
      )}
      <PageHeader title="Sign in to Lantern" documentTitle="Sign in" description="Use the email address and password your organisation gave you." />
      <SignInForm />
      <p className="secondary-text">If you cannot sign in, ask your Lantern administrator to check your account.</p>
      <p className="secondary-text">
        Sent an anonymous speak-up report? <Link to="/speak-up/follow-up">Follow it up with your receipt key</Link>, without signing in.
      </p>
    </div>
  );
}
