import { Link } from 'react-router';
import { PageHeader } from '../components/PageHeader.js';
import { useSession } from '../features/auth/session.js';
import { PeopleList } from '../features/people/PeopleList.js';

export function PeoplePage() {
  const { can } = useSession();
  return (
    <>
      <PageHeader
        title="People supported"
        documentTitle="People"
        description="The people supported in your services. Each time you open this list or a person’s record, it is noted in the audit trail."
        actions={can('editPeople') && <Link className="button" to="/people/new">Add a person</Link>}
      />
      <PeopleList />
    </>
  );
}
