import { Link } from 'react-router';
import { serviceTypeLabels } from '../../../domain/codes.js';
import { formatNumber } from '../../components/formatDate.js';
import { SummaryList, type SummaryRow } from '../../components/SummaryList.js';
import { useSession } from '../auth/session.js';
import type { ServiceView } from './api.js';

/** The facts about a service; board members and commissioners see the summary fields only. */
export function ServiceDetails({ service }: { service: ServiceView }) {
  const { can } = useSession();
  const rows: SummaryRow[] = [
    { key: 'Type', value: serviceTypeLabels[service.type] },
    { key: 'Region', value: service.regionName },
    { key: 'Places', value: `${formatNumber(service.capacity)} ${service.capacity === 1 ? 'place' : 'places'}` },
  ];
  if (service.registrationNumber !== undefined) rows.push({ key: 'CQC registration', value: service.registrationNumber ?? 'Not recorded' });
  if (service.ref !== undefined) rows.push({ key: 'Reference', value: service.ref ?? 'Not recorded' });
  if (service.commissioners) {
    rows.push({
      key: 'Commissioned by',
      value: service.commissioners.length ? service.commissioners.map((c) => c.name).join(', ') : 'No commissioners recorded',
    });
  }
  return (
    <>
      <SummaryList rows={rows} />
      {can('readPeople') && (
        <ul className="link-list">
          <li><Link to={`/people?serviceId=${service.id}`}>People supported at {service.name}</Link></li>
          <li><Link to={`/staff?serviceId=${service.id}`}>Staff working at {service.name}</Link></li>
        </ul>
      )}
    </>
  );
}
