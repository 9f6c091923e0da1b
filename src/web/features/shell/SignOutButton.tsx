import { useNavigate } from 'react-router';
import { useSignOut } from '../auth/api.js';
import { useSession } from '../auth/session.js';
import { clearDraft, hasDraft } from '../incidents/draft.js';

export const SIGN_OUT_DRAFT_WARNING =
  'You have an incident you have not sent. Signing out deletes it from this device, so that no one else using it can read it. Sign out anyway?';

/**
 * End the session and go to the sign-in page, which confirms it. An unsent incident is deleted from the device first
 * (phones are shared at handover), after asking: it survives a session that runs out, but not signing out.
 */
export function SignOutButton({ className = 'button button--secondary' }: { className?: string }) {
  const signOut = useSignOut();
  const navigate = useNavigate();
  const { me } = useSession();
  const onClick = () => {
    if (hasDraft(me.user.id)) {
      if (!window.confirm(SIGN_OUT_DRAFT_WARNING)) return;
      clearDraft(me.user.id);
    }
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
