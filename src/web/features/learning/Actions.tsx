import { Link, useNavigate } from 'react-router';
import { z } from 'zod';
import type { EffectEvaluationResponse } from '../../../domain/effectiveness.js';
import {
  actionStatusLabels, actionTypeLabels, actionTypes, canMoveAction, closeOutcomes, completesByDocument, documentKindLabels,
  type Action, type LessonDetail,
} from '../../../domain/learning.js';
import { unjudgeableReason } from '../../../domain/effectiveness.js';
import { measureCatalogue } from '../../../domain/measures.js';
import { ApiForm } from '../../components/ApiForm.js';
import { DataTable } from '../../components/DataTable.js';
import { DateText } from '../../components/DateText.js';
import { RadioGroup, SelectField } from '../../components/Field.js';
import { withFlash } from '../../components/flash.js';
import { formatMonth, formatNumber } from '../../components/formatDate.js';
import { asNumber, useApiForm } from '../../components/forms.js';
import { SummaryList } from '../../components/SummaryList.js';
import { useSession } from '../auth/session.js';
import { useServicePeople, useServiceStaff } from '../incidents/api.js';
import { InputField, TextAreaField } from '../incidents/fields.js';
import { optionsOf } from '../safeguarding/fields.js';
import { useCreateAction, useUpdateAction } from './api.js';
import { verdictLabels } from './labels.js';

const isoDate = (message: string) => z.string().regex(/^\d{4}-\d{2}-\d{2}$/, message);

/** Where the action's measure chart is: `/measures/{key}?scope=…`. */
export function measureHref(a: Pick<Action, 'measure'>): string {
  const { type, id } = a.measure.scope;
  return `/measures/${encodeURIComponent(a.measure.key)}?scope=${type === 'organisation' || id === null ? 'organisation' : `${type}:${id}`}`;
}

export function ActionsTable({ actions, caption, isCaptionHidden = false }: { actions: readonly Action[]; caption: string; isCaptionHidden?: boolean }) {
  return (
    <DataTable
      caption={caption} isCaptionHidden={isCaptionHidden}
      rows={actions} rowKey={(a) => a.id} emptyMessage="No actions."
      columns={[
        { header: 'Action', isRowHeader: true, cell: (a) => <Link to={`/actions/${a.id}`}>{a.typeLabel}: {a.description}</Link> },
        { header: 'Owner', cell: (a) => a.owner.name },
        { header: 'Due', isNoWrap: true, cell: (a) => <><DateText value={a.dueOn} />{a.isOverdue && <> <span className="tag">Overdue</span></>}</> },
        { header: 'Status', cell: (a) => actionStatusLabels[a.status] },
        { header: 'Verdict', cell: (a) => (a.verdict ? verdictLabels[a.verdict] : 'Not evaluated') },
      ]}
    />
  );
}

const createForm = z.object({
  type: z.enum(actionTypes, { error: 'Choose the type of action' }),
  description: z.string().trim().min(1, 'Say what will be done').max(4000),
  owner: z.string().min(1, 'Choose who owns it'),
  dueOn: isoDate('Enter the due date'),
  measureKey: z.string().min(1, 'Choose the measure it should move'),
  scope: z.string().min(1, 'Choose where the measure should move'),
  personId: z.preprocess(asNumber, z.number().int().positive().optional()),
  reviewOn: isoDate('Enter the review date'),
  actionDate: z.string(),
}).refine((v) => !completesByDocument(v.type) || v.personId !== undefined || v.scope.startsWith('person:'), {
  path: ['personId'], message: 'Choose whose risk assessment or plan will change',
});
const createFields = ['type', 'description', 'owner', 'dueOn', 'measureKey', 'scope', 'personId', 'reviewOn', 'actionDate'] as const;

/** Map the server's field paths onto this form's fields. */
function createPath(path: string): string {
  if (path.startsWith('owner')) return 'owner';
  if (path === 'measure.key') return 'measureKey';
  if (path.startsWith('measure')) return 'scope';
  return path;
}

