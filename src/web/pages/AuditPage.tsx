import { PageHeader } from '../components/PageHeader.js';
import { AuditTrail } from '../features/audit/AuditTrail.js';

export function AuditPage() {
  return (
    <>
      <PageHeader
        title="Audit trail"
        description="Every change, every sign-in and every look at a person’s record, newest first. Entries cannot be changed or removed."
      />
      <AuditTrail />
    </>
  );
}
