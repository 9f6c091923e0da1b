import { useParams } from 'react-router';
import { roleLabels } from '../../domain/roles.js';
import { BackLink } from '../components/BackLink.js';
import { DateText } from '../components/DateText.js';
import { useFlash } from '../components/flash.js';
import { Notice } from '../components/Notice.js';
import { DocumentTitle, PageHeader } from '../components/PageHeader.js';
import { QueryResult } from '../components/QueryResult.js';
import { ApiTokens } from '../features/users/ApiTokens.js';
import { useUser } from '../features/users/api.js';
import { EditUserForm } from '../features/users/EditUserForm.js';

export function UserPage() {
  const id = Number(useParams().id);
  const user = useUser(id);
  const flash = useFlash();
  return (
    <>
      <BackLink to="/users">All users</BackLink>
      {flash && <Notice title={flash} />}
      {user.isPending && <DocumentTitle title="Account" />}
      <QueryResult query={user} loadingLabel="Loading the account…">
        {(u) => (
          <>
            <PageHeader
              title={u.name} caption={roleLabels[u.role]}
              description={<><span className="break-anywhere">{u.email}</span>. Last signed in: <DateText value={u.lastSignInAt} withTime fallback="never" />.</>}
            />
            <section className="section" aria-labelledby="account-title">
              <h2 id="account-title">Account</h2>
              <EditUserForm user={u} />
            </section>
            <ApiTokens userId={u.id} />
          </>
        )}
      </QueryResult>
    </>
  );
}
