import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { z } from 'zod';
import { timelineSources, type RecordRef, type TimelineLink } from '../../../domain/timeline.js';
import { isApiError } from '../../api/client.js';
import { ApiForm } from '../../components/ApiForm.js';
import { ErrorMessage, RadioGroup, SelectField, TextField } from '../../components/Field.js';
import { asNumber, fieldId, useApiForm } from '../../components/forms.js';
import { Notice } from '../../components/Notice.js';
import { QueryResult } from '../../components/QueryResult.js';
import { useLinkRecords, useRecordLinks, useRemoveLink, useSearch } from './api.js';
import { candidatesFor, canFind, type Finding } from './finder.js';
import { linkChoices, linkChoiceValues, linkFieldFor, linkInputFor, linkText, recordName, sourceNames } from './labels.js';
import { LinkedRecord, LinkList } from './TimelineTable.js';
import { useReadableSources } from './Timeline.js';
import './timeline.css';

const linkForm = z.object({
  choice: z.enum(linkChoiceValues, { error: 'Choose how the records are linked' }),
  source: z.enum(timelineSources, { error: 'Choose the kind of record' }),
  q: z.string().trim().max(100),
  otherId: z.preprocess(asNumber, z.number({ error: 'Find the record, then choose it' }).int().positive()),
});
type LinkValues = z.output<typeof linkForm>;
const fields = ['choice', 'source', 'q', 'otherId'] as const;

/** Enough matches to pick from; more words narrow them. */
const FIND_LIMIT = 10;

/** "This incident raised safeguarding concern 12": the relation, the kind of record, then the record, found by words or number. */
function LinkForm({ record, onDone }: { record: RecordRef; onDone: (message: string) => void }) {
  const noun = sourceNames[record.source].one;
  const offered = useReadableSources();
  const link = useLinkRecords();
  const form = useApiForm(linkForm, { fields, mapPath: linkFieldFor, defaultValues: { q: '', otherId: '' } });
  const [finding, setFinding] = useState<Finding | null>(null);
  const found = useSearch(finding && finding.q.length >= 2 ? { q: finding.q, sources: finding.source } : {}, FIND_LIMIT);
  const candidates = candidatesFor(finding, found.isPlaceholderData ? undefined : found.data?.items, record);

  const forget = () => {
    setFinding(null);
    form.setValue('otherId', '');
  };
  const find = () => {
    // Until a kind is chosen the select holds '', whatever the form's types say.
    const source = timelineSources.find((s) => s === form.getValues('source'));
    const q = form.getValues('q').trim();
    form.clearErrors(['source', 'q']);
    if (!source) {
      form.setError('source', { type: 'manual', message: 'Choose the kind of record first' }, { shouldFocus: true });
      return;
    }
    if (!canFind(q)) {
      form.setError('q', { type: 'manual', message: 'Enter at least two characters, or the record’s number' }, { shouldFocus: true });
      return;
    }
    form.setValue('otherId', '');
    setFinding({ source, q });
  };
  // Enter in the search box finds; it must not send the form before a record is chosen.
  const findOnEnter = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    find();
  };

  const onSubmit = async (values: LinkValues) => {
    const other = { source: values.source, id: values.otherId };
    await link.mutateAsync(linkInputFor(values.choice, record, other));
    const words = linkChoices.find((c) => c.value === values.choice)?.words ?? 'is linked to';
    form.reset();
    setFinding(null);
    onDone(`Linked: this ${noun} ${words} ${recordName(other)}.`);
  };

  const isSearching = finding !== null && finding.q.length >= 2 && found.isFetching;
  const findStatus = !finding ? ''
    : isSearching ? 'Searching…'
    : found.isError ? (isApiError(found.error) ? found.error.problem.detail : 'The search did not work. Please try again.')
    : candidates.length ? `${candidates.length} to choose from.`
    : 'Nothing found. Try other words, or the record’s number.';
  const otherIdError = form.formState.errors.otherId?.message;

  return (
    <ApiForm form={form} onSubmit={onSubmit} submitLabel="Link the records" busyLabel="Linking…" label={`Link this ${noun} to another record`}>
      <RadioGroup legend={`This ${noun}…`} options={linkChoices.map((c) => ({ value: c.value, label: c.words }))} {...form.register('choice')} />
      <SelectField
        label="Kind of record" placeholder="Choose the kind of record"
        options={offered.map((source) => ({ value: source, label: sourceNames[source].kind }))}
        {...form.register('source', { onChange: forget })}
      />
      <div className="link-finder" onKeyDown={findOnEnter}>
        <TextField
          type="search" label="Find the record" hint="Words from it, its reference (such as INC-000042) or its number."
          {...form.register('q')}
        />
        <button type="button" className="button button--secondary" onClick={find}>Find</button>
        <p className="status-text" role="status">{findStatus}</p>
      </div>
      {candidates.length > 0 && finding ? (
        <RadioGroup legend={`Which ${sourceNames[finding.source].one}?`} options={candidates} {...form.register('otherId')} />
      ) : (
        // Before anything is found there is nothing to tick; the error still needs a place the summary can link to.
        otherIdError && (
          <div className="field field--error" data-question="Which record?">
            <ErrorMessage id={fieldId(form.formId, 'otherId')} error={otherIdError} />
            <p className="hint" id={fieldId(form.formId, 'otherId')} tabIndex={-1}>Find the record above, then choose it here.</p>
          </div>
        )
      )}
    </ApiForm>
  );
}

