import { useParams } from 'react-router';
import { BackLink } from '../components/BackLink.js';
import { useFlash } from '../components/flash.js';
import { Notice } from '../components/Notice.js';
import { DocumentTitle, PageHeader } from '../components/PageHeader.js';
import { QueryResult } from '../components/QueryResult.js';
import { usePracticeReview } from '../features/practice-reviews/api.js';
import { kindTitles } from '../features/practice-reviews/labels.js';
import { ReviewFacts, ReviewJudgements, ReviewLearning } from '../features/practice-reviews/Reviews.js';
import { formatDate } from '../components/formatDate.js';

export function PracticeReviewPage() {
  const id = Number(useParams().id);
  const review = usePracticeReview(id);
  const flash = useFlash();
  return (
    <>
      <BackLink to="/reviews">Practice reviews</BackLink>
      {flash && <Notice title={flash} />}
      {review.isPending && <DocumentTitle title="Practice review" />}
      <QueryResult query={review} loadingLabel="Loading the review…">
        {(r) => (
          <>
            <PageHeader title={`${kindTitles[r.kind]} for ${r.person.displayName}`} documentTitle="Practice review" caption={`Held on ${formatDate(r.heldOn)} at ${r.serviceName}`} />
            <ReviewFacts review={r} />
            <section className="section" aria-labelledby="judgements-title">
              <h2 id="judgements-title">Restrictions</h2>
              <p className="secondary-text">A restriction is justified only when it is necessary, proportionate to the risk, and the least restrictive option.</p>
              <ReviewJudgements review={r} />
            </section>
            <ReviewLearning review={r} />
          </>
        )}
      </QueryResult>
    </>
  );
}
