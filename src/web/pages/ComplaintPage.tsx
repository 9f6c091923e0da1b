import { useState } from 'react';
import { useParams } from 'react-router';
import { BackLink } from '../components/BackLink.js';
import { useFlash } from '../components/flash.js';
import { Notice } from '../components/Notice.js';
import { DocumentTitle, PageHeader } from '../components/PageHeader.js';
import { QueryResult } from '../components/QueryResult.js';
import { useSession } from '../features/auth/session.js';
import { useComplaint } from '../features/complaints/api.js';
import { AcknowledgeForm, ComplaintFacts, OutcomeForm, RespondForm } from '../features/complaints/Complaints.js';
import { kindLabels } from '../features/complaints/labels.js';
import { LinkedRecords } from '../features/timeline/LinkedRecords.js';

export function ComplaintPage() {
  const id = Number(useParams().id);
  const { can } = useSession();
  const complaint = useComplaint(id);
  const flash = useFlash();
  const [done, setDone] = useState<string | null>(null);
  const message = done ?? flash;
  return (
    <>
      <BackLink to="/complaints">Complaints</BackLink>
      {message && <Notice title={message} />}
      {complaint.isPending && <DocumentTitle title="Complaint" />}
      <QueryResult query={complaint} loadingLabel="Loading…">
        {(c) => (
          <>
            <PageHeader title={c.subject} documentTitle={kindLabels[c.kind]} caption={`${kindLabels[c.kind]}${c.ref ? `, reference ${c.ref}` : ''}`} />
            <ComplaintFacts complaint={c} />
            <LinkedRecords record={{ source: 'complaint', id: c.id }} canChange={can('manageComplaints')} />
            {can('manageComplaints') && (
              <>
                {!c.acknowledgedAt && (
                  <section className="section" aria-labelledby="ack-title">
                    <h2 id="ack-title">Acknowledge</h2>
                    <AcknowledgeForm complaint={c} onDone={setDone} />
                  </section>
                )}
                {!c.respondedAt && (
                  <section className="section" aria-labelledby="respond-title">
                    <h2 id="respond-title">Respond</h2>
                    <RespondForm complaint={c} onDone={setDone} />
                  </section>
                )}
                {c.kind === 'complaint' && (
                  <section className="section" aria-labelledby="outcome-title">
                    <h2 id="outcome-title">Outcome</h2>
                    <OutcomeForm key={c.outcome ?? ''} complaint={c} onDone={setDone} />
                  </section>
                )}
              </>
            )}
          </>
        )}
      </QueryResult>
    </>
  );
}
