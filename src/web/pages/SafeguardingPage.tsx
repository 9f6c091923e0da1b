import { Link } from 'react-router';
import { PageHeader } from '../components/PageHeader.js';
import { useSession } from '../features/auth/session.js';
import { ConcernsList, Worklist } from '../features/safeguarding/ConcernsList.js';
import '../features/safeguarding/records.css';

export function SafeguardingPage() {
  const { can } = useSession();
  return (
    <>
      <PageHeader
        title="Safeguarding"
        description="If you think someone is being abused or neglected, raise a concern straight away. If someone is in danger now, call 999."
        actions={can('raiseSafeguarding') && <Link className="button" to="/safeguarding/new">Raise a concern</Link>}
      />
      {can('manageSafeguarding') && (
        <section className="section" aria-labelledby="worklist-title">
          <h2 id="worklist-title">To do: overdue and due soon</h2>
          <Worklist />
        </section>
      )}
      <section className="section" aria-labelledby="concerns-title">
        <h2 id="concerns-title">Concerns</h2>
        <ConcernsList />
      </section>
    </>
  );
}
