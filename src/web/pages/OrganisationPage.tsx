import { PageHeader } from '../components/PageHeader.js';
import { QueryResult } from '../components/QueryResult.js';
import { useSession } from '../features/auth/session.js';
import { useOrganisation } from '../features/organisation/api.js';
import { CommissionersSection } from '../features/organisation/CommissionersSection.js';
import { RenameOrganisationForm } from '../features/organisation/OrganisationName.js';
import { RegionsSection } from '../features/organisation/RegionsSection.js';

export function OrganisationPage() {
  const { can } = useSession();
  const organisation = useOrganisation();
  const canEdit = can('editOrganisation');
  return (
    <>
      <PageHeader
        title="Organisation"
        description={organisation.data ? `${organisation.data.name}: its regions and the bodies that commission its services.` : undefined}
      />
      {canEdit && (
        <section className="section" aria-labelledby="name-title">
          <h2 id="name-title">Name</h2>
          <QueryResult query={organisation}>{(o) => <RenameOrganisationForm name={o.name} />}</QueryResult>
        </section>
      )}
      <RegionsSection canEdit={canEdit} />
      <CommissionersSection canEdit={canEdit} />
    </>
  );
}
