import { Link, useParams } from 'react-router';
import { BackLink } from '../components/BackLink.js';
import { useFlash } from '../components/flash.js';
import { Notice } from '../components/Notice.js';
import { DocumentTitle, PageHeader } from '../components/PageHeader.js';
import { QueryResult } from '../components/QueryResult.js';
import { useSession } from '../features/auth/session.js';
import { useStaffMember } from '../features/staff/api.js';
import { StaffDetails } from '../features/staff/StaffDetails.js';

export function StaffMemberPage() {
  const id = Number(useParams().id);
  const { can } = useSession();
  const member = useStaffMember(id);
  const flash = useFlash();
  return (
    <>
      <BackLink to="/staff">All staff</BackLink>
      {flash && <Notice title={flash} />}
      {member.isPending && <DocumentTitle title="Staff" />}
      <QueryResult query={member} loadingLabel="Loading…">
        {(m) => (
          <>
            <PageHeader
              title={m.name} caption="Staff"
              actions={can('editStaff') && <Link className="button button--secondary" to={`/staff/${m.id}/edit`}>Change details</Link>}
            />
            <StaffDetails member={m} />
          </>
        )}
      </QueryResult>
    </>
  );
}
