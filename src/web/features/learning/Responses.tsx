import { Link, useNavigate } from 'react-router';
import { z } from 'zod';
import { contributoryFactorLabels, contributoryFactors } from '../../../domain/contributory-factors.js';
import {
  evidenceSourceLabels, learningResponseTypeLabels, learningResponseTypes, lessonScopeTypes,
  type EvidenceInput, type LearningResponse,
} from '../../../domain/learning.js';
import { ApiForm } from '../../components/ApiForm.js';
import { DataTable } from '../../components/DataTable.js';
import { DateText } from '../../components/DateText.js';
import { CheckboxField, CodeCheckboxGroup, RadioGroup, SelectField, TextField } from '../../components/Field.js';
import { withFlash } from '../../components/flash.js';
import { todayIso } from '../../components/formatDate.js';
import { asNumber, useApiForm } from '../../components/forms.js';
import { CsvDownloadLink } from '../../components/CsvDownloadLink.js';
import { Pagination, usePageParams } from '../../components/Pagination.js';
import { QueryResult } from '../../components/QueryResult.js';
import { SummaryList } from '../../components/SummaryList.js';
import { useSession } from '../auth/session.js';
import { InputField, TextAreaField } from '../incidents/fields.js';
import { useServicePeople } from '../incidents/api.js';
import { optionsOf } from '../safeguarding/fields.js';
import { useLearningResponses, useRecordLesson, useStartLearningResponse } from './api.js';
import { evidenceCode, evidenceHref, factorList } from './labels.js';

const PAGE = 25;

export function LearningResponsesList() {
  const { limit, offset } = usePageParams(PAGE);
  const list = useLearningResponses({ limit, offset });
  return (
    <QueryResult query={list} loadingLabel="Loading learning responses…">
      {(page) => (
        <>
          <DataTable
            caption="Learning responses, newest first" isCaptionHidden
            rows={page.items} rowKey={(r) => r.id} emptyMessage="No learning responses yet."
            columns={[
              { header: 'Title', isRowHeader: true, cell: (r) => <Link to={`/learning-responses/${r.id}`}>{r.title}</Link> },
              { header: 'Type', cell: (r) => r.typeLabel },
              { header: 'Service', cell: (r) => r.service?.name ?? 'Organisation-wide' },
              { header: 'Started', isNoWrap: true, cell: (r) => <DateText value={r.startedOn} /> },
              { header: 'Lessons', isNumeric: true, cell: (r) => r.lessons.length },
              { header: 'Status', cell: (r) => (r.status === 'completed' ? 'Completed' : 'In progress') },
            ]}
          />
          <Pagination total={page.total} limit={limit} offset={offset} noun="learning responses" />
          {page.total > 0 && <CsvDownloadLink path="/api/v1/learning-responses" filter={{}} what="the learning responses" />}
        </>
      )}
    </QueryResult>
  );
}

const startForm = z.object({
  type: z.enum(learningResponseTypes, { error: 'Choose the kind of learning response' }),
  title: z.string().trim().min(1, 'Give it a title').max(300),
  serviceId: z.preprocess(asNumber, z.number().int().positive().optional()),
  startedOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Enter the date it started'),
  evidence: z.array(z.string()),
  factors: z.array(z.string()),
  person: z.boolean(),
  family: z.boolean(),
  advocate: z.boolean(),
  staff: z.boolean(),
  names: z.string().max(4000),
  findings: z.string().max(20_000),
});
const startFields = ['type', 'title', 'serviceId', 'startedOn', 'evidence', 'factors', 'person', 'family', 'advocate', 'staff', 'names', 'findings'] as const;

function evidenceFromCode(code: string): EvidenceInput | null {
  const [source, value] = code.split(':');
  if (!source || !value) return null;
  if (source === 'pattern') return { source, key: value };
  return { source: source as Exclude<EvidenceInput['source'], 'pattern'>, id: Number(value) };
}

