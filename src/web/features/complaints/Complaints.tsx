import { Link, useSearchParams } from 'react-router';
import { z } from 'zod';
import { complaintKinds, complaintOutcomes, type Complaint } from '../../../domain/complaints.js';
import { ApiForm } from '../../components/ApiForm.js';
import { DataTable } from '../../components/DataTable.js';
import { DateText } from '../../components/DateText.js';
import { RadioGroup, TextField } from '../../components/Field.js';
import { CsvDownloadLink } from '../../components/CsvDownloadLink.js';
import { FilterCheckbox, FilterForm, FilterSelect } from '../../components/FilterForm.js';
import { formatDate, todayIso } from '../../components/formatDate.js';
import { useApiForm } from '../../components/forms.js';
import { Pagination, usePageParams } from '../../components/Pagination.js';
import { QueryResult } from '../../components/QueryResult.js';
import { SummaryList } from '../../components/SummaryList.js';
import { InputField, TextAreaField } from '../incidents/fields.js';
import { optionsOf } from '../safeguarding/fields.js';
import { instantOf } from '../safeguarding/StageForms.js';
import '../safeguarding/records.css';
import { useComplaints, useUpdateComplaint } from './api.js';
import { channelLabels, kindLabels, outcomeLabels, raiserLabels } from './labels.js';

const PAGE_SIZE = 25;

function Stage({ c }: { c: Complaint }) {
  const text = c.respondedAt ? 'Responded' : c.acknowledgedAt ? 'Acknowledged' : 'Waiting for acknowledgement';
  return (
    <>
      <span className={`tag ${c.respondedAt ? 'rec-tag--green' : 'rec-tag--yellow'} rec-tag--first`}>{text}</span>
      {c.timescales.isOverdue && <span className="tag rec-tag--red">Overdue</span>}
    </>
  );
}

const columns = [
  { header: 'Title', isRowHeader: true, cell: (c: Complaint) => <Link to={`/complaints/${c.id}`}>{c.subject}</Link> },
  { header: 'Kind', cell: (c: Complaint) => kindLabels[c.kind] },
  { header: 'Received', isNoWrap: true, cell: (c: Complaint) => <DateText value={c.receivedAt} /> },
  { header: 'Service', cell: (c: Complaint) => c.serviceName },
  { header: 'Where it is', cell: (c: Complaint) => <Stage c={c} /> },
];

export function ComplaintsList() {
  const [params] = useSearchParams();
  const { limit, offset } = usePageParams(PAGE_SIZE);
  const kind = params.get('kind');
  const filter = {
    kind: complaintKinds.find((k) => k === kind), isOpen: params.get('isOpen') === 'true' ? ('true' as const) : undefined,
    isOverdue: params.get('isOverdue') === 'true' ? ('true' as const) : undefined,
  };
  const complaints = useComplaints({ ...filter, limit, offset });
  return (
    <>
      <FilterForm label="Filter">
        <FilterSelect name="kind" label="Kind" value={kind} anyLabel="Any kind" options={optionsOf(complaintKinds, kindLabels)} />
        <FilterCheckbox name="isOpen" label="Only those not yet responded to" isChecked={params.get('isOpen') === 'true'} />
        <FilterCheckbox name="isOverdue" label="Only overdue" isChecked={params.get('isOverdue') === 'true'} />
      </FilterForm>
      <QueryResult query={complaints} loadingLabel="Loading…">
        {(data) => (
          <>
            <DataTable caption="Complaints, feedback and compliments" isCaptionHidden columns={columns} rows={data.items} rowKey={(c) => c.id} emptyMessage="Nothing matches. Try other filters." />
            <Pagination total={data.total} limit={limit} offset={offset} noun="records" />
            {data.total > 0 && <CsvDownloadLink path="/api/v1/complaints" filter={filter} what="complaints, feedback and compliments" />}
          </>
        )}
      </QueryResult>
    </>
  );
}

const inTime = (done: string | null, isInTime: boolean | null, by: string) =>
  done ? `${formatDate(done)} (${isInTime ? 'in time' : 'late'}; due by ${formatDate(by)})` : `Not yet: due by ${formatDate(by)}`;

