import { Link } from 'react-router';
import { PageHeader } from '../components/PageHeader.js';
import { useSession } from '../features/auth/session.js';
import { StaffList } from '../features/staff/StaffList.js';

export function StaffPage() {
  const { can } = useSession();
  return (
    <>
      <PageHeader
        title="Staff"
        description="The people who work in your services."
        actions={can('editStaff') && <Link className="button" to="/staff/new">Add a member of staff</Link>}
      />
      <StaffList />
    </>
  );
}
