import { Link, useNavigate, useSearchParams } from 'react-router';
import { z } from 'zod';
import {
  challengeOutcomeLabels, challengeOutcomes, restrictionCategories, restrictionCategoryLabels, restrictionLegalBases,
  restrictionLegalBasisLabels, restrictionStatuses, restrictionStatusLabels, type Restriction, type RestrictionChallenge, type RestrictionDetail,
} from '../../../domain/restrictions.js';
import { ApiForm } from '../../components/ApiForm.js';
import { DataTable } from '../../components/DataTable.js';
import { CsvDownloadLink } from '../../components/CsvDownloadLink.js';
import { DateText } from '../../components/DateText.js';
import { RadioGroup, SelectField } from '../../components/Field.js';
import { FilterCheckbox, FilterForm, FilterSelect } from '../../components/FilterForm.js';
import { formatDate, todayIso } from '../../components/formatDate.js';
import { asNumber, useApiForm } from '../../components/forms.js';
import { withFlash } from '../../components/flash.js';
import { Pagination, usePageParams } from '../../components/Pagination.js';
import { QueryResult } from '../../components/QueryResult.js';
import { SummaryList } from '../../components/SummaryList.js';
import { useSession } from '../auth/session.js';
import { useServicePeople } from '../incidents/api.js';
import { InputField, TextAreaField } from '../incidents/fields.js';
import { optionsOf } from '../safeguarding/fields.js';
import '../safeguarding/records.css';
import { useAddRestriction, useChallengeOutcome, useChallengeRestriction, useChallenges, useReportUnwrittenRule, useRestrictions, useUpdateRestriction, type ChallengesFilter, type RestrictionsFilter } from './api.js';

const PAGE_SIZE = 25;

function ReviewTag({ r }: { r: Restriction }) {
  return (
    <>
      <DateText value={r.reviewDueOn} />
      {r.isReviewOverdue && <span className="tag rec-tag--red">Overdue by {r.daysReviewOverdue} {r.daysReviewOverdue === 1 ? 'day' : 'days'}</span>}
    </>
  );
}

const columns = [
  { header: 'Restriction', isRowHeader: true, cell: (r: Restriction) => <Link to={`/restrictions/${r.id}`}>{r.description}</Link> },
  { header: 'Who', cell: (r: Restriction) => (r.isBlanket ? `Everyone at ${r.serviceName}` : `${r.person?.displayName ?? ''}, ${r.serviceName}`) },
  { header: 'Kind', cell: (r: Restriction) => r.categoryLabel },
  { header: 'Review due', cell: (r: Restriction) => <ReviewTag r={r} /> },
  { header: 'Status', cell: (r: Restriction) => restrictionStatusLabels[r.status] },
];

