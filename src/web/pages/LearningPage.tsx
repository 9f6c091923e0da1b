import { Link } from 'react-router';
import { DataTable } from '../components/DataTable.js';
import { DateText } from '../components/DateText.js';
import { PageHeader } from '../components/PageHeader.js';
import { QueryResult } from '../components/QueryResult.js';
import { useSession } from '../features/auth/session.js';
import { ActionsTable } from '../features/learning/Actions.js';
import { useLearningWorklist } from '../features/learning/api.js';

function Worklist() {
  const worklist = useLearningWorklist();
  return (
    <QueryResult query={worklist} loadingLabel="Loading your worklist…">
      {(w) => (
        <>
          <h3>Overdue actions escalated to you</h3>
          <ActionsTable actions={w.actions} caption="Overdue actions escalated to you" isCaptionHidden />
          <h3>Lessons shared with your services, not yet answered</h3>
          <DataTable
            caption="Lessons shared with your services, not yet answered" isCaptionHidden
            rows={w.shares} rowKey={(s) => s.id} emptyMessage="None are overdue."
            columns={[
              { header: 'Lesson', isRowHeader: true, cell: (s) => <Link to={`/lessons/${s.lessonId}#answer`}>{s.lessonStatement}</Link> },
              { header: 'Service', cell: (s) => s.service.name },
              { header: 'Answer due', isNoWrap: true, cell: (s) => <DateText value={s.dueOn} /> },
            ]}
          />
        </>
      )}
    </QueryResult>
  );
}

/** The learning loop's start page: where to go, and what is overdue. */
export function LearningPage() {
  const { can } = useSession();
  return (
    <>
      <PageHeader
        title="Learning"
        description="From evidence to lessons, from lessons to actions, and an honest verdict on whether each action worked."
        actions={can('startLearningResponses') && <Link className="button" to="/learning-responses/new">Start a learning response</Link>}
      />
      <ul className="link-list">
        {can('readLearningResponses') && <li><Link to="/learning-responses">Learning responses</Link>: after action reviews, SWARM huddles, thematic reviews and more.</li>}
        <li><Link to="/lessons">The learning library</Link>: every lesson you may read, and how widely each was taken up.</li>
        {can('readActions') && <li><Link to="/actions">Actions</Link>: who is doing what by when, and whether it worked.</li>}
        {can('readTraining') && <li><Link to="/training">Training</Link>: courses assigned from lessons, and compliance by service.</li>}
        <li><Link to="/you-said-we-did">You said, we did</Link>: what your own reports led to.</li>
      </ul>
      {can('readActions') && (
        <section className="section" aria-labelledby="worklist-title">
          <h2 id="worklist-title">Your worklist</h2>
          <Worklist />
        </section>
      )}
    </>
  );
}
