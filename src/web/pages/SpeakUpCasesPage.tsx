import { PageHeader } from '../components/PageHeader.js';
import { GuardianCasesList } from '../features/speak-up/GuardianCases.js';
import '../features/safeguarding/records.css';

export function SpeakUpCasesPage() {
  return (
    <>
      <PageHeader title="Speak-up cases" description="Reports to you as Freedom to Speak Up guardian, newest first. Only you can read them." />
      <GuardianCasesList />
    </>
  );
}
