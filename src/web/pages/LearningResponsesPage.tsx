import { Link } from 'react-router';
import { BackLink } from '../components/BackLink.js';
import { PageHeader } from '../components/PageHeader.js';
import { useSession } from '../features/auth/session.js';
import { LearningResponsesList } from '../features/learning/Responses.js';

export function LearningResponsesPage() {
  const { can } = useSession();
  return (
    <>
      <BackLink to="/learning">Learning</BackLink>
      <PageHeader
        title="Learning responses"
        description="Responses of the national framework’s types, each with its evidence, contributory factors, findings and lessons."
        actions={can('startLearningResponses') && <Link className="button" to="/learning-responses/new">Start a learning response</Link>}
      />
      <LearningResponsesList />
    </>
  );
}
