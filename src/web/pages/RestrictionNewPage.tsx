import { BackLink } from '../components/BackLink.js';
import { PageHeader } from '../components/PageHeader.js';
import { AddRestrictionForm } from '../features/restrictions/Restrictions.js';

export function RestrictionNewPage() {
  return (
    <>
      <BackLink to="/restrictions">Restrictions</BackLink>
      <PageHeader title="Add a restriction to the register" documentTitle="Add a restriction" />
      <AddRestrictionForm />
    </>
  );
}