export function RestrictionsList() {
  const { me } = useSession();
  const [params] = useSearchParams();
  const { limit, offset } = usePageParams(PAGE_SIZE);
  const category = params.get('category');
  const status = params.get('status');
  const who = params.get('isBlanket');
  const filter: Omit<RestrictionsFilter, 'limit' | 'offset'> = {
    serviceId: Number(params.get('serviceId')) || undefined,
    category: restrictionCategories.find((c) => c === category), status: restrictionStatuses.find((s) => s === status),
    isOverdue: params.get('isOverdue') === 'true' ? 'true' : undefined, isBlanket: who === 'true' || who === 'false' ? who : undefined,
  };
  const restrictions = useRestrictions({ ...filter, limit, offset });
  return (
    <>
      <FilterForm label="Filter the register">
        {me.services.length > 1 && (
          <FilterSelect name="serviceId" label="Service" value={params.get('serviceId')} anyLabel="All your services" options={me.services.map((s) => ({ value: s.id, label: s.name }))} />
        )}
        <FilterSelect name="isBlanket" label="Who" value={who} anyLabel="Everyone" options={[{ value: 'false', label: 'One person' }, { value: 'true', label: 'Blanket (everyone at a service)' }]} />
        <FilterSelect name="category" label="Kind" value={category} anyLabel="Any kind" options={optionsOf(restrictionCategories, restrictionCategoryLabels)} />
        <FilterSelect name="status" label="Status" value={status} anyLabel="Any status" options={optionsOf(restrictionStatuses, restrictionStatusLabels)} />
        <FilterCheckbox name="isOverdue" label="Only overdue reviews" isChecked={params.get('isOverdue') === 'true'} />
      </FilterForm>
      <QueryResult query={restrictions} loadingLabel="Loading the register…">
        {(data) => (
          <>
            <DataTable caption="Restrictions register" isCaptionHidden columns={columns} rows={data.items} rowKey={(r) => r.id} emptyMessage="No restrictions match. Try other filters." />
            <Pagination total={data.total} limit={limit} offset={offset} noun="restrictions" />
            {data.total > 0 && <CsvDownloadLink path="/api/v1/restrictions" filter={filter} what="the restrictions register" />}
          </>
        )}
      </QueryResult>
    </>
  );
}

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Enter the date');
const addForm = z.object({
  serviceId: z.preprocess(asNumber, z.number({ error: 'Choose the service' }).int().positive()),
  personId: z.preprocess(asNumber, z.number().int().positive().optional()),
  category: z.enum(restrictionCategories, { error: 'Choose the kind of restriction' }),
  description: z.string().trim().min(1, 'Say what is restricted').max(2000),
  legalBasis: z.enum(restrictionLegalBases, { error: 'Choose what makes it lawful' }),
  alternativesConsidered: z.string().trim().min(1, 'Say what less restrictive options were tried or considered').max(4000),
  startedOn: day,
  reviewDueOn: day,
  reductionPlan: z.string().trim().max(4000),
  status: z.enum(['active', 'reducing']),
});

export function AddRestrictionForm() {
  const { me } = useSession();
  const navigate = useNavigate();
  const add = useAddRestriction();
  const onlyService = me.services.length === 1 ? me.services[0]!.id : undefined;
  const form = useApiForm(addForm, {
    fields: ['serviceId', 'personId', 'category', 'description', 'legalBasis', 'alternativesConsidered', 'startedOn', 'reviewDueOn', 'reductionPlan', 'status'],
    defaultValues: { serviceId: onlyService ?? '', personId: '', description: '', alternativesConsidered: '', startedOn: todayIso(), reviewDueOn: '', reductionPlan: '', status: 'active' },
  });
  const people = useServicePeople(asNumber(form.watch('serviceId')));
  const onSubmit = async (v: z.output<typeof addForm>) => {
    const saved = await add.mutateAsync({
      serviceId: v.serviceId, ...(v.personId ? { personId: v.personId } : {}), category: v.category, description: v.description,
      legalBasis: v.legalBasis, alternativesConsidered: v.alternativesConsidered, startedOn: v.startedOn, reviewDueOn: v.reviewDueOn,
      ...(v.reductionPlan ? { reductionPlan: v.reductionPlan } : {}), status: v.status,
    });
    await navigate(`/restrictions/${saved.id}`, withFlash('The restriction has been added to the register.'));
  };
  return (
    <ApiForm form={form} onSubmit={onSubmit} submitLabel="Add to the register">
      {onlyService === undefined && (
        <SelectField label="Service" placeholder="Choose a service" options={me.services.map((s) => ({ value: s.id, label: s.name }))} {...form.register('serviceId')} />
      )}
      <SelectField
        label="Who is restricted?" hint="Leave as “Everyone” for a blanket restriction on all the people at the service."
        placeholder="Everyone at the service (blanket)" options={(people.data?.items ?? []).map((p) => ({ value: p.id, label: p.displayName }))}
        {...form.register('personId')}
      />
      <SelectField label="Kind of restriction" placeholder="Choose one" options={optionsOf(restrictionCategories, restrictionCategoryLabels)} {...form.register('category')} />
      <TextAreaField label="What is restricted, and why?" rows={3} {...form.register('description')} />
      <RadioGroup legend="What makes it lawful?" options={optionsOf(restrictionLegalBases, restrictionLegalBasisLabels)} {...form.register('legalBasis')} />
      <TextAreaField label="What less restrictive options were tried or considered?" rows={3} {...form.register('alternativesConsidered')} />
      <InputField type="date" width="short" label="Started on" {...form.register('startedOn')} />
      <InputField type="date" width="short" label="Review due on" {...form.register('reviewDueOn')} />
      <TextAreaField label="Plan to reduce it (optional)" rows={3} {...form.register('reductionPlan')} />
      <RadioGroup legend="Status" options={[{ value: 'active', label: 'Active' }, { value: 'reducing', label: 'Being reduced' }]} {...form.register('status')} />
    </ApiForm>
  );
}

