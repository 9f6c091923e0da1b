import { z } from 'zod';
import type { outcomeLessonSchema, ReportOutcome } from '../../../domain/learning.js';
import { QueryResult } from '../../components/QueryResult.js';
import { useMyOutcomes } from './api.js';

const sourceLabels: Record<ReportOutcome['source'], string> = { incident: 'Incident', safeguarding_concern: 'Safeguarding concern', complaint: 'Complaint' };

/** The lessons and actions a report led to, in plain words. */
export function LessonsLedTo({ lessons }: { lessons: readonly z.infer<typeof outcomeLessonSchema>[] }) {
  if (lessons.length === 0) return null;
  return (
    <ul className="plain-list plain-list--bordered">
      {lessons.map((l, i) => (
        <li key={i}>
          <p><strong>What we learned:</strong> {l.statement}</p>
          {l.actions.length > 0 ? (
            <>
              <p>What we did:</p>
              <ul>{l.actions.map((a, j) => <li key={j}>{a.text}</li>)}</ul>
            </>
          ) : <p>No actions yet.</p>}
        </li>
      ))}
    </ul>
  );
}

/** "You said, we did": each report of yours and what it led to. */
export function MyOutcomes() {
  const outcomes = useMyOutcomes();
  return (
    <QueryResult query={outcomes} loadingLabel="Loading your reports…">
      {(data) => data.items.length === 0 ? <p className="empty">You have not reported anything yet, or nothing you reported can be shown here.</p> : (
        <div className="card-list">
          {data.items.map((r) => (
            <section className="card" key={`${r.source}:${r.id}`} aria-labelledby={`outcome-${r.source}-${r.id}`}>
              <h2 className="card__title" id={`outcome-${r.source}-${r.id}`}>{sourceLabels[r.source]}{r.ref ? ` ${r.ref}` : ''}</h2>
              <p>{r.text}</p>
              <LessonsLedTo lessons={r.lessons} />
            </section>
          ))}
        </div>
      )}
    </QueryResult>
  );
}
