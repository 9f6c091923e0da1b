import { useState } from 'react';
import { useParams } from 'react-router';
import { BackLink } from '../components/BackLink.js';
import { useFlash } from '../components/flash.js';
import { Notice } from '../components/Notice.js';
import { DocumentTitle, PageHeader } from '../components/PageHeader.js';
import { QueryResult } from '../components/QueryResult.js';
import { useSession } from '../features/auth/session.js';
import { useRestriction } from '../features/restrictions/api.js';
import { ChallengeCard, ChallengeForm, RestrictionFacts, RestrictionHistory, ReviewRestrictionForm } from '../features/restrictions/Restrictions.js';

export function RestrictionPage() {
  const id = Number(useParams().id);
  const { can } = useSession();
  const restriction = useRestriction(id);
  const flash = useFlash();
  const [done, setDone] = useState<string | null>(null);
  const message = done ?? flash;
  return (
    <>
      <BackLink to="/restrictions">Restrictions</BackLink>
      {message && <Notice title={message} />}
      {restriction.isPending && <DocumentTitle title="Restriction" />}
      <QueryResult query={restriction} loadingLabel="Loading the restriction…">
        {(r) => (
          <>
            <PageHeader title={r.description} documentTitle="Restriction" caption={r.categoryLabel} />
            <RestrictionFacts restriction={r} />
            <section className="section" aria-labelledby="history-title">
              <h2 id="history-title">History</h2>
              <RestrictionHistory restriction={r} />
            </section>
            <section className="section" aria-labelledby="challenges-title">
              <h2 id="challenges-title">Challenges</h2>
              {r.challenges.length === 0 ? <p>Nobody has challenged this restriction.</p> : (
                <ul className="rec-thread">
                  {r.challenges.map((c) => <ChallengeCard key={c.id} challenge={c} canReview={can('reviewChallenges')} onDone={setDone} />)}
                </ul>
              )}
            </section>
            {can('editRestrictions') && (
              <section className="section" aria-labelledby="review-title">
                <h2 id="review-title">Review this restriction</h2>
                <details className="rec-stage">
                  <summary>Show the review form</summary>
                  <div className="rec-stage__body">
                    <ReviewRestrictionForm key={r.updatedAt} restriction={r} onDone={setDone} />
                  </div>
                </details>
              </section>
            )}
            {can('challengeRestrictions') && r.status !== 'ended' && (
              <section className="section" aria-labelledby="challenge-title">
                <h2 id="challenge-title">Challenge this restriction</h2>
                <p>Anyone can question a restriction. You will get a reply under “My challenges”.</p>
                <ChallengeForm restrictionId={r.id} onDone={setDone} />
              </section>
            )}
          </>
        )}
      </QueryResult>
    </>
  );
}
