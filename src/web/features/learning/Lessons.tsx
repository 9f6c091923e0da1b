import { Link, useSearchParams } from 'react-router';
import { z } from 'zod';
import { shareAnswers, type LessonDetail, type Share } from '../../../domain/learning.js';
import { ApiForm } from '../../components/ApiForm.js';
import { DataTable } from '../../components/DataTable.js';
import { DateText } from '../../components/DateText.js';
import { CheckboxGroup, RadioGroup } from '../../components/Field.js';
import { FilterForm, FilterSearch } from '../../components/FilterForm.js';
import { useApiForm } from '../../components/forms.js';
import { CsvDownloadLink } from '../../components/CsvDownloadLink.js';
import { Pagination, usePageParams } from '../../components/Pagination.js';
import { QueryResult } from '../../components/QueryResult.js';
import { SummaryList } from '../../components/SummaryList.js';
import { useSession } from '../auth/session.js';
import { InputField, TextAreaField } from '../incidents/fields.js';
import { useAnswerShare, useLessons, useShareLesson } from './api.js';
import { EvidenceAndFactors } from './Responses.js';

const PAGE = 25;
const answerLabels: Record<(typeof shareAnswers)[number], string> = { yes: 'Yes, it applies here', no: 'No, it does not apply here', partly: 'Partly' };

/** The learning library: every lesson you may read, searched by words. */
export function LessonLibrary() {
  const [params] = useSearchParams();
  const q = params.get('q') ?? undefined;
  const { limit, offset } = usePageParams(PAGE);
  const list = useLessons({ ...(q ? { q } : {}), limit, offset });
  return (
    <>
      <FilterForm label="Search the learning library" submitLabel="Search">
        <FilterSearch name="q" label="Words in the lesson" value={q ?? null} hint="For example, evening, prone or handover." />
      </FilterForm>
      <QueryResult query={list} loadingLabel="Loading lessons…">
        {(page) => (
          <>
            <DataTable
              caption={q ? `Lessons matching “${q}”` : 'Lessons, newest first'}
              rows={page.items} rowKey={(l) => l.id} emptyMessage={q ? 'No lessons match these words.' : 'No lessons yet.'}
              columns={[
                { header: 'Lesson', isRowHeader: true, cell: (l) => <Link to={`/lessons/${l.id}`}>{l.statement}</Link> },
                { header: 'About', cell: (l) => l.scope.name },
                { header: 'Shared', cell: (l) => l.coverage.text },
                { header: 'Recorded', isNoWrap: true, cell: (l) => <DateText value={l.createdAt} /> },
              ]}
            />
            <Pagination total={page.total} limit={limit} offset={offset} noun="lessons" />
            {page.total > 0 && <CsvDownloadLink path="/api/v1/lessons" filter={{ q }} what="the lessons" />}
          </>
        )}
      </QueryResult>
    </>
  );
}

export function LessonFacts({ lesson: l }: { lesson: LessonDetail }) {
  return (
    <>
      <SummaryList
        rows={[
          { key: 'About', value: l.scope.name },
          { key: 'From', value: l.learningResponse ? <Link to={`/learning-responses/${l.learningResponse.id}`}>{l.learningResponse.title}</Link> : 'Recorded on its own' },
          { key: 'Recorded', value: <>{l.createdBy}, <DateText value={l.createdAt} /></> },
          { key: 'Shared with other services', value: <strong data-testid="coverage">{l.coverage.text}</strong> },
        ]}
      />
      <EvidenceAndFactors idPrefix="lesson" evidence={l.evidence} factors={l.contributoryFactors} />
    </>
  );
}

export function SharesTable({ shares }: { shares: readonly Share[] }) {
  return (
    <DataTable
      caption="Services it was shared with" isCaptionHidden
      rows={shares} rowKey={(s) => s.id} emptyMessage="Not shared with other services yet."
      columns={[
        { header: 'Service', isRowHeader: true, cell: (s) => s.service.name },
        { header: 'Answer due', isNoWrap: true, cell: (s) => <><DateText value={s.dueOn} />{s.isOverdue && <> <span className="tag">Overdue</span></>}</> },
        { header: 'Does it apply?', cell: (s) => (s.applies ? answerLabels[s.applies] : 'Not answered yet') },
        { header: 'What they did', cell: (s) => s.whatWeDid || '—' },
      ]}
    />
  );
}

const shareForm = z.object({
  serviceIds: z.array(z.number()).min(1, 'Choose at least one service'),
  dueOn: z.string(),
});

/** Share a lesson with other services, each to answer by a date. */
export function ShareForm({ lesson, onDone }: { lesson: LessonDetail; onDone: (message: string) => void }) {
  const { me } = useSession();
  const share = useShareLesson(lesson.id);
  const already = new Set(lesson.shares.map((s) => s.service.id));
  const options = me.services.filter((s) => !already.has(s.id) && s.id !== lesson.serviceId).map((s) => ({ value: s.id, label: s.name }));
  const form = useApiForm(shareForm, { fields: ['serviceIds', 'dueOn'], defaultValues: { serviceIds: [], dueOn: '' } });
  const onSubmit = async (v: z.output<typeof shareForm>) => {
    await share.mutateAsync({ serviceIds: v.serviceIds, ...(v.dueOn ? { dueOn: v.dueOn } : {}) });
    form.reset({ serviceIds: [], dueOn: '' });
    onDone(`The lesson has been shared with ${v.serviceIds.length} service${v.serviceIds.length === 1 ? '' : 's'}.`);
  };
  if (options.length === 0) return <p>There are no other services in your reach to share it with.</p>;
  return (
    <ApiForm form={form} onSubmit={onSubmit} submitLabel="Share the lesson" busyLabel="Sharing…" label="Share with other services">
      <CheckboxGroup control={form.control} name="serviceIds" legend="Which services?" hint="Each service’s manager will be asked whether it applies to them and what they did." options={options} />
      <InputField type="date" width="short" label="Answer by (optional)" hint="Leave empty for 20 working days from today." {...form.register('dueOn')} />
    </ApiForm>
  );
}

const answerForm = z.object({
  applies: z.enum(shareAnswers, { error: 'Say whether it applies to your service' }),
  whatWeDid: z.string().trim().max(8000),
}).refine((a) => a.applies === 'no' || a.whatWeDid.length > 0, { path: ['whatWeDid'], message: 'Say what you did' });

/** The receiving service manager's answer: does it apply here, and what we did. */
export function AnswerShareForm({ share, onDone }: { share: Share; onDone: (message: string) => void }) {
  const answer = useAnswerShare(share.id);
  const form = useApiForm(answerForm, { fields: ['applies', 'whatWeDid'], defaultValues: { whatWeDid: '' } });
  const onSubmit = async (v: z.output<typeof answerForm>) => {
    await answer.mutateAsync(v);
    onDone(`Your answer for ${share.service.name} has been recorded.`);
  };
  return (
    <ApiForm form={form} onSubmit={onSubmit} submitLabel="Send the answer" label={`Answer for ${share.service.name}`}>
      <RadioGroup legend={`Does it apply at ${share.service.name}?`} options={shareAnswers.map((a) => ({ value: a, label: answerLabels[a] }))} {...form.register('applies')} />
      <TextAreaField label="What we did" hint="Needed unless it does not apply." rows={3} {...form.register('whatWeDid')} />
    </ApiForm>
  );
}
