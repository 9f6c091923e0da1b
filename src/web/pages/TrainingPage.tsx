import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { BackLink } from '../components/BackLink.js';
import { Notice } from '../components/Notice.js';
import { PageHeader } from '../components/PageHeader.js';
import { useSession } from '../features/auth/session.js';
import { AssignForm, AssignmentsTable, ComplianceTable, CourseForm } from '../features/learning/Training.js';

export function TrainingPage() {
  const [params] = useSearchParams();
  const actionId = Number(params.get('actionId')) || undefined;
  const { can } = useSession();
  const [done, setDone] = useState<string | null>(null);
  return (
    <>
      <BackLink to={actionId ? `/actions/${actionId}` : '/learning'}>{actionId ? 'Back to the action' : 'Learning'}</BackLink>
      {done && <Notice title={done} />}
      <PageHeader title="Training" description="Courses assigned from workforce development actions, completion and expiry, and compliance per service." />
      <section className="section" aria-labelledby="compliance-title">
        <h2 id="compliance-title">Compliance per service</h2>
        <ComplianceTable />
      </section>
      {can('manageTraining') && (
        <section className="section" aria-labelledby="assign-title">
          <h2 id="assign-title">Assign a course{actionId ? ' for this action' : ''}</h2>
          <AssignForm actionId={actionId} onDone={setDone} />
        </section>
      )}
      <section className="section" aria-labelledby="records-title">
        <h2 id="records-title">Training records</h2>
        <AssignmentsTable actionId={actionId} onDone={setDone} />
      </section>
      {can('manageTraining') && (
        <section className="section" aria-labelledby="course-title">
          <h2 id="course-title">Add a course</h2>
          <CourseForm onDone={setDone} />
        </section>
      )}
    </>
  );
}
