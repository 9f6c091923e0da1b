import { Link } from 'react-router';
import { PageHeader } from '../components/PageHeader.js';
import { useSession } from '../features/auth/session.js';
import { RestrictionsList } from '../features/restrictions/Restrictions.js';

export function RestrictionsPage() {
  const { can } = useSession();
  return (
    <>
      <PageHeader
        title="Restrictions"
        description="Everything that limits what people can do, why, and when it will next be reviewed. Soonest review first."
        actions={can('editRestrictions') && <Link className="button" to="/restrictions/new">Add a restriction</Link>}
      />
      <ul className="plain-list rec-links">
        <li><Link to="/restrictions/unwritten-rule">Report an unwritten rule</Link> – something that limits people but is not in the register</li>
        <li><Link to="/restrictions/my-challenges">My challenges</Link> – what you raised and the replies</li>
        {can('reviewChallenges') && <li><Link to="/restrictions/challenges">Challenges to review</Link></li>}
      </ul>
      <RestrictionsList />
    </>
  );
}
