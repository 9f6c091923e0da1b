import { Link, useSearchParams } from 'react-router';
import { z } from 'zod';
import {
  canMoveStatus, speakUpCategories, speakUpCategoryLabels, speakUpStatuses, speakUpStatusLabels,
  type SpeakUpDetail, type SpeakUpSummary,
} from '../../../domain/speak-up.js';
import { ApiForm } from '../../components/ApiForm.js';
import { yesNo } from '../../../domain/words.js';
import { DataTable } from '../../components/DataTable.js';
import { CodeCheckboxGroup, SelectField, TextField } from '../../components/Field.js';
import { FilterForm, FilterSelect } from '../../components/FilterForm.js';
import { formatDate } from '../../components/formatDate.js';
import { useApiForm } from '../../components/forms.js';
import { Pagination, usePageParams } from '../../components/Pagination.js';
import { QueryResult } from '../../components/QueryResult.js';
import { SummaryList } from '../../components/SummaryList.js';
import { TextAreaField } from '../incidents/fields.js';
import { useReplyToSpeakUp, useSpeakUpCases, useUpdateSpeakUp } from './api.js';
import { modeShort, speakUpStatusTag } from './labels.js';
import { CsvDownloadLink } from '../../components/CsvDownloadLink.js';

const PAGE_SIZE = 25;

export function SpeakUpStatusTag({ status }: { status: SpeakUpSummary['status'] }) {
  return <span className={`${speakUpStatusTag[status]} rec-tag--first`}>{speakUpStatusLabels[status]}</span>;
}

const columns = [
  {
    header: 'Received',
    isRowHeader: true,
    isNoWrap: true,
    cell: (s: SpeakUpSummary) => <Link to={`/speak-up/cases/${s.id}`}>{formatDate(s.receivedOn)}<span className="visually-hidden">, report {s.id}</span></Link>,
  },
  { header: 'Mode', cell: (s: SpeakUpSummary) => modeShort[s.mode] },
  { header: 'Status', cell: (s: SpeakUpSummary) => <SpeakUpStatusTag status={s.status} /> },
  { header: 'Service', cell: (s: SpeakUpSummary) => s.service?.name ?? 'Not said' },
  { header: 'About', cell: (s: SpeakUpSummary) => [...s.categories.map((c) => speakUpCategoryLabels[c]), ...s.themes].join(', ') || 'Not yet classified' },
  { header: 'Messages', isNumeric: true, cell: (s: SpeakUpSummary) => String(s.messageCount) },
];

/** The guardian's list of reports. */
export function GuardianCasesList() {
  const [params] = useSearchParams();
  const { limit, offset } = usePageParams(PAGE_SIZE);
  const status = params.get('status');
  const filter = { status: speakUpStatuses.find((s) => s === status) };
  const cases = useSpeakUpCases({ ...filter, limit, offset });
  return (
    <>
      <FilterForm label="Filter reports">
        <FilterSelect name="status" label="Status" value={status} anyLabel="Any status" options={speakUpStatuses.map((s) => ({ value: s, label: speakUpStatusLabels[s] }))} />
      </FilterForm>
      <QueryResult query={cases} loadingLabel="Loading reports…">
        {(data) => (
          <>
            <DataTable caption="Speak-up reports" isCaptionHidden columns={columns} rows={data.items} rowKey={(s) => s.id} emptyMessage="No reports match." />
            <Pagination total={data.total} limit={limit} offset={offset} noun="reports" />
            {data.total > 0 && <CsvDownloadLink path="/api/v1/speak-up" filter={filter} what="speak-up reports (no reporter identities)" />}
          </>
        )}
      </QueryResult>
    </>
  );
}