interface LinkedRecordsProps {
  record: RecordRef;
  /** The user may change this record, so may link it to others and remove its links. */
  canChange: boolean;
}

/** The second step of removing a link: focus moves to it, so a keyboard or screen reader user lands on the question. */
function ConfirmRemove({ what, isPending, onConfirm, onCancel }: { what: string; isPending: boolean; onConfirm: () => void; onCancel: () => void }) {
  const confirm = useRef<HTMLButtonElement>(null);
  useEffect(() => confirm.current?.focus(), []);
  return (
    <span className="linked-records__confirm" role="group" aria-label={`Remove the link: ${what}?`}>
      <span aria-hidden="true">Remove this link?</span>
      <button ref={confirm} type="button" className="button button--warning button--small" aria-disabled={isPending || undefined} onClick={onConfirm}>
        {isPending ? 'Removing…' : 'Yes, remove it'}
      </button>
      <button type="button" className="button button--secondary button--small" onClick={onCancel}>Keep it</button>
    </span>
  );
}

/** "Linked records" on a record's page: what it raised, led to or relates to, and (for those who may) adding and removing links. */
export function LinkedRecords({ record, canChange }: LinkedRecordsProps) {
  const noun = sourceNames[record.source].one;
  const links = useRecordLinks(record);
  const remove = useRemoveLink();
  const [done, setDone] = useState<string | null>(null);
  // Removing a link is asked twice: one stray tap on a phone would otherwise part two records for good.
  const [confirming, setConfirming] = useState<number | null>(null);
  const onRemove = (l: TimelineLink) => {
    if (remove.isPending) return;
    setDone(null);
    remove.mutate(l.linkId, {
      onSuccess: () => {
        setConfirming(null);
        setDone(`The link to ${recordName(l)} has been removed.`);
      },
    });
  };
  return (
    <section className="section" aria-labelledby="linked-records-title">
      <h2 id="linked-records-title">Linked records</h2>
      {done && <Notice title={done} />}
      {remove.isError && (
        <div className="problem" role="alert">
          <p>{isApiError(remove.error) ? remove.error.problem.detail : 'The link could not be removed. Please try again.'}</p>
        </div>
      )}
      <QueryResult query={links} loadingLabel="Loading linked records…">
        {(data) =>
          data.items.length === 0 ? (
            <p className="empty">No records are linked to this {noun}.</p>
          ) : canChange ? (
            <ul className="plain-list plain-list--bordered linked-records">
              {data.items.map((l) => (
                <li key={l.linkId} className="linked-records__item">
                  <span><LinkedRecord link={l} /></span>
                  {confirming === l.linkId ? (
                    <ConfirmRemove
                      what={linkText(l)} isPending={remove.isPending} onConfirm={() => onRemove(l)} onCancel={() => setConfirming(null)}
                    />
                  ) : (
                    <button type="button" className="button button--secondary button--small" onClick={() => setConfirming(l.linkId)}>
                      Remove<span className="visually-hidden"> the link: {linkText(l)}</span>
                    </button>
                  )}
                </li>
              ))}
            </ul>
          ) : (
            <LinkList links={data.items} />
          )
        }
      </QueryResult>
      {canChange && (
        <details className="link-add">
          <summary>Link this {noun} to another record</summary>
          <LinkForm record={record} onDone={setDone} />
        </details>
      )}
    </section>
  );
}