export function RestrictionFacts({ restriction: r }: { restriction: RestrictionDetail }) {
  return (
    <SummaryList
      rows={[
        { key: 'Who', value: r.isBlanket ? `Everyone at ${r.serviceName} (blanket)` : `${r.person?.displayName ?? ''}, ${r.serviceName}` },
        { key: 'Kind', value: r.categoryLabel },
        { key: 'Status', value: restrictionStatusLabels[r.status] },
        { key: 'Lawful because', value: r.legalBasisLabel },
        { key: 'Less restrictive options', value: <span className="rec-text">{r.alternativesConsidered}</span> },
        { key: 'Started', value: formatDate(r.startedOn) },
        { key: 'Review due', value: <ReviewTag r={r} /> },
        { key: 'Plan to reduce it', value: r.reductionPlan ? <span className="rec-text">{r.reductionPlan}</span> : 'None recorded' },
        ...(r.endedOn ? [{ key: 'Ended', value: formatDate(r.endedOn) }] : []),
        { key: 'Recorded by', value: r.recordedBy ?? 'Not known' },
      ]}
    />
  );
}

const historyFieldWords: Record<string, string> = {
  category: 'Kind', description: 'What is restricted', legalBasis: 'Lawful because', alternativesConsidered: 'Less restrictive options',
  reviewDueOn: 'Review due', reductionPlan: 'Plan to reduce it', reductionTargetOn: 'Reduce by', status: 'Status', endedOn: 'Ended',
};

/** A value from the history in words: labels for codes, "26 Nov 2026" for dates. */
function historyValue(field: string, value: string | null): string {
  if (value === null || value === '') return 'none';
  if (field === 'category') return restrictionCategoryLabels[value as keyof typeof restrictionCategoryLabels] ?? value;
  if (field === 'legalBasis') return restrictionLegalBasisLabels[value as keyof typeof restrictionLegalBasisLabels] ?? value;
  if (field === 'status') return restrictionStatusLabels[value as keyof typeof restrictionStatusLabels] ?? value;
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return formatDate(value);
  return value;
}

export function RestrictionHistory({ restriction }: { restriction: RestrictionDetail }) {
  if (restriction.history.length === 0) return <p>No changes since it was added.</p>;
  return (
    <ol className="rec-log">
      {restriction.history.map((h, index) => (
        <li key={index} className="rec-log__item">
          <p className="rec-log__what">
            {h.field === 'created'
              ? 'Added to the register'
              : `${historyFieldWords[h.field] ?? h.field}: changed from “${historyValue(h.field, h.from)}” to “${historyValue(h.field, h.to)}”`}
          </p>
          <p className="rec-log__meta"><DateText value={h.at} withTime />, {h.by}</p>
          {!(h.field === 'created' && h.reason === 'Added to the register') && <p className="rec-log__why">{h.reason}</p>}
        </li>
      ))}
    </ol>
  );
}

const textForm = z.object({ text: z.string().trim().min(1, 'Say why it should change or end').max(4000) });

