import { Link } from 'react-router';
import { employmentTypeLabels } from '../../../domain/codes.js';
import type { Staff } from '../../../domain/organisation.js';
import { SummaryList } from '../../components/SummaryList.js';

/** The facts held about a member of staff. */
export function StaffDetails({ member }: { member: Staff }) {
  return (
    <SummaryList
      rows={[
        { key: 'Job title', value: member.jobTitle },
        { key: 'Employment', value: employmentTypeLabels[member.employmentType] },
        {
          key: 'Works at',
          value: (
            <ul className="plain-list">
              {member.services.map((s) => <li key={s.id}><Link to={`/services/${s.id}`}>{s.name}</Link></li>)}
            </ul>
          ),
        },
        { key: 'Status', value: member.active ? 'Works here now' : 'Has left' },
        { key: 'Reference', value: member.ref ?? 'Not recorded' },
      ]}
    />
  );
}
