import { BackLink } from '../components/BackLink.js';
import { useFlash } from '../components/flash.js';
import { Notice } from '../components/Notice.js';
import { PageHeader } from '../components/PageHeader.js';
import { MyReports } from '../features/speak-up/MyReports.js';
import '../features/safeguarding/records.css';

export function SpeakUpMinePage() {
  const flash = useFlash();
  return (
    <>
      <BackLink to="/speak-up">Speak up</BackLink>
      {flash && <Notice title={flash} />}
      <PageHeader title="My reports" description="Your named and confidential reports to the guardian, and their replies." />
      <MyReports />
    </>
  );
}
