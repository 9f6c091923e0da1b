import { z } from 'zod';
import { trainingState } from '../../../domain/learning.js';
import { ApiForm } from '../../components/ApiForm.js';
import { DataTable } from '../../components/DataTable.js';
import { DateText } from '../../components/DateText.js';
import { CheckboxGroup, SelectField, TextField } from '../../components/Field.js';
import { formatNumber, todayIso } from '../../components/formatDate.js';
import { asNumber, useApiForm } from '../../components/forms.js';
import { QueryResult } from '../../components/QueryResult.js';
import { useSession } from '../auth/session.js';
import { InputField } from '../incidents/fields.js';
import { useStaffList } from '../staff/api.js';
import { useAssignments, useAssignTraining, useCompleteAssignment, useCourses, useCreateCourse, useTrainingCompliance } from './api.js';

const stateLabels = { outstanding: 'Outstanding', completed: 'Completed', expired: 'Expired' } as const;

/** Compliance per service: completed and still valid, as a share of everything assigned. */
export function ComplianceTable() {
  const compliance = useTrainingCompliance();
  return (
    <QueryResult query={compliance} loadingLabel="Loading compliance…">
      {(c) => (
        <DataTable
          caption="Training compliance by service" phoneLayout="scroll"
          rows={c.services} rowKey={(s) => s.serviceId} emptyMessage="No training has been assigned yet."
          columns={[
            { header: 'Service', isRowHeader: true, cell: (s) => s.serviceName },
            { header: 'Assigned', isNumeric: true, cell: (s) => formatNumber(s.assigned) },
            { header: 'Completed', isNumeric: true, cell: (s) => formatNumber(s.completed) },
            { header: 'Expired', isNumeric: true, cell: (s) => formatNumber(s.expired) },
            { header: 'Outstanding', isNumeric: true, cell: (s) => formatNumber(s.outstanding) },
            { header: 'Compliant', isNumeric: true, cell: (s) => (s.percentCompliant === null ? '—' : `${formatNumber(s.percentCompliant)} %`) },
          ]}
        />
      )}
    </QueryResult>
  );
}

const courseForm = z.object({
  title: z.string().trim().min(1, 'Give the course a title').max(300),
  validityMonths: z.preprocess(asNumber, z.number({ error: 'Enter a whole number of months' }).int().min(1).max(120).optional()),
});

export function CourseForm({ onDone }: { onDone: (m: string) => void }) {
  const create = useCreateCourse();
  const form = useApiForm(courseForm, { fields: ['title', 'validityMonths'], defaultValues: { title: '', validityMonths: '' } });
  const onSubmit = async (v: z.output<typeof courseForm>) => {
    await create.mutateAsync({ title: v.title, validityMonths: v.validityMonths ?? null });
    form.reset({ title: '', validityMonths: '' });
    onDone(`The course “${v.title}” has been added.`);
  };
  return (
    <ApiForm form={form} onSubmit={onSubmit} submitLabel="Add the course" label="Add a course">
      <TextField label="Course title" {...form.register('title')} />
      <TextField label="Valid for (months, optional)" hint="Leave empty if it never expires." inputMode="numeric" width="short" {...form.register('validityMonths')} />
    </ApiForm>
  );
}

const assignForm = z.object({
  courseId: z.preprocess(asNumber, z.number({ error: 'Choose the course' }).int().positive()),
  serviceIds: z.array(z.number()),
  staffIds: z.array(z.number()),
  dueOn: z.string(),
}).refine((a) => a.serviceIds.length + a.staffIds.length > 0, { path: ['serviceIds'], message: 'Choose staff or whole services' });

/** Assign a course to named staff or everyone at whole services (from a workforce development action). */
export function AssignForm({ actionId, onDone }: { actionId?: number; onDone: (m: string) => void }) {
  const { me } = useSession();
  const courses = useCourses();
  const staff = useStaffList({ limit: 500, offset: 0 });
  const assign = useAssignTraining();
  const form = useApiForm(assignForm, { fields: ['courseId', 'serviceIds', 'staffIds', 'dueOn'], defaultValues: { courseId: '', serviceIds: [], staffIds: [], dueOn: '' } });
  const onSubmit = async (v: z.output<typeof assignForm>) => {
    const result = await assign.mutateAsync({ ...v, dueOn: v.dueOn || undefined, ...(actionId ? { actionId } : {}) });
    form.reset({ courseId: '', serviceIds: [], staffIds: [], dueOn: '' });
    onDone(`Assigned to ${result.items.length} member${result.items.length === 1 ? '' : 's'} of staff${result.skipped ? ` (${result.skipped} already had it)` : ''}.`);
  };
  return (
    <ApiForm form={form} onSubmit={onSubmit} submitLabel="Assign the course" label="Assign a course">
      <SelectField label="Course" placeholder="Choose a course" options={(courses.data?.items ?? []).map((c) => ({ value: c.id, label: c.title }))} {...form.register('courseId')} />
      <CheckboxGroup control={form.control} name="serviceIds" legend="Everyone working at these services" options={me.services.map((s) => ({ value: s.id, label: s.name }))} />
      <details className="filters">
        <summary className="filters__summary">Or choose members of staff</summary>
        <CheckboxGroup control={form.control} name="staffIds" legend="Members of staff" options={(staff.data?.items ?? []).filter((s) => s.active).map((s) => ({ value: s.id, label: `${s.name}, ${s.jobTitle}` }))} />
      </details>
      <InputField type="date" width="short" label="Complete by (optional)" {...form.register('dueOn')} />
    </ApiForm>
  );
}

/** Assignments (of one action, when given), with a button to record completion today. */
export function AssignmentsTable({ actionId, onDone }: { actionId?: number; onDone: (m: string) => void }) {
  const list = useAssignments(actionId ? { actionId } : {});
  const complete = useCompleteAssignment();
  const today = todayIso();
  return (
    <QueryResult query={list} loadingLabel="Loading training records…">
      {(page) => (
        <DataTable
          caption={actionId ? 'Training assigned by this action' : 'Training records'}
          rows={page.items.slice(0, 200)} rowKey={(a) => a.id} emptyMessage="No training assigned yet."
          columns={[
            { header: 'Staff', isRowHeader: true, cell: (a) => a.staff.name },
            { header: 'Course', cell: (a) => a.course.title },
            { header: 'Due', isNoWrap: true, cell: (a) => <DateText value={a.dueOn} fallback="No date" /> },
            { header: 'State', cell: (a) => stateLabels[trainingState(a, today)] },
            { header: 'Expires', isNoWrap: true, cell: (a) => <DateText value={a.expiresOn} fallback="Never" /> },
            {
              header: 'Record', cell: (a) => (a.completedOn === null ? (
                <button
                  type="button" className="button button--secondary button--small"
                  onClick={() => void complete.mutateAsync({ id: a.id, completedOn: today }).then(() => onDone(`${a.staff.name} completed ${a.course.title}.`))}
                >
                  Completed today<span className="visually-hidden">: {a.staff.name}</span>
                </button>
              ) : <>Done <DateText value={a.completedOn} /></>),
            },
          ]}
        />
      )}
    </QueryResult>
  );
}
