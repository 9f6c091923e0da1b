import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import type { Me } from '../../../domain/auth.js';
import { roleLabels } from '../../../domain/roles.js';
import { isApiError } from '../../api/client.js';
import { LoadError, Loading } from '../../components/QueryResult.js';
import { DocumentTitle } from '../../components/PageHeader.js';
import { useMe } from './api.js';
import { can, type Capability } from './permissions.js';

export interface Session {
  me: Me;
  can: (capability: Capability) => boolean;
}

const SessionContext = createContext<Session | null>(null);

/** The signed-in user; only inside <RequireSession>. */
export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession must be used inside <RequireSession>');
  return session;
}

/** Load /me; send anyone not signed in to the sign-in page, then come back. */
export function RequireSession({ children }: { children: ReactNode }) {
  const me = useMe();
  const location = useLocation();
  const session = useMemo<Session | null>(
    () => (me.data ? { me: me.data, can: (capability) => can(me.data.user.role, capability) } : null),
    [me.data],
  );
  if (me.isPending) {
    return (
      <main id="main-content" className="width-container main" tabIndex={-1}>
        <DocumentTitle title="Loading" />
        <Loading label="Loading Lantern…" />
      </main>
    );
  }
  if (me.isError || !session) {
    if (isApiError(me.error) && me.error.status === 401) return <Navigate to="/sign-in" replace state={{ from: location }} />;
    return (
      <main id="main-content" className="width-container main" tabIndex={-1}>
        <DocumentTitle title="Something went wrong" />
        <LoadError error={me.error} onRetry={() => void me.refetch()} />
      </main>
    );
  }
  return <SessionContext value={session}>{children}</SessionContext>;
}

/** Show a page only to roles with the capability; others get a plain "no access" page. */
export function RequireCapability({ needs, children }: { needs: Capability; children: ReactNode }) {
  const session = useSession();
  if (!session.can(needs)) {
    return (
      <>
        <DocumentTitle title="No access" />
        <h1 className="page-header__title">You do not have access to this page</h1>
        <p>Your role ({roleLabels[session.me.user.role]}) does not include this part of Lantern. If you need it, ask an administrator.</p>
      </>
    );
  }
  return <>{children}</>;
}
