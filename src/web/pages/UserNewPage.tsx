import { BackLink } from '../components/BackLink.js';
import { PageHeader } from '../components/PageHeader.js';
import { CreateUserForm } from '../features/users/CreateUserForm.js';

export function UserNewPage() {
  return (
    <>
      <BackLink to="/users">All users</BackLink>
      <PageHeader title="Create an account" />
      <CreateUserForm />
    </>
  );
}
