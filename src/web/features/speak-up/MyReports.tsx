import { formatDate } from '../../components/formatDate.js';
import { QueryResult } from '../../components/QueryResult.js';
import { useMySpeakUps } from './api.js';
import { modeShort } from './labels.js';
import { SpeakUpStatusTag } from './GuardianCases.js';

/** Your named and confidential reports, with the guardian's replies. */
export function MyReports() {
  const mine = useMySpeakUps();
  return (
    <QueryResult query={mine} loadingLabel="Loading your reports…">
      {(data) => data.items.length === 0 ? (
        <p className="empty">You have no named or confidential reports. Anonymous reports are not listed here: use your receipt key.</p>
      ) : (
        <>
          {data.items.map((r) => (
            <section key={r.id} className="section" aria-labelledby={`report-${r.id}`}>
              <h2 id={`report-${r.id}`}>{modeShort[r.mode]} report of {formatDate(r.receivedOn)}</h2>
              <p><SpeakUpStatusTag status={r.status} />{r.service ? ` ${r.service.name}` : ''}</p>
              <p className="rec-text">{r.whatHappened}</p>
              <h3>Replies from the guardian</h3>
              {r.replies.length === 0 ? <p>No replies yet.</p> : (
                <ul className="rec-thread">
                  {r.replies.map((reply, index) => (
                    <li key={index} className="is-guardian">
                      <p className="rec-thread__who">Guardian, {formatDate(reply.on)}</p>
                      <p className="rec-thread__text">{reply.text}</p>
                    </li>
                  ))}
                </ul>
              )}
            </section>
          ))}
        </>
      )}
    </QueryResult>
  );
}