/** An action from a lesson: type, owner, due date, and the measure, scope and review date it is judged by. */
export function CreateActionForm({ lesson }: { lesson: LessonDetail }) {
  const { me } = useSession();
  const navigate = useNavigate();
  const create = useCreateAction();
  const serviceId = lesson.serviceId ?? (lesson.scope.type === 'service' ? lesson.scope.id ?? undefined : undefined);
  const people = useServicePeople(serviceId);
  const staff = useServiceStaff(serviceId);
  const personDefault = lesson.scope.type === 'person' && lesson.scope.id ? `person:${lesson.scope.id}` : serviceId ? `service:${serviceId}` : 'organisation';
  const form = useApiForm(createForm, {
    fields: createFields, mapPath: createPath,
    defaultValues: { description: '', owner: '', dueOn: '', measureKey: '', scope: personDefault, personId: '', reviewOn: '', actionDate: '' },
  });
  const type = form.watch('type');
  const scopeOptions = [
    ...(people.data?.items ?? []).map((p) => ({ value: `person:${p.id}`, label: `${p.displayName} (person)` })),
    ...me.services.map((s) => ({ value: `service:${s.id}`, label: `${s.name} (service)` })),
    { value: 'organisation', label: 'The whole organisation' },
  ];
  const ownerOptions = [
    { value: `user:${me.user.id}`, label: `Me (${me.user.name})` },
    ...(staff.data?.items ?? []).map((s) => ({ value: `staff:${s.id}`, label: `${s.name}, ${s.jobTitle}` })),
  ];
  const onSubmit = async (v: z.output<typeof createForm>) => {
    const [ownerKind, ownerId] = v.owner.split(':');
    const [scopeType, scopeId] = v.scope.split(':');
    const scope = scopeType === 'organisation' ? { type: 'organisation' as const } : { type: scopeType as 'person' | 'service' | 'region', id: Number(scopeId) };
    const saved = await create.mutateAsync({
      lessonId: lesson.id, type: v.type, description: v.description,
      owner: ownerKind === 'staff' ? { staffId: Number(ownerId) } : { userId: Number(ownerId) },
      dueOn: v.dueOn, measure: { key: v.measureKey, scope },
      ...(v.personId ? { personId: v.personId } : {}), reviewOn: v.reviewOn, ...(v.actionDate ? { actionDate: v.actionDate } : {}),
    });
    await navigate(`/actions/${saved.id}`, withFlash('The action has been created.'));
  };
  return (
    <ApiForm form={form} onSubmit={onSubmit} submitLabel="Create the action" label="Create an action">
      <RadioGroup legend="Type of action" options={optionsOf(actionTypes, actionTypeLabels)} {...form.register('type')} />
      <TextAreaField label="What will be done" rows={3} {...form.register('description')} />
      <SelectField label="Owner" placeholder="Choose who owns it" options={ownerOptions} {...form.register('owner')} />
      <InputField type="date" width="short" label="Due date" {...form.register('dueOn')} />
      <SelectField
        label="Measure it should move" placeholder="Choose a measure" hint="Lantern judges the action by this measure at the review date."
        options={measureCatalogue.filter((m) => unjudgeableReason(m) === null).map((m) => ({ value: m.key, label: m.name }))} {...form.register('measureKey')}
      />
      <SelectField label="Where (scope of the measure)" options={scopeOptions} {...form.register('scope')} />
      {type && completesByDocument(type) && (
        <SelectField
          label={`Whose ${documentKindLabels[type].toLowerCase()}?`} placeholder="The person named as the scope"
          options={(people.data?.items ?? []).map((p) => ({ value: p.id, label: p.displayName }))} {...form.register('personId')}
        />
      )}
      <InputField type="date" width="short" label="Review date" hint="When Lantern judges whether it worked: on or after the due date." {...form.register('reviewOn')} />
      <InputField type="date" width="short" label="Date it took effect (optional)" hint="If the change is already in place. Otherwise, it is the day the action is completed." {...form.register('actionDate')} />
    </ApiForm>
  );
}

function scopeWords(a: Action): string {
  const { type } = a.measure.scope;
  return type === 'organisation' ? 'the whole organisation' : type === 'person' ? 'for one person' : type === 'service' ? 'at one service' : 'in one region';
}