/** Start a learning response; the records it starts from (and their contributory factors) come along. */
export function StartResponseForm({ evidence, evidenceLabels, title, serviceId }: {
  evidence: readonly EvidenceInput[];
  evidenceLabels: Record<string, string>;
  title?: string;
  serviceId?: number;
}) {
  const { me } = useSession();
  const navigate = useNavigate();
  const start = useStartLearningResponse();
  const codes = evidence.map(evidenceCode);
  const form = useApiForm(startForm, {
    fields: startFields,
    mapPath: (p) => (p.startsWith('participants.') ? (p.split('.')[1] ?? p) : p.startsWith('contributoryFactors') ? 'factors' : p),
    defaultValues: {
      title: title ?? '', serviceId: serviceId ?? (me.services.length === 1 ? me.services[0]!.id : ''), startedOn: todayIso(),
      evidence: codes, factors: [], person: false, family: false, advocate: false, staff: true, names: '', findings: '',
    },
  });
  const onSubmit = async (v: z.output<typeof startForm>) => {
    const saved = await start.mutateAsync({
      type: v.type, title: v.title, ...(v.serviceId ? { serviceId: v.serviceId } : {}), startedOn: v.startedOn, findings: v.findings,
      participants: { person: v.person, family: v.family, advocate: v.advocate, staff: v.staff, names: v.names.split(',').map((n) => n.trim()).filter(Boolean) },
      evidence: v.evidence.map(evidenceFromCode).filter((e): e is EvidenceInput => e !== null),
      ...(v.factors.length ? { contributoryFactors: v.factors as (typeof contributoryFactors)[number][] } : {}),
    });
    await navigate(`/learning-responses/${saved.id}`, withFlash('The learning response has been started.'));
  };
  return (
    <ApiForm form={form} onSubmit={onSubmit} submitLabel="Start the learning response" busyLabel="Starting…">
      <RadioGroup legend="What kind of learning response?" options={optionsOf(learningResponseTypes, learningResponseTypeLabels)} {...form.register('type')} />
      <TextField label="Title" hint="For example, “Evening restraints at Oak House”." {...form.register('title')} />
      <SelectField
        label="Service" placeholder="Organisation-wide (all services)" hint="Organisation-wide is for people who see every service."
        options={me.services.map((s) => ({ value: s.id, label: s.name }))} {...form.register('serviceId')}
      />
      <InputField type="date" width="short" label="Date started" {...form.register('startedOn')} />
      {codes.length > 0 ? (
        <CodeCheckboxGroup
          name="evidence" legend="The records it starts from" hint="Untick any that do not belong."
          options={evidence.map((e) => ({ value: evidenceCode(e), label: evidenceLabels[evidenceCode(e)] ?? `${evidenceSourceLabels[e.source]} ${e.source === 'pattern' ? e.key : e.id}` }))}
        />
      ) : (
        <p className="hint">To start from records, use “Start a learning response” on a detected pattern, or add <code>?from=incident:123</code> to this page’s address.</p>
      )}
      <CodeCheckboxGroup
        name="factors" legend="Contributory factors found (optional)"
        hint="Leave all unticked to bring along the factors recorded on the evidence."
        options={optionsOf(contributoryFactors, contributoryFactorLabels)}
      />
      <fieldset className="fieldset">
        <legend className="legend">Who took part</legend>
        <CheckboxField label="The person supported, as they wished" {...form.register('person')} />
        <CheckboxField label="Their family, as they wished" {...form.register('family')} />
        <CheckboxField label="An advocate" {...form.register('advocate')} />
        <CheckboxField label="Staff" {...form.register('staff')} />
      </fieldset>
      <TextField label="Names of those who took part (optional)" hint="Separated by commas." autoComplete="off" {...form.register('names')} />
      <TextAreaField label="Findings so far (optional)" rows={5} {...form.register('findings')} />
    </ApiForm>
  );
}

/** The facts of a learning response: type, service, participants, evidence and factors. */
export function ResponseFacts({ response: r }: { response: LearningResponse }) {
  const p = r.participants;
  const who = [p.person && 'the person supported', p.family && 'their family', p.advocate && 'an advocate', p.staff && 'staff'].filter(Boolean).join(', ');
  return (
    <>
      <SummaryList
        rows={[
          { key: 'Type', value: r.typeLabel },
          { key: 'Service', value: r.service ? <Link to={`/services/${r.service.id}`}>{r.service.name}</Link> : 'Organisation-wide' },
          { key: 'Started', value: <DateText value={r.startedOn} /> },
          { key: 'Status', value: r.status === 'completed' ? 'Completed' : 'In progress' },
          { key: 'Who took part', value: `${who || 'Not recorded'}${p.names.length ? ` (${p.names.join(', ')})` : ''}` },
          { key: 'Started by', value: r.createdBy },
        ]}
      />
      <section className="section" aria-labelledby="findings-title">
        <h2 id="findings-title">Findings</h2>
        {r.findings ? <p className="break-anywhere" style={{ whiteSpace: 'pre-wrap' }}>{r.findings}</p> : <p>No findings recorded yet.</p>}
      </section>
      <EvidenceAndFactors idPrefix="response" evidence={r.evidence} factors={r.contributoryFactors} />
    </>
  );
}

