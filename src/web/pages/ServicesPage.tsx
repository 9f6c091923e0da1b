import { Link } from 'react-router';
import { PageHeader } from '../components/PageHeader.js';
import { useSession } from '../features/auth/session.js';
import { ServicesList } from '../features/services/ServicesList.js';

export function ServicesPage() {
  const { can } = useSession();
  return (
    <>
      <PageHeader
        title="Services"
        description={can('readServiceDetail') ? 'The services you can see, with their type, region and number of places.' : 'Summaries of the services you can see.'}
        actions={can('editServices') && <Link className="button" to="/services/new">Add a service</Link>}
      />
      <ServicesList />
    </>
  );
}