export function CaseFacts({ report: r }: { report: SpeakUpDetail }) {
  const who = r.reporter
    ? `${r.reporter.name} (${r.reporter.email})${r.mode === 'confidential' ? ' – confidential: do not share without their agreement' : ''}`
    : 'Anonymous: nobody knows who raised this';
  return (
    <SummaryList
      rows={[
        { key: 'Status', value: <SpeakUpStatusTag status={r.status} /> },
        { key: 'Mode', value: modeShort[r.mode] },
        { key: 'Raised by', value: who },
        { key: 'Received', value: formatDate(r.receivedOn) },
        { key: 'Service', value: r.service?.name ?? 'Not said' },
        { key: 'Their concern', value: <span className="rec-text">{r.whatHappened}</span> },
        { key: 'Raised elsewhere', value: yesNo(r.raisedElsewhere, 'Not said') },
        { key: 'What they would like to happen', value: r.wouldLikeToHappen ? <span className="rec-text">{r.wouldLikeToHappen}</span> : 'Not said' },
        { key: 'Outcome', value: r.outcome ? <span className="rec-text">{r.outcome}</span> : 'Not yet' },
      ]}
    />
  );
}

export function Thread({ report }: { report: SpeakUpDetail }) {
  if (report.thread.length === 0) return <p>No messages yet.</p>;
  return (
    <ul className="rec-thread">
      {report.thread.map((m, index) => (
        <li key={index} className={m.author === 'guardian' ? 'is-guardian' : undefined}>
          <p className="rec-thread__who">
            {m.author === 'guardian' ? `Guardian${m.authorName ? ` (${m.authorName})` : ''}` : 'The reporter'}, {formatDate(m.on)}
          </p>
          <p className="rec-thread__text">{m.text}</p>
        </li>
      ))}
    </ul>
  );
}

const replyForm = z.object({ message: z.string().trim().min(1, 'Write your reply').max(5000) });
export function ReplyForm({ report, onDone }: { report: SpeakUpDetail; onDone: (message: string) => void }) {
  const reply = useReplyToSpeakUp(report.id);
  const form = useApiForm(replyForm, { fields: ['message'], defaultValues: { message: '' } });
  const onSubmit = async (v: { message: string }) => {
    await reply.mutateAsync(v);
    form.reset({ message: '' });
    onDone(report.mode === 'anonymous' ? 'Your reply has been sent. The reporter sees it when they use their receipt key.' : 'Your reply has been sent.');
  };
  return (
    <ApiForm form={form} onSubmit={onSubmit} submitLabel="Send reply" busyLabel="Sending…" label="Reply to the reporter" className="form form--compact">
      <TextAreaField label="Your reply" hint="The reporter sees your words and the date, not your name." rows={4} {...form.register('message')} />
    </ApiForm>
  );
}

const updateForm = z.object({
  status: z.enum(speakUpStatuses),
  categories: z.array(z.enum(speakUpCategories)),
  themes: z.string().max(2000),
  outcome: z.string().trim().max(5000),
});
export function CaseUpdateForm({ report, onDone }: { report: SpeakUpDetail; onDone: (message: string) => void }) {
  const update = useUpdateSpeakUp(report.id);
  const defaults = { status: report.status, categories: report.categories, themes: report.themes.join(', '), outcome: report.outcome ?? '' };
  const form = useApiForm(updateForm, { fields: ['status', 'categories', 'themes', 'outcome'], defaultValues: defaults });
  const onSubmit = async (v: z.output<typeof updateForm>) => {
    const saved = await update.mutateAsync({
      status: v.status, categories: v.categories,
      themes: v.themes.split(',').map((t) => t.trim()).filter(Boolean),
      outcome: v.outcome ? v.outcome : null,
    });
    form.reset({ status: saved.status, categories: saved.categories, themes: saved.themes.join(', '), outcome: saved.outcome ?? '' });
    onDone('The report has been updated.');
  };
  return (
    <ApiForm form={form} onSubmit={onSubmit} submitLabel="Save changes" label="Status, themes and outcome" className="form form--compact">
      <SelectField
        label="Status" options={speakUpStatuses.filter((s) => canMoveStatus(report.status, s)).map((s) => ({ value: s, label: speakUpStatusLabels[s] }))}
        {...form.register('status')}
      />
      <CodeCheckboxGroup name="categories" legend="What is it about?" options={speakUpCategories.map((c) => ({ value: c, label: speakUpCategoryLabels[c] }))} />
      <TextField label="Themes" hint="Short words to spot patterns across reports, separated by commas, such as night shifts, agency staff." autoComplete="off" {...form.register('themes')} />
      <TextAreaField label="Outcome" hint="What was done as a result. The reporter does not see this; send a reply to tell them." rows={3} {...form.register('outcome')} />
    </ApiForm>
  );
}
