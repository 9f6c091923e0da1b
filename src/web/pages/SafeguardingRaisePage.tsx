import { BackLink } from '../components/BackLink.js';
import { PageHeader } from '../components/PageHeader.js';
import { RaiseConcernForm } from '../features/safeguarding/RaiseConcernForm.js';
import '../features/safeguarding/records.css';

export function SafeguardingRaisePage() {
  return (
    <>
      <BackLink to="/safeguarding">Safeguarding</BackLink>
      <PageHeader
        title="Raise a safeguarding concern"
        description={<p>Tell us what you know now. You do not need proof. If someone is in danger now, call 999 first.</p>}
      />
      <RaiseConcernForm />
    </>
  );
}