/** A challenge carries its author's name, so that the manager can answer them: say so, and where to go without it. */
function NameGoesWithIt() {
  return (
    <p className="hint">
      Your name goes with it, so that the manager can reply to you. To raise a worry without your name, <Link to="/speak-up">speak up</Link> instead.
    </p>
  );
}
export function ChallengeForm({ restrictionId, onDone }: { restrictionId: number; onDone: (m: string) => void }) {
  const challenge = useChallengeRestriction(restrictionId);
  const form = useApiForm(textForm, { fields: ['text'], defaultValues: { text: '' } });
  const onSubmit = async (v: { text: string }) => {
    await challenge.mutateAsync(v);
    form.reset({ text: '' });
    onDone('Your challenge has been sent. A manager will reply; see “My challenges”.');
  };
  return (
    <ApiForm form={form} onSubmit={onSubmit} submitLabel="Send the challenge" label="Challenge this restriction" className="form form--compact">
      <TextAreaField label="Why should it change or end?" hint="For example, it is no longer needed, or it is stopping the person doing things they enjoy." rows={3} {...form.register('text')} />
      <NameGoesWithIt />
    </ApiForm>
  );
}

const unwrittenForm = z.object({
  serviceId: z.preprocess(asNumber, z.number({ error: 'Choose the service' }).int().positive()),
  text: z.string().trim().min(1, 'Describe the rule').max(4000),
});
export function UnwrittenRuleForm() {
  const { me } = useSession();
  const navigate = useNavigate();
  const report = useReportUnwrittenRule();
  const onlyService = me.services.length === 1 ? me.services[0]!.id : undefined;
  const form = useApiForm(unwrittenForm, { fields: ['serviceId', 'text'], defaultValues: { serviceId: onlyService ?? '', text: '' } });
  const onSubmit = async (v: z.output<typeof unwrittenForm>) => {
    await report.mutateAsync(v);
    await navigate('/restrictions/my-challenges', withFlash('Thank you. A manager will look at it and reply.'));
  };
  return (
    <ApiForm form={form} onSubmit={onSubmit} submitLabel="Report the rule" busyLabel="Sending…">
      {onlyService === undefined && (
        <SelectField label="Service" placeholder="Choose a service" options={me.services.map((s) => ({ value: s.id, label: s.name }))} {...form.register('serviceId')} />
      )}
      <TextAreaField
        label="What is the rule?" hint="Something that is “just how we do it” but limits people, such as “everyone is in bed by 10” or “snacks only at set times”."
        rows={4} {...form.register('text')}
      />
      <NameGoesWithIt />
    </ApiForm>
  );
}

const outcomeForm = z.object({
  outcome: z.enum(challengeOutcomes, { error: 'Choose the outcome' }),
  response: z.string().trim().min(1, 'Write your reply to the person who raised it').max(4000),
});
export function ChallengeOutcomeForm({ challenge, onDone }: { challenge: RestrictionChallenge; onDone: (m: string) => void }) {
  const record = useChallengeOutcome(challenge.id);
  const form = useApiForm(outcomeForm, { fields: ['outcome', 'response'], defaultValues: { response: '' } });
  const onSubmit = async (v: z.output<typeof outcomeForm>) => {
    await record.mutateAsync(v);
    onDone('The outcome has been recorded and the person who raised it can see your reply.');
  };
  return (
    <ApiForm form={form} onSubmit={onSubmit} submitLabel="Record the outcome" label={`Outcome of challenge ${challenge.id}`} className="form form--compact">
      <RadioGroup legend="Outcome" options={optionsOf(challengeOutcomes, challengeOutcomeLabels)} {...form.register('outcome')} />
      <TextAreaField label="Your reply" rows={3} {...form.register('response')} />
    </ApiForm>
  );
}

export function ChallengeCard({ challenge: c, canReview, onDone }: { challenge: RestrictionChallenge; canReview: boolean; onDone: (m: string) => void }) {
  return (
    <li className="rec-thread__item">
      <p className="rec-thread__who">
        {c.kind === 'unwritten_norm' ? 'Unwritten rule' : c.restriction ? <Link to={`/restrictions/${c.restriction.id}`}>{c.restriction.description}</Link> : 'Restriction'}
        {' – '}{c.serviceName}
      </p>
      <p className="rec-thread__text">{c.text}</p>
      <p className="rec-log__meta">Raised by {c.raisedBy}, {formatDate(c.raisedAt)}</p>
      {c.status === 'closed' ? (
        <p><span className="tag rec-tag--green rec-tag--first">{c.outcomeLabel ?? 'Closed'}</span> {c.response} {c.respondedBy && `(${c.respondedBy}, ${formatDate(c.respondedAt)})`}</p>
      ) : canReview ? (
        <ChallengeOutcomeForm challenge={c} onDone={onDone} />
      ) : (
        <p><span className="tag rec-tag--yellow rec-tag--first">Waiting for a reply</span></p>
      )}
    </li>
  );
}

