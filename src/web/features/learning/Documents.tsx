import { useState } from 'react';
import { Link } from 'react-router';
import { z } from 'zod';
import { completesByDocument, documentKindLabels, documentKinds, MAX_ATTACHMENT_BYTES, type Action, type DocumentKind, type PersonDocument } from '../../../domain/learning.js';
import { ApiForm } from '../../components/ApiForm.js';
import { DateText } from '../../components/DateText.js';
import { Field, RadioGroup, SelectField } from '../../components/Field.js';
import { todayIso } from '../../components/formatDate.js';
import { asNumber, useApiForm } from '../../components/forms.js';
import { QueryResult } from '../../components/QueryResult.js';
import { SummaryList } from '../../components/SummaryList.js';
import { InputField, TextAreaField } from '../incidents/fields.js';
import { optionsOf } from '../safeguarding/fields.js';
import { useActions, useAddDocumentVersion, usePersonDocuments } from './api.js';

function Version({ personId, doc: d }: { personId: number; doc: PersonDocument }) {
  return (
    <div className="card">
      <h3 className="card__title">{d.kindLabel}, version {d.version}</h3>
      <SummaryList
        rows={[
          { key: 'In force', value: <>from <DateText value={d.inForceFrom} />{d.supersededOn ? <> until <DateText value={d.supersededOn} /></> : ' (current)'}</> },
          { key: 'Review by', value: <DateText value={d.reviewOn} /> },
          { key: 'Summary', value: <span style={{ whiteSpace: 'pre-wrap' }}>{d.summary}</span> },
          ...(d.changedBecause ? [{
            key: 'Why it changed',
            value: <Link to={`/lessons/${d.changedBecause.lessonId}`}>{d.changedBecause.text}</Link>,
          }] : []),
          ...(d.attachment ? [{
            key: 'Attachment',
            value: <a href={`/api/v1/people/${personId}/documents/${d.id}/attachment`}>{d.attachment.name} ({Math.ceil(d.attachment.size / 1024)} KB)</a>,
          }] : []),
          { key: 'Written by', value: <>{d.author}, <DateText value={d.createdAt} /></> },
        ]}
      />
    </div>
  );
}

/** A person's risk assessments and plans: the versions in force on a chosen date, and every version. */
export function PersonDocuments({ personId }: { personId: number }) {
  const [on, setOn] = useState(todayIso());
  const inForce = usePersonDocuments(personId, on || undefined);
  const all = usePersonDocuments(personId);
  return (
    <>
      <section className="section" aria-labelledby="in-force-title">
        <h2 id="in-force-title">In force on a date</h2>
        <div className="field">
          <label className="label" htmlFor="in-force-on">Show the versions in force on</label>
          <input className="input input--short" type="date" id="in-force-on" value={on} onChange={(e) => setOn(e.target.value)} />
        </div>
        <QueryResult query={inForce}>
          {(page) => page.items.length === 0
            ? <p className="empty">No risk assessment or plan was in force on that date.</p>
            : <div className="card-list">{page.items.map((d) => <Version key={d.id} personId={personId} doc={d} />)}</div>}
        </QueryResult>
      </section>
      <section className="section" aria-labelledby="all-versions-title">
        <h2 id="all-versions-title">Every version</h2>
        <QueryResult query={all}>
          {(page) => page.items.length === 0 ? <p className="empty">None recorded yet.</p> : (
            <ul className="plain-list plain-list--bordered">
              {page.items.map((d) => (
                <li key={d.id}>
                  {d.kindLabel}, version {d.version}: in force from <DateText value={d.inForceFrom} />
                  {d.changedBecause && <> — <Link to={`/lessons/${d.changedBecause.lessonId}`}>{d.changedBecause.text}</Link></>}
                </li>
              ))}
            </ul>
          )}
        </QueryResult>
      </section>
    </>
  );
}

