import { Link } from 'react-router';
import { PageHeader } from '../components/PageHeader.js';
import { UsersList } from '../features/users/UsersList.js';

export function UsersPage() {
  return (
    <>
      <PageHeader
        title="Users"
        description="Everyone who can sign in to Lantern, their role and the services they cover."
        actions={<Link className="button" to="/users/new">Create an account</Link>}
      />
      <UsersList />
    </>
  );
}