export function ActionFacts({ action: a }: { action: Action }) {
  return (
    <SummaryList
      rows={[
        { key: 'Type', value: a.typeLabel },
        { key: 'From the lesson', value: <Link to={`/lessons/${a.lesson.id}`}>{a.lesson.statement}</Link> },
        { key: 'Owner', value: a.owner.name },
        { key: 'Due', value: <><DateText value={a.dueOn} />{a.isOverdue && <> <span className="tag">Overdue</span></>}</> },
        { key: 'Status', value: <span data-testid="action-status">{actionStatusLabels[a.status]}</span> },
        { key: 'Measure', value: <><Link to={measureHref(a)}>{a.measure.name}</Link> ({scopeWords(a)})</> },
        ...(a.personId ? [{ key: 'Person', value: <Link to={`/people/${a.personId}/documents`}>Their risk assessments and plans</Link> }] : []),
        { key: 'Took effect', value: <DateText value={a.actionDate} fallback="Not yet" /> },
        { key: 'Review date', value: <DateText value={a.reviewOn} /> },
        { key: 'Evidence of completion', value: a.completionEvidence ?? 'None yet' },
        ...(a.documents.length ? [{
          key: 'Changed documents',
          value: <ul className="plain-list">{a.documents.map((d) => <li key={d.id}><Link to={`/people/${d.personId}/documents`}>{documentKindLabels[d.kind]}, version {d.version}</Link></li>)}</ul>,
        }] : []),
        ...(a.type === 'workforce_development' ? [{ key: 'Training assigned', value: <>{a.trainingAssigned} <Link to={`/training?actionId=${a.id}`}>Assign or record training</Link></> }] : []),
        { key: 'Verdict', value: a.verdict ? <><strong>{verdictLabels[a.verdict]}</strong>{a.verdictExplanation ? `: ${a.verdictExplanation}` : ''}</> : 'Not evaluated yet' },
        ...(a.closedAs ? [{ key: 'Closed', value: <>{a.closedAs.replace('_', ' ')}, <DateText value={a.closedOn} />{a.overrideReason ? ` (verdict overridden by ${a.overrideBy ?? 'a lead'}: ${a.overrideReason})` : ''}</> }] : []),
      ]}
    />
  );
}

/** The evaluation in plain words: verdict, explanation, before and after, and the rate ratio with its interval. */
export function EvaluationResult({ evaluation: e, action }: { evaluation: EffectEvaluationResponse; action: Action }) {
  const monthsOf = (w: EffectEvaluationResponse['before']) =>
    w.from && w.to ? `${formatMonth(w.from)} to ${formatMonth(w.to)} (${w.months} month${w.months === 1 ? '' : 's'})` : 'no months';
  const isRate = measureCatalogue.find((m) => m.key === action.measure.key)?.denominator?.metric === 'occupied_days';
  const isPerson = action.measure.scope.type === 'person';
  const unit = isRate ? (isPerson ? 'per 1,000 days supported' : 'per 1,000 occupied bed days') : 'a month';
  const exposureUnit = isPerson ? 'days supported' : isRate ? 'occupied bed days' : 'months';
  const rate = (w: EffectEvaluationResponse['before']) => (w.rate === null ? 'no rate' : `${formatNumber(w.rate, 2)} ${unit}`);
  const pct = (r: number) => `${formatNumber(Math.abs(1 - r) * 100, 0)} % ${r < 1 ? 'lower' : 'higher'}`;
  return (
    <div className="panel" data-testid="evaluation">
      <p><strong>Verdict: <span data-testid="verdict">{verdictLabels[e.verdict]}</span></strong></p>
      <p>{e.explanation}</p>
      <DataTable
        caption="Before and after the action" phoneLayout="scroll" isNarrow
        rows={[{ name: 'Before', w: e.before }, { name: 'After', w: e.after }]} rowKey={(r) => r.name} emptyMessage=""
        columns={[
          { header: 'Window', isRowHeader: true, cell: (r) => r.name },
          { header: 'Months', cell: (r) => monthsOf(r.w) },
          { header: 'Events', isNumeric: true, cell: (r) => formatNumber(r.w.count) },
          { header: 'Exposure', isNumeric: true, cell: (r) => `${formatNumber(r.w.exposure, 1)} ${exposureUnit}` },
          { header: 'Rate', isNumeric: true, cell: (r) => rate(r.w) },
        ]}
      />
      <p>
        {e.rateRatio === null || e.ci95 === null
          ? 'There were no events to compare, so no rate ratio could be worked out.'
          : `After the action the rate was ${pct(e.rateRatio)} than before (rate ratio ${formatNumber(e.rateRatio, 2)}). `
            + `We are 95 % confident the true ratio lies between ${formatNumber(e.ci95[0], 2)} and ${formatNumber(e.ci95[1], 2)}`
            + `${e.ci95[0] <= 1 && e.ci95[1] >= 1 ? ', a range that includes no change.' : '.'}`}
      </p>
      <p>
        The chart was recalculated from {formatMonth(e.actionMonth)}:{' '}
        {e.evidence.isSpecialCauseImprovement ? 'it shows special cause variation in the improvement direction.' : 'it shows no special cause variation in the improvement direction.'}{' '}
        <Link to={measureHref(action)}>See the {action.measure.name.toLowerCase()} chart</Link>.
      </p>
    </div>
  );
}

