import { PageHeader } from '../components/PageHeader.js';
import { FollowUp } from '../features/speak-up/FollowUp.js';
import '../features/safeguarding/records.css';

/** Public: works without signing in, so an anonymous reporter leaves no trace of who they are. */
export function SpeakUpFollowUpPage() {
  return (
    <>
      <PageHeader
        title="Follow up with your receipt key"
        description="Read the guardian’s replies to your anonymous report and add information. You do not need to sign in, and nobody can see who you are."
      />
      <FollowUp />
    </>
  );
}
