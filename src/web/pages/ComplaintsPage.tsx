import { Link } from 'react-router';
import { PageHeader } from '../components/PageHeader.js';
import { useSession } from '../features/auth/session.js';
import { ComplaintsList } from '../features/complaints/Complaints.js';

export function ComplaintsPage() {
  const { can } = useSession();
  return (
    <>
      <PageHeader
        title="Complaints"
        description="Complaints, feedback and compliments about your services. Acknowledge a complaint within 3 working days."
        actions={can('recordComplaints') && <Link className="button" to="/complaints/new">Record a complaint or feedback</Link>}
      />
      <ComplaintsList />
    </>
  );
}
