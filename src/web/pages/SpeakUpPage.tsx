import { useState } from 'react';
import { Link } from 'react-router';
import { PageHeader } from '../components/PageHeader.js';
import { ReceiptKey, SpeakUpForm } from '../features/speak-up/SpeakUpForm.js';
import '../features/safeguarding/records.css';

export function SpeakUpPage() {
  const [receiptKey, setReceiptKey] = useState<string | null>(null);
  if (receiptKey) {
    return (
      <>
        <PageHeader title="Your anonymous report has been sent" documentTitle="Report sent" />
        <p>Thank you for speaking up. The Freedom to Speak Up guardian will read it and reply.</p>
        <ReceiptKey receiptKey={receiptKey} />
        <p><Link to="/">Go to your start page</Link></p>
      </>
    );
  }
  return (
    <>
      <PageHeader
        title="Speak up"
        description={
          <p>
            Tell the Freedom to Speak Up guardian about anything that worries you at work: the safety of people we support, restrictive practice,
            bullying, or how things are done. You will not be treated badly for speaking up.
          </p>
        }
        actions={<Link className="button button--secondary" to="/speak-up/mine">My reports</Link>}
      />
      <p>
        Sent an anonymous report before? <Link to="/speak-up/follow-up">Follow up with your receipt key</Link>.
      </p>
      <SpeakUpForm onAnonymous={(key) => { setReceiptKey(key); window.scrollTo(0, 0); }} />
    </>
  );
}