export function ComplaintFacts({ complaint: c }: { complaint: Complaint }) {
  return (
    <SummaryList
      rows={[
        { key: 'Kind', value: kindLabels[c.kind] },
        { key: 'Service', value: c.serviceName },
        { key: 'About', value: c.person?.displayName ?? 'Not about one person' },
        { key: 'Received', value: <DateText value={c.receivedAt} /> },
        { key: 'Raised by', value: `${raiserLabels[c.raisedBy]}, ${channelLabels[c.channel].toLowerCase()}` },
        { key: 'What they said', value: <span className="rec-text">{c.narrative}</span> },
        { key: 'Themes', value: c.themes.join(', ') || 'None' },
        { key: 'Acknowledged', value: inTime(c.acknowledgedAt, c.timescales.isAcknowledgedInTime, c.timescales.acknowledgeBy) },
        { key: 'Responded', value: inTime(c.respondedAt, c.timescales.isRespondedInTime, c.timescales.respondBy) },
        { key: 'Response', value: c.responseSummary ? <span className="rec-text">{c.responseSummary}</span> : 'None yet' },
        { key: 'Outcome', value: c.outcome ? outcomeLabels[c.outcome] : 'Not yet' },
        ...(c.timescales.isOverdue ? [{ key: 'Overdue', value: <span className="tag rec-tag--red rec-tag--first">Overdue</span> }] : []),
      ]}
    />
  );
}

interface Props { complaint: Complaint; onDone: (m: string) => void }
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Enter the date');

const ackForm = z.object({ acknowledgedAt: day });
export function AcknowledgeForm({ complaint, onDone }: Props) {
  const update = useUpdateComplaint(complaint.id);
  const form = useApiForm(ackForm, { fields: ['acknowledgedAt'], defaultValues: { acknowledgedAt: todayIso() } });
  const onSubmit = async (v: z.output<typeof ackForm>) => {
    await update.mutateAsync({ acknowledgedAt: instantOf(v.acknowledgedAt) });
    onDone('The acknowledgement has been recorded.');
  };
  return (
    <ApiForm form={form} onSubmit={onSubmit} submitLabel="Record acknowledgement" label="Acknowledge" className="form form--compact">
      <InputField type="date" width="short" label="Date you acknowledged it" {...form.register('acknowledgedAt')} />
    </ApiForm>
  );
}

const respondForm = z.object({ respondedAt: day, responseSummary: z.string().trim().min(1, 'Say what you told them').max(4000) });
export function RespondForm({ complaint, onDone }: Props) {
  const update = useUpdateComplaint(complaint.id);
  const form = useApiForm(respondForm, { fields: ['respondedAt', 'responseSummary'], defaultValues: { respondedAt: todayIso(), responseSummary: complaint.responseSummary ?? '' } });
  const onSubmit = async (v: z.output<typeof respondForm>) => {
    await update.mutateAsync({ respondedAt: instantOf(v.respondedAt), responseSummary: v.responseSummary });
    onDone('The response has been recorded.');
  };
  return (
    <ApiForm form={form} onSubmit={onSubmit} submitLabel="Record the response" label="Respond" className="form form--compact">
      <InputField type="date" width="short" label="Date you responded" {...form.register('respondedAt')} />
      <TextAreaField label="What did you tell them?" rows={4} {...form.register('responseSummary')} />
    </ApiForm>
  );
}

const outcomeForm = z.object({ outcome: z.enum(complaintOutcomes, { error: 'Choose the outcome' }), themes: z.string().max(2000) });
export function OutcomeForm({ complaint, onDone }: Props) {
  const update = useUpdateComplaint(complaint.id);
  const form = useApiForm(outcomeForm, { fields: ['outcome', 'themes'], defaultValues: { outcome: complaint.outcome ?? undefined, themes: complaint.themes.join(', ') } });
  const onSubmit = async (v: z.output<typeof outcomeForm>) => {
    await update.mutateAsync({ outcome: v.outcome, themes: v.themes.split(',').map((t) => t.trim().toLowerCase()).filter(Boolean) });
    onDone('The outcome has been recorded.');
  };
  return (
    <ApiForm form={form} onSubmit={onSubmit} submitLabel="Record the outcome" label="Outcome" className="form form--compact">
      <RadioGroup legend="Was the complaint upheld?" options={optionsOf(complaintOutcomes, outcomeLabels)} {...form.register('outcome')} />
      <TextField label="Themes" hint="Separated by commas." autoComplete="off" {...form.register('themes')} />
    </ApiForm>
  );
}
