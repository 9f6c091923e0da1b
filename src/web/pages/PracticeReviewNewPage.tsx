import { useSearchParams } from 'react-router';
import { BackLink } from '../components/BackLink.js';
import { PageHeader } from '../components/PageHeader.js';
import { QueryResult } from '../components/QueryResult.js';
import { useIncident } from '../features/incidents/api.js';
import { ReviewForm } from '../features/practice-reviews/ReviewForm.js';

/** "Record a practice review"; from an incident's page (`?incident=`), a debrief of that incident. */
export function PracticeReviewNewPage() {
  const [params] = useSearchParams();
  const incidentId = Number(params.get('incident')) || undefined;
  const incident = useIncident(incidentId ?? 0, incidentId !== undefined);
  return (
    <>
      {incidentId === undefined ? <BackLink to="/reviews">Practice reviews</BackLink> : <BackLink to={`/incidents/${incidentId}`}>The incident</BackLink>}
      <PageHeader
        title="Record a practice review"
        description="Who took part, whether each of the person’s restrictions is still justified, and what will change."
      />
      {incidentId === undefined ? <ReviewForm /> : (
        <QueryResult query={incident} loadingLabel="Loading the incident…">
          {(from) => <ReviewForm from={from} />}
        </QueryResult>
      )}
    </>
  );
}
