import { BackLink } from '../components/BackLink.js';
import { PageHeader } from '../components/PageHeader.js';
import { IncidentForm } from '../features/incidents/IncidentForm.js';

export function RecordIncidentPage() {
  return (
    <>
      <BackLink to="/incidents">All incidents</BackLink>
      <PageHeader
        title="Record an incident"
        description="Say what happened while it is fresh in your mind. Your manager will review it."
      />
      <IncidentForm />
    </>
  );
}
