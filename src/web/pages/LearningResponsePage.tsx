import { useParams } from 'react-router';
import { BackLink } from '../components/BackLink.js';
import { useFlash } from '../components/flash.js';
import { Notice } from '../components/Notice.js';
import { DocumentTitle, PageHeader } from '../components/PageHeader.js';
import { QueryResult } from '../components/QueryResult.js';
import { Link } from 'react-router';
import { useSession } from '../features/auth/session.js';
import { useLearningResponse } from '../features/learning/api.js';
import { LessonForm, ResponseFacts } from '../features/learning/Responses.js';

export function LearningResponsePage() {
  const id = Number(useParams().id);
  const response = useLearningResponse(id);
  const flash = useFlash();
  const { can } = useSession();
  return (
    <>
      <BackLink to="/learning-responses">Learning responses</BackLink>
      {flash && <Notice title={flash} />}
      {response.isPending && <DocumentTitle title="Learning response" />}
      <QueryResult query={response} loadingLabel="Loading the learning response…">
        {(r) => (
          <>
            <PageHeader title={r.title} documentTitle="Learning response" caption={r.typeLabel} />
            <ResponseFacts response={r} />
            <section className="section" aria-labelledby="lessons-title">
              <h2 id="lessons-title">Lessons</h2>
              {r.lessons.length === 0 ? <p>No lessons recorded yet.</p> : (
                <ul className="plain-list plain-list--bordered">
                  {r.lessons.map((l) => <li key={l.id}><Link to={`/lessons/${l.id}`}>{l.statement}</Link></li>)}
                </ul>
              )}
            </section>
            {can('recordLessons') && (
              <section className="section" aria-labelledby="add-lesson-title">
                <h2 id="add-lesson-title">Add a lesson</h2>
                <LessonForm response={r} />
              </section>
            )}
          </>
        )}
      </QueryResult>
    </>
  );
}
