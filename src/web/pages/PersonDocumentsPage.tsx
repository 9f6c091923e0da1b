import { useState } from 'react';
import { useParams, useSearchParams } from 'react-router';
import { BackLink } from '../components/BackLink.js';
import { Notice } from '../components/Notice.js';
import { DocumentTitle, PageHeader } from '../components/PageHeader.js';
import { QueryResult } from '../components/QueryResult.js';
import { useSession } from '../features/auth/session.js';
import { AddVersionForm, PersonDocuments } from '../features/learning/Documents.js';
import { usePerson } from '../features/people/api.js';

export function PersonDocumentsPage() {
  const id = Number(useParams().id);
  const [params] = useSearchParams();
  const actionId = Number(params.get('actionId')) || undefined;
  const person = usePerson(id);
  const { can } = useSession();
  const [done, setDone] = useState<string | null>(null);
  return (
    <>
      <BackLink to={`/people/${id}`}>Back to the person</BackLink>
      {done && <Notice title={done} />}
      {person.isPending && <DocumentTitle title="Risk assessments and plans" />}
      <QueryResult query={person} loadingLabel="Loading…">
        {(p) => (
          <>
            <PageHeader title={`${p.displayName}: risk assessments and plans`} documentTitle="Risk assessments and plans" caption={p.serviceName} />
            <PersonDocuments personId={id} />
            {can('editDocuments') && (
              <section className="section" aria-labelledby="add-version-title" id="add-version">
                <h2 id="add-version-title">Add a new version</h2>
                <AddVersionForm personId={id} actionId={actionId} onDone={setDone} />
              </section>
            )}
          </>
        )}
      </QueryResult>
    </>
  );
}
