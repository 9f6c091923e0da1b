import { BackLink } from '../components/BackLink.js';
import { PageHeader } from '../components/PageHeader.js';
import { ComplaintForm } from '../features/complaints/ComplaintForm.js';

export function ComplaintNewPage() {
  return (
    <>
      <BackLink to="/complaints">Complaints</BackLink>
      <PageHeader title="Record a complaint, feedback or a compliment" documentTitle="Record a complaint" />
      <ComplaintForm />
    </>
  );
}
