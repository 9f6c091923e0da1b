import { Link } from 'react-router';
import { legalStatusLabels } from '../../../domain/codes.js';
import type { Person } from '../../../domain/organisation.js';
import { yesNo } from '../../../domain/words.js';
import { DateText } from '../../components/DateText.js';
import { SummaryList } from '../../components/SummaryList.js';


/** The facts held about a person supported. */
export function PersonDetails({ person }: { person: Person }) {
  return (
    <SummaryList
      rows={[
        { key: 'Name used in Lantern', value: person.displayName },
        { key: 'Reference', value: person.ref },
        { key: 'Service', value: <Link to={`/services/${person.serviceId}`}>{person.serviceName}</Link> },
        { key: 'Learning disability', value: yesNo(person.learningDisability) },
        { key: 'Autism', value: yesNo(person.autism) },
        { key: 'Legal status', value: legalStatusLabels[person.legalStatus] },
        { key: 'Supported since', value: <DateText value={person.startDate} /> },
        { key: 'Support ended', value: <DateText value={person.endDate} fallback="Still supported" /> },
      ]}
    />
  );
}
