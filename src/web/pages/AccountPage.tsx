import { PageHeader } from '../components/PageHeader.js';
import { AccountDetails } from '../features/auth/AccountDetails.js';
import { ChangePasswordForm } from '../features/auth/ChangePasswordForm.js';
import { SignOutButton } from '../features/shell/SignOutButton.js';

export function AccountPage() {
  return (
    <>
      <PageHeader title="Your account" documentTitle="Account" />
      <AccountDetails />
      <section className="section" aria-labelledby="password-title">
        <h2 id="password-title">Change your password</h2>
        <ChangePasswordForm />
      </section>
      <section className="section" aria-labelledby="sign-out-title">
        <h2 id="sign-out-title">Sign out</h2>
        <p>Sign out when you have finished, especially on a shared computer or phone.</p>
        <SignOutButton />
      </section>
    </>
  );
}
