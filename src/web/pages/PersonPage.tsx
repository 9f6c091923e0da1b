import { Link, useParams } from 'react-router';
import { BackLink } from '../components/BackLink.js';
import { useFlash } from '../components/flash.js';
import { Notice } from '../components/Notice.js';
import { DocumentTitle, PageHeader } from '../components/PageHeader.js';
import { QueryResult } from '../components/QueryResult.js';
import { useSession } from '../features/auth/session.js';
import { usePerson } from '../features/people/api.js';
import { PersonDetails } from '../features/people/PersonDetails.js';
import { RecordTimeline } from '../features/timeline/Timeline.js';

export function PersonPage() {
  const id = Number(useParams().id);
  const { can } = useSession();
  const person = usePerson(id);
  const flash = useFlash();
  return (
    <>
      <BackLink to="/people">All people</BackLink>
      {flash && <Notice title={flash} />}
      {person.isPending && <DocumentTitle title="Person" />}
      <QueryResult query={person} loadingLabel="Loading the person’s record…">
        {(p) => (
          <>
            <PageHeader
              title={p.displayName} caption={`Person supported at ${p.serviceName}`}
              actions={can('editPeople') && <Link className="button button--secondary" to={`/people/${p.id}/edit`}>Change details</Link>}
            />
            <PersonDetails person={p} />
            {can('readDocuments') && (
              <section className="section" aria-labelledby="person-documents-title">
                <h2 id="person-documents-title">Risk assessments and plans</h2>
                <p><Link to={`/people/${p.id}/documents`}>Risk assessments, support plans and behaviour support plans</Link>: every version, and the one in force on any date.</p>
              </section>
            )}
            {can('readPeople') && (
              <section className="section" aria-labelledby="person-timeline-title">
                <h2 id="person-timeline-title">Timeline</h2>
                <p className="secondary-text">Incidents, safeguarding concerns, complaints, practice reviews and restrictions about {p.displayName}, newest first.</p>
                <RecordTimeline path={`/api/v1/people/${p.id}/timeline`} what={`${p.displayName}’s timeline`} filterLabel="Filter the timeline" />
              </section>
            )}
          </>
        )}
      </QueryResult>
    </>
  );
}