export function ChallengesList({ mine, onDone }: { mine: boolean; onDone: (m: string) => void }) {
  const { can } = useSession();
  const { limit, offset } = usePageParams(PAGE_SIZE);
  const [params] = useSearchParams();
  const status = mine ? undefined : params.get('status') === 'closed' ? 'closed' : 'open';
  const filter: Omit<ChallengesFilter, 'limit' | 'offset'> = { mine: mine ? 'true' : undefined, status };
  const challenges = useChallenges({ ...filter, limit, offset });
  return (
    <QueryResult query={challenges} loadingLabel="Loading challenges…">
      {(data) => data.items.length === 0 ? <p className="empty">{mine ? 'You have not raised any challenges.' : 'No challenges are waiting.'}</p> : (
        <>
          <ul className="rec-thread">
            {data.items.map((c) => <ChallengeCard key={c.id} challenge={c} canReview={!mine && can('reviewChallenges')} onDone={onDone} />)}
          </ul>
          <Pagination total={data.total} limit={limit} offset={offset} noun="challenges" />
          <CsvDownloadLink path="/api/v1/restriction-challenges" filter={filter} what={mine ? 'your challenges' : 'the challenges'} hasFilters={!mine} />
        </>
      )}
    </QueryResult>
  );
}

const reviewForm = z.object({
  reviewDueOn: day,
  status: z.enum(restrictionStatuses),
  endedOn: z.union([day, z.literal('')]),
  reductionPlan: z.string().trim().max(4000),
  reason: z.string().trim().min(1, 'Say why it is changing, or what the review found').max(2000),
});
/** Review a restriction: next review date, status (ending it needs the date), reduction plan, always with the reason. */
export function ReviewRestrictionForm({ restriction: r, onDone }: { restriction: RestrictionDetail; onDone: (m: string) => void }) {
  const update = useUpdateRestriction(r.id);
  const form = useApiForm(reviewForm, {
    fields: ['reviewDueOn', 'status', 'endedOn', 'reductionPlan', 'reason'],
    defaultValues: { reviewDueOn: r.reviewDueOn, status: r.status, endedOn: r.endedOn ?? '', reductionPlan: r.reductionPlan ?? '', reason: '' },
  });
  const isEnding = form.watch('status') === 'ended';
  const onSubmit = async (v: z.output<typeof reviewForm>) => {
    const changes: Record<string, unknown> = {};
    if (v.reviewDueOn !== r.reviewDueOn) changes.reviewDueOn = v.reviewDueOn;
    if (v.status !== r.status) changes.status = v.status;
    if (v.status === 'ended' && v.endedOn && v.endedOn !== r.endedOn) changes.endedOn = v.endedOn;
    if (v.reductionPlan !== (r.reductionPlan ?? '')) changes.reductionPlan = v.reductionPlan || null;
    await update.mutateAsync({ reason: v.reason, ...changes });
    form.reset({ ...v, reason: '' });
    onDone('The restriction has been updated. The history shows what changed and why.');
  };
  return (
    <ApiForm form={form} onSubmit={onSubmit} submitLabel="Save the review" label="Review this restriction" className="form form--compact">
      <InputField type="date" width="short" label="Next review due on" {...form.register('reviewDueOn')} />
      <SelectField label="Status" options={optionsOf(restrictionStatuses, restrictionStatusLabels)} {...form.register('status')} />
      {isEnding && <InputField type="date" width="short" label="Date it ended" {...form.register('endedOn')} />}
      <TextAreaField label="Plan to reduce it" rows={3} {...form.register('reductionPlan')} />
      <TextAreaField label="Why? What did the review find?" rows={2} {...form.register('reason')} />
    </ApiForm>
  );
}
