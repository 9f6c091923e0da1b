import { Link } from 'react-router';
import { PageHeader } from '../components/PageHeader.js';
import { useSession } from '../features/auth/session.js';
import { IncidentsList } from '../features/incidents/IncidentsList.js';

export function IncidentsPage() {
  const { can } = useSession();
  return (
    <>
      <PageHeader
        title="Incidents"
        description="Incidents in your services, newest first, with any restrictive interventions and where each is in review."
        actions={can('recordIncidents') && <Link className="button" to="/incidents/new">Record an incident</Link>}
      />
      <IncidentsList />
    </>
  );
}
