import { PageHeader } from '../components/PageHeader.js';
import { MyOutcomes } from '../features/learning/Outcomes.js';

export function YouSaidWeDidPage() {
  return (
    <>
      <PageHeader
        title="You said, we did"
        description="The incidents, concerns and complaints you reported, and the lessons and actions they led to."
      />
      <MyOutcomes />
    </>
  );
}