/** What a response or lesson draws on: its records, then its contributory factors, each under its own heading. */
export function EvidenceAndFactors({ idPrefix, evidence, factors }: {
  idPrefix: string; evidence: LearningResponse['evidence']; factors: LearningResponse['contributoryFactors'];
}) {
  return (
    <>
      <section className="section" aria-labelledby={`${idPrefix}-evidence-title`}>
        <h2 id={`${idPrefix}-evidence-title`}>Evidence</h2>
        <EvidenceList evidence={evidence} />
      </section>
      <section className="section" aria-labelledby={`${idPrefix}-factors-title`}>
        <h2 id={`${idPrefix}-factors-title`}>Contributory factors</h2>
        <FactorList factors={factors} />
      </section>
    </>
  );
}

function EvidenceList({ evidence }: { evidence: LearningResponse['evidence'] }) {
  if (evidence.length === 0) return <p>No records linked.</p>;
  return (
    <ul className="plain-list">
      {evidence.map((e, i) => {
        const href = evidenceHref(e);
        return <li key={i}>{href ? <Link to={href}>{e.label}</Link> : e.label}</li>;
      })}
    </ul>
  );
}

function FactorList({ factors }: { factors: LearningResponse['contributoryFactors'] }) {
  if (factors.length === 0) return <p>None recorded.</p>;
  return <ul>{factorList(factors).map((f) => <li key={f}>{f}</li>)}</ul>;
}

const lessonForm = z.object({
  statement: z.string().trim().min(1, 'Write the lesson').max(4000),
  scopeType: z.enum(lessonScopeTypes, { error: 'Choose who the lesson is about' }),
  personId: z.preprocess(asNumber, z.number().int().positive().optional()),
}).refine((v) => v.scopeType !== 'person' || v.personId !== undefined, { path: ['personId'], message: 'Choose the person' });

/** Record a lesson from a learning response; its evidence and factors come along. */
export function LessonForm({ response }: { response: LearningResponse }) {
  const navigate = useNavigate();
  const record = useRecordLesson();
  const { me } = useSession();
  const serviceId = response.service?.id;
  const people = useServicePeople(serviceId);
  const form = useApiForm(lessonForm, {
    fields: ['statement', 'scopeType', 'personId'],
    mapPath: (p) => (p === 'scope.type' ? 'scopeType' : p === 'scope.id' ? 'personId' : p),
    defaultValues: { statement: '', scopeType: serviceId ? 'service' : 'organisation', personId: '' },
  });
  const scopeType = form.watch('scopeType');
  const scopeOptions = lessonScopeTypes
    .filter((t) => (t === 'organisation' ? me.services.length > 0 : serviceId !== undefined))
    .map((t) => ({ value: t, label: t === 'person' ? 'One person' : t === 'service' ? `The service${response.service ? ` (${response.service.name})` : ''}` : 'The whole organisation' }));
  const onSubmit = async (v: z.output<typeof lessonForm>) => {
    const scope = v.scopeType === 'organisation' ? { type: 'organisation' as const }
      : v.scopeType === 'person' ? { type: 'person' as const, id: v.personId! } : { type: 'service' as const, id: serviceId! };
    const saved = await record.mutateAsync({ statement: v.statement, scope, learningResponseId: response.id });
    await navigate(`/lessons/${saved.id}`, withFlash('The lesson has been recorded.'));
  };
  return (
    <ApiForm form={form} onSubmit={onSubmit} submitLabel="Record the lesson" label="Add a lesson">
      <TextAreaField label="The lesson, in plain words" hint="For example, “Offer a quiet space before the evening meal”." rows={3} {...form.register('statement')} />
      <RadioGroup legend="Who is it about?" options={scopeOptions} {...form.register('scopeType')} />
      {scopeType === 'person' && (
        <SelectField
          label="Person" placeholder="Choose the person"
          options={(people.data?.items ?? []).map((p) => ({ value: p.id, label: p.displayName }))} {...form.register('personId')}
        />
      )}
    </ApiForm>
  );
}
