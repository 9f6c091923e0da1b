import { useEffect, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { patternKindLabels } from '../../domain/patterns.js';
import { BackLink } from '../components/BackLink.js';
import { Notice } from '../components/Notice.js';
import { DocumentTitle, PageHeader } from '../components/PageHeader.js';
import { QueryResult } from '../components/QueryResult.js';
import { useSession } from '../features/auth/session.js';
import { usePattern } from '../features/patterns/api.js';
import { DismissForm, PatternDismissal, PatternEvidence, PatternSummary } from '../features/patterns/PatternDetail.js';

export function PatternPage() {
  const id = Number(useParams().id);
  const pattern = usePattern(id);
  const { can } = useSession();
  const [done, setDone] = useState<string | null>(null);
  // The form goes once the pattern is dismissed: take the reader to what replaced it.
  const dismissedHeading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (done) dismissedHeading.current?.focus();
  }, [done]);
  return (
    <>
      <BackLink to="/patterns">Patterns</BackLink>
      {done && <Notice title={done} />}
      {pattern.isPending && <DocumentTitle title="Pattern" />}
      <QueryResult query={pattern} loadingLabel="Loading the pattern…">
        {(p) => (
          <>
            <PageHeader
              title={p.title} documentTitle="Pattern" caption={patternKindLabels[p.kind]}
              actions={can('startLearningResponses') && <Link className="button" to={`/learning-responses/new?pattern=${p.id}`}>Start a learning response</Link>}
            />
            <PatternSummary pattern={p} />
            <section className="section" aria-labelledby="evidence-title">
              <h2 id="evidence-title">Evidence</h2>
              <PatternEvidence pattern={p} />
            </section>
            {p.dismissal ? (
              <section className="section" aria-labelledby="dismissal-title">
                <h2 id="dismissal-title" ref={dismissedHeading} tabIndex={-1}>Dismissed</h2>
                <PatternDismissal dismissal={p.dismissal} />
              </section>
            ) : can('dismissPatterns') ? (
              <section className="section" aria-labelledby="dismiss-title">
                <h2 id="dismiss-title">Dismiss this pattern</h2>
                <p>If this is not a concern, dismiss it with your reason. It will leave the list of patterns and stay dismissed when Lantern finds it again.</p>
                <DismissForm pattern={p} onDone={setDone} />
              </section>
            ) : null}
          </>
        )}
      </QueryResult>
    </>
  );
}