const versionForm = z.object({
  kind: z.enum(documentKinds, { error: 'Choose the kind of document' }),
  inForceFrom: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Enter the date it comes into force'),
  reviewOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Enter the review date'),
  summary: z.string().trim().min(1, 'Summarise what it says').max(20_000),
  actionId: z.preprocess(asNumber, z.number().int().positive().optional()),
}).refine((d) => d.reviewOn >= d.inForceFrom, { path: ['reviewOn'], message: 'The review date is before the version comes into force' });

function toBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(typeof reader.result === 'string' ? reader.result.replace(/^data:[^,]*,/, '') : '');
    reader.onerror = () => reject(reader.error ?? new Error('The file could not be read'));
    reader.readAsDataURL(file);
  });
}

/** Record a new version; naming an action completes it, recording the lesson that changed the document. */
export function AddVersionForm({ personId, actionId, onDone }: { personId: number; actionId?: number; onDone: (m: string) => void }) {
  const actions = useActions({ personId, open: 'true', limit: 100, offset: 0 });
  return (
    <QueryResult query={actions} loadingLabel="Loading actions…">
      {(page) => (
        <VersionForm
          personId={personId} onDone={onDone}
          open={page.items.filter((a) => completesByDocument(a.type))}
          actionId={actionId}
        />
      )}
    </QueryResult>
  );
}

function VersionForm({ personId, actionId, open, onDone }: { personId: number; actionId?: number; open: readonly Action[]; onDone: (m: string) => void }) {
  const add = useAddDocumentVersion(personId);
  const preset = open.find((a) => a.id === actionId);
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | undefined>();
  const form = useApiForm(versionForm, {
    fields: ['kind', 'inForceFrom', 'reviewOn', 'summary', 'actionId'],
    defaultValues: { ...(preset ? { kind: preset.type as DocumentKind } : {}), inForceFrom: todayIso(), reviewOn: '', summary: '', actionId: preset?.id ?? '' },
  });
  const kind = form.watch('kind');
  const onSubmit = async (v: z.output<typeof versionForm>) => {
    if (file && file.size > MAX_ATTACHMENT_BYTES) {
      setFileError('The file must be 512 KB or smaller');
      return;
    }
    setFileError(undefined);
    const attachment = file ? { name: file.name, contentType: file.type || 'application/octet-stream', base64: await toBase64(file) } : undefined;
    const saved = await add.mutateAsync({ ...v, ...(attachment ? { attachment } : {}) });
    form.reset({ inForceFrom: todayIso(), reviewOn: '', summary: '', actionId: '' });
    setFile(null);
    onDone(`${saved.kindLabel} version ${saved.version} has been recorded${saved.changedBecause ? ', and the action is completed' : ''}.`);
  };
  return (
    <ApiForm form={form} onSubmit={onSubmit} submitLabel="Record the new version" label="Add a new version">
      <RadioGroup legend="Which document?" options={optionsOf(documentKinds, documentKindLabels)} {...form.register('kind')} />
      <InputField type="date" width="short" label="In force from" {...form.register('inForceFrom')} />
      <InputField type="date" width="short" label="Review by" {...form.register('reviewOn')} />
      <TextAreaField label="Summary of what it says" hint="The structured summary staff need: what to do, and what to avoid." rows={5} {...form.register('summary')} />
      <SelectField
        label="Does this version complete an action? (optional)" placeholder="No, it completes no action"
        hint="The version will record the lesson that changed it."
        options={open.filter((a) => !kind || a.type === kind).map((a) => ({ value: a.id, label: `${a.typeLabel}: ${a.description}` }))}
        {...form.register('actionId')}
      />
      <Field id="document-attachment" label="Attachment (optional)" hint="A PDF or document of at most 512 KB." error={fileError}>
        {(a11y) => <input className="input" type="file" {...a11y} onChange={(e) => setFile(e.target.files?.[0] ?? null)} />}
      </Field>
    </ApiForm>
  );
}