const statusForm = z.object({
  status: z.enum(['in_progress', 'completed'], { error: 'Choose the new status' }),
  completionEvidence: z.string().trim().max(8000),
});

/** Move an action on: in progress, or completed with evidence (not for document actions, which complete by a new version). */
export function StatusForm({ action, onDone }: { action: Action; onDone: (m: string) => void }) {
  const update = useUpdateAction(action.id);
  const form = useApiForm(statusForm, { fields: ['status', 'completionEvidence'], defaultValues: { completionEvidence: action.completionEvidence ?? '' } });
  const options = (['in_progress', 'completed'] as const)
    .filter((s) => canMoveAction(action.status, s) && !(s === 'completed' && completesByDocument(action.type)))
    .map((s) => ({ value: s, label: actionStatusLabels[s] }));
  if (options.length === 0) return null;
  const onSubmit = async (v: z.output<typeof statusForm>) => {
    await update.mutateAsync({ status: v.status, ...(v.completionEvidence ? { completionEvidence: v.completionEvidence } : {}) });
    onDone(`The action is now ${actionStatusLabels[v.status].toLowerCase()}.`);
  };
  return (
    <ApiForm form={form} onSubmit={onSubmit} submitLabel="Update the action" label="Update the status">
      <RadioGroup legend="New status" options={options} {...form.register('status')} />
      <TextAreaField label="Evidence of completion" hint="What was done, and where the proof is. Needed to complete it." rows={3} {...form.register('completionEvidence')} />
    </ApiForm>
  );
}

const closeLabels: Record<(typeof closeOutcomes)[number], string> = { effective: 'Effective', not_effective: 'Not effective', superseded: 'Superseded' };
const closeForm = z.object({
  closedAs: z.enum(closeOutcomes, { error: 'Say how it ended' }),
  overrideReason: z.string().trim().max(4000),
});

/** Close an action: as effective only when the verdict supports it, or with a lead's override reason. */
export function CloseForm({ action, onDone }: { action: Action; onDone: (m: string) => void }) {
  const { me } = useSession();
  const update = useUpdateAction(action.id);
  const isLead = me.user.role === 'quality_lead' || me.user.role === 'safeguarding_lead';
  const form = useApiForm(closeForm, { fields: ['closedAs', 'overrideReason'], defaultValues: { overrideReason: '' } });
  const closedAs = form.watch('closedAs');
  const needsOverride = closedAs === 'effective' && action.verdict !== 'effective';
  const onSubmit = async (v: z.output<typeof closeForm>) => {
    if (v.closedAs === 'effective' && action.verdict !== 'effective' && !v.overrideReason) {
      form.setError('overrideReason', { message: isLead ? 'Give the reason for overriding the verdict' : 'The verdict does not support closing this as effective; only a lead can override it' });
      return;
    }
    await update.mutateAsync({ status: 'closed', closedAs: v.closedAs, ...(needsOverride && v.overrideReason ? { overrideReason: v.overrideReason } : {}) });
    onDone('The action has been closed.');
  };
  return (
    <ApiForm form={form} onSubmit={onSubmit} submitLabel="Close the action" label="Close the action">
      <RadioGroup legend="How did it end?" options={closeOutcomes.map((c) => ({ value: c, label: closeLabels[c] }))} {...form.register('closedAs')} />
      {needsOverride && (
        <TextAreaField
          label="Reason for overriding the verdict"
          hint={`The verdict is ${action.verdict ? verdictLabels[action.verdict].toLowerCase() : 'not given yet'}. Only a quality or safeguarding lead can close it as effective anyway, with a reason.`}
          rows={3} {...form.register('overrideReason')}
        />
      )}
    </ApiForm>
  );
}

