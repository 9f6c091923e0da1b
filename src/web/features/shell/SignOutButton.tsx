import { useNavigate } from 'react-router';
import { useSignOut } from '../auth/api.js';

/** End the session and go to the sign-in page, which confirms it. */
export function SignOutButton({ className = 'button button--secondary' }: { className?: string }) {
  const signOut = useSignOut();
  const navigate = useNavigate();
  const onClick = () => {
    signOut.mutate(undefined, {
      onSettled: () => void navigate('/sign-in', { replace: true, state: { signedOut: true } }),
    });
  };
  return (
    <button type="button" className={className} onClick={onClick} aria-disabled={signOut.isPending || undefined}>
      {signOut.isPending ? 'Signing out…' : 'Sign out'}
    </button>
  );
}
