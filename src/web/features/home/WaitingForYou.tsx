import { Link } from 'react-router';
import { formatNumber } from '../../components/formatDate.js';
import { useSession } from '../auth/session.js';
import { useIncidents } from '../incidents/api.js';
import { useChallenges } from '../restrictions/api.js';
import { useWorklist } from '../safeguarding/api.js';

const plural = (n: number, one: string, many: string) => `${formatNumber(n)} ${n === 1 ? one : many}`;

/**
 * The quickest ways in, and what is waiting for this person: incidents to review, their own incidents sent back for a
 * correction, safeguarding timescales overdue or due soon, and challenges to restrictions to answer.
 */
export function WaitingForYou() {
  const { can } = useSession();
  const toReview = useIncidents({ status: 'submitted', limit: 1, offset: 0 }, can('reviewIncidents'));
  const toCorrect = useIncidents({ status: 'correction_requested', reportedByMe: true, limit: 1, offset: 0 }, can('recordIncidents'));
  const worklist = useWorklist(can('manageSafeguarding'));
  const challenges = useChallenges({ status: 'open', limit: 1, offset: 0 }, can('reviewChallenges'));

  const overdue = worklist.data?.items.filter((i) => i.state === 'overdue').length ?? 0;
  const dueSoon = worklist.data?.items.filter((i) => i.state === 'due_soon').length ?? 0;
  const items = [
    toCorrect.data?.total ? { to: '/incidents?status=correction_requested&reportedByMe=true', text: `${plural(toCorrect.data.total, 'of your incidents needs', 'of your incidents need')} a correction` } : null,
    toReview.data?.total ? { to: '/incidents?status=submitted', text: `${plural(toReview.data.total, 'incident', 'incidents')} waiting for review` } : null,
    overdue || dueSoon ? {
      to: '/safeguarding',
      text: `Safeguarding: ${[overdue ? `${plural(overdue, 'timescale', 'timescales')} overdue` : '', dueSoon ? `${plural(dueSoon, 'timescale', 'timescales')} due soon` : ''].filter(Boolean).join(', ')}`,
    } : null,
    challenges.data?.total ? { to: '/restrictions/challenges', text: `${plural(challenges.data.total, 'challenge', 'challenges')} to a restriction to answer` } : null,
  ].filter((item): item is { to: string; text: string } => item !== null);
  const isLoading = [toReview, toCorrect, worklist, challenges].some((q) => q.isLoading);
  const canRecord = can('recordIncidents');
  const canRaise = can('raiseSafeguarding');
  if (!canRecord && !canRaise && !can('reviewIncidents') && !can('manageSafeguarding') && !can('reviewChallenges')) return null;

  return (
    <section className="section" aria-labelledby="waiting-title">
      <h2 id="waiting-title">Waiting for you</h2>
      {(canRecord || canRaise) && (
        <div className="button-group">
          {canRecord && <Link className="button" to="/incidents/new">Record an incident</Link>}
          {canRaise && <Link className="button button--secondary" to="/safeguarding/new">Raise a safeguarding concern</Link>}
        </div>
      )}
      {isLoading ? <p role="status">Checking what is waiting…</p> : items.length ? (
        <ul className="waiting-list">
          {items.map((item) => <li key={item.to}><Link to={item.to}>{item.text}</Link></li>)}
        </ul>
      ) : <p>Nothing is waiting for you.</p>}
    </section>
  );
}
