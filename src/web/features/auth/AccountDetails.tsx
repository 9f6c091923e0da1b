import { roleLabels } from '../../../domain/roles.js';
import { SummaryList } from '../../components/SummaryList.js';
import { useSession } from './session.js';

/** Who you are signed in as, your role and your services. */
export function AccountDetails() {
  const { me } = useSession();
  return (
    <SummaryList
      rows={[
        { key: 'Name', value: me.user.name },
        { key: 'Email address', value: <span className="break-anywhere">{me.user.email}</span> },
        { key: 'Role', value: roleLabels[me.user.role] },
        {
          key: 'Services',
          value: me.allServices ? 'All services' : me.services.length ? me.services.map((s) => s.name).join(', ') : 'None yet',
        },
      ]}
    />
  );
}
