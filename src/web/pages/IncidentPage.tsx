import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { BackLink } from '../components/BackLink.js';
import { formatDateTime } from '../components/formatDate.js';
import { useFlash } from '../components/flash.js';
import { Notice } from '../components/Notice.js';
import { DocumentTitle, PageHeader } from '../components/PageHeader.js';
import { QueryResult } from '../components/QueryResult.js';
import { useSession } from '../features/auth/session.js';
import { useIncident } from '../features/incidents/api.js';
import { AddendumForm, CorrectionForm, NextToReview, ReviewControls } from '../features/incidents/IncidentActions.js';
import { IncidentDetails } from '../features/incidents/IncidentDetails.js';
import { IncidentHistory } from '../features/incidents/IncidentHistory.js';
import { EpisodeCorrectionForm } from '../features/incidents/EpisodeCorrectionForm.js';
import { interventionTypeLabel, safeguardingPrompt } from '../features/incidents/labels.js';
import { IncidentReviews } from '../features/practice-reviews/Reviews.js';
import { LinkedRecords } from '../features/timeline/LinkedRecords.js';
import '../features/incidents/incidents.css';

export function IncidentPage() {
  const id = Number(useParams().id);
  // A page of its own for each incident, so going on to the next one to review starts afresh.
  return <IncidentView key={id} id={id} />;
}

function IncidentView({ id }: { id: number }) {
  const { can } = useSession();
  const incident = useIncident(id);
  const flash = useFlash();
  const [done, setDone] = useState<string | null>(null);
  const [isJustReviewed, setJustReviewed] = useState(false);
  const message = done ?? flash;
  const onReviewed = (m: string) => {
    setDone(m);
    setJustReviewed(true);
  };
  return (
    <>
      <BackLink to="/incidents">All incidents</BackLink>
      {message && <Notice title={message}>{isJustReviewed && <NextToReview currentId={id} />}</Notice>}
      {incident.isPending && <DocumentTitle title="Incident" />}
      <QueryResult query={incident} loadingLabel="Loading the incident…">
        {(i) => (
          <>
            <PageHeader
              title={`Incident on ${formatDateTime(i.occurredAt)}`}
              documentTitle="Incident"
              caption={`Incident at ${i.serviceName}${i.ref ? `, reference ${i.ref}` : ''}`}
            />
            {can('reviewIncidents') && i.status === 'submitted' && <p><a href="#review-title">Go to the review</a></p>}
            <IncidentDetails incident={i} />
            {can('raiseSafeguarding') && (
              <section className="section" aria-labelledby="safeguarding-title">
                <h2 id="safeguarding-title">Safeguarding</h2>
                <p>
                  {safeguardingPrompt(i) && <strong>{safeguardingPrompt(i)} </strong>}
                  If the person may have been abused or neglected, or is at risk of it, raise a safeguarding concern: it will be linked to this incident.
                </p>
                <Link className="button button--secondary" to={`/safeguarding/new?incident=${i.id}`}>Raise a safeguarding concern</Link>
              </section>
            )}
            {can('readPracticeReviews') && <IncidentReviews incidentId={i.id} hasIntervention={i.restrictiveInterventions.length > 0} />}
            <LinkedRecords record={{ source: 'incident', id: i.id }} canChange={can('reviewIncidents')} />
            <section className="section" aria-labelledby="history-title">
              <h2 id="history-title">History</h2>
              <p className="secondary-text">Corrections and added information never overwrite what was first recorded.</p>
              <IncidentHistory incident={i} />
            </section>
            {can('recordIncidents') && (
              <section className="section" aria-labelledby="add-title">
                <h2 id="add-title">Add information</h2>
                <AddendumForm incident={i} onDone={setDone} />
              </section>
            )}
            {can('reviewIncidents') && (
              <section className="section" aria-labelledby="review-title">
                <h2 id="review-title">Review</h2>
                <ReviewControls incident={i} onDone={onReviewed} />
              </section>
            )}
            {(can('reviewIncidents') || i.status === 'correction_requested') && (
              <section className="section" aria-labelledby="correct-title">
                <h2 id="correct-title">Correct the record</h2>
                <p>
                  {i.status === 'correction_requested' && !can('reviewIncidents')
                    ? 'Your manager asked for a correction (see the history). Change what needs changing and say why.'
                    : 'Change recorded answers and say why. The history keeps what each answer said before.'}
                </p>
                <details className="optional-section">
                  <summary>Show the correction form</summary>
                  <CorrectionForm incident={i} onDone={setDone} />
                </details>
                {i.restrictiveInterventions.map((e, index) => (
                  <details className="optional-section" key={e.id}>
                    <summary>Correct restrictive intervention {index + 1} ({interventionTypeLabel(e.typeCode).toLowerCase()})</summary>
                    <EpisodeCorrectionForm incident={i} episode={e} position={index + 1} onDone={setDone} />
                  </details>
                ))}
              </section>
            )}
          </>
        )}
      </QueryResult>
    </>
  );
}
