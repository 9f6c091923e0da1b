import { useState } from 'react';
import { useParams } from 'react-router';
import { BackLink } from '../components/BackLink.js';
import { formatDate } from '../components/formatDate.js';
import { Notice } from '../components/Notice.js';
import { DocumentTitle, PageHeader } from '../components/PageHeader.js';
import { QueryResult } from '../components/QueryResult.js';
import { useSpeakUpCase } from '../features/speak-up/api.js';
import { CaseFacts, CaseUpdateForm, ReplyForm, Thread } from '../features/speak-up/GuardianCases.js';
import '../features/safeguarding/records.css';

export function SpeakUpCasePage() {
  const id = Number(useParams().id);
  const report = useSpeakUpCase(id);
  const [done, setDone] = useState<string | null>(null);
  return (
    <>
      <BackLink to="/speak-up/cases">Speak-up cases</BackLink>
      {done && <Notice title={done} />}
      {report.isPending && <DocumentTitle title="Speak-up report" />}
      <QueryResult query={report} loadingLabel="Loading the report…">
        {(r) => (
          <>
            <PageHeader title={`Report of ${formatDate(r.receivedOn)}`} documentTitle="Speak-up report" caption={`Speak-up report ${r.id}`} />
            <CaseFacts report={r} />
            <section className="section" aria-labelledby="thread-title">
              <h2 id="thread-title">Messages</h2>
              <Thread report={r} />
              <ReplyForm report={r} onDone={setDone} />
            </section>
            <section className="section" aria-labelledby="update-title">
              <h2 id="update-title">Status, themes and outcome</h2>
              <CaseUpdateForm key={`${r.status}-${r.outcome ?? ''}`} report={r} onDone={setDone} />
            </section>
          </>
        )}
      </QueryResult>
    </>
  );
}
