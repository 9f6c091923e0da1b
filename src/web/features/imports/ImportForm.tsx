import { useEffect, useId, useRef, useState, type FormEvent, type RefObject } from 'react';
import type { ImportReport } from '../../../domain/imports.js';
import { isApiError } from '../../api/client.js';
import { downloadTemplate, importKinds, kindDescriptions, plural, templateCsv, templateFileName, type ImportKind } from './kinds.js';
import { uploadImport } from './upload.js';

/** The most problems listed on the page; the rest are counted. */
const MAX_LISTED_ERRORS = 500;

interface Result {
  report: ImportReport;
  isDryRun: boolean;
  file: File;
}

type Phase = { name: 'idle' } | { name: 'sending'; percent: number } | { name: 'checking' };

interface FormProblem { field: 'kind' | 'file'; message: string }

/** What the report says, in one sentence. */
export function summaryOf({ report, isDryRun }: Pick<Result, 'report' | 'isDryRun'>): string {
  const rows = plural(report.rows, 'row');
  if (report.errors.length) return `${rows} checked: ${plural(report.errors.length, 'problem')} found.`;
  if (isDryRun) return `${rows} checked: ${report.created.toLocaleString('en-GB')} would be created, ${report.updated.toLocaleString('en-GB')} updated — nothing has been saved yet.`;
  return `Imported: ${rows}: ${report.created.toLocaleString('en-GB')} created, ${report.updated.toLocaleString('en-GB')} updated.`;
}

const percentOf = (fraction: number) => Math.min(100, Math.max(0, Math.round(fraction * 100)));

export function ImportForm() {
  const id = useId();
  const [kind, setKind] = useState<ImportKind | ''>('');
  const [file, setFile] = useState<File | null>(null);
  const [isDryRun, setIsDryRun] = useState(true);
  const [phase, setPhase] = useState<Phase>({ name: 'idle' });
  const [problems, setProblems] = useState<FormProblem[]>([]);
  const [failure, setFailure] = useState<string | null>(null);
  const [result, setResult] = useState<Result | null>(null);
  const errorSummary = useRef<HTMLDivElement>(null);
  const resultHeading = useRef<HTMLHeadingElement>(null);
  const isBusy = phase.name !== 'idle';
  // Once the answer is on the page, take the reader to it (a keyboard or screen reader user is still on Upload).
  useEffect(() => {
    if (result || failure) resultHeading.current?.focus();
  }, [result, failure]);

  async function send(chosenKind: ImportKind, chosenFile: File, dryRun: boolean) {
    setFailure(null);
    setResult(null);
    setPhase({ name: 'sending', percent: 0 });
    try {
      const report = await uploadImport({
        kind: chosenKind, file: chosenFile, isDryRun: dryRun,
        onProgress: (fraction) => setPhase(fraction >= 1 ? { name: 'checking' } : { name: 'sending', percent: percentOf(fraction) }),
      });
      setResult({ report, isDryRun: dryRun, file: chosenFile });
    } catch (error) {
      setFailure(isApiError(error) ? error.problem.detail : 'The file could not be sent. Please try again.');
    } finally {
      setPhase({ name: 'idle' });
    }
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (isBusy) return;
    const found: FormProblem[] = [];
    if (!kind) found.push({ field: 'kind', message: 'Choose what to import' });
    if (!file) found.push({ field: 'file', message: 'Choose a CSV or XLSX file to import' });
    else if (!/\.(csv|xlsx)$/i.test(file.name)) found.push({ field: 'file', message: 'The file must be a CSV or XLSX file' });
    setProblems(found);
    if (found.length) {
      requestAnimationFrame(() => errorSummary.current?.focus());
      return;
    }
    void send(kind as ImportKind, file!, isDryRun);
  }

  const problemFor = (field: FormProblem['field']) => problems.find((p) => p.field === field)?.message;
  const kindError = problemFor('kind');
  const fileError = problemFor('file');
  const kindId = `${id}-kind`;
  const fileId = `${id}-file`;

  const statusText = phase.name === 'sending'
    ? `Sending the file: ${phase.percent}% sent.`
    : phase.name === 'checking'
      ? 'File sent. Lantern is checking every row; this can take a minute for a large file.'
      : '';

  return (
    <>
      {problems.length > 0 && (
        <div className="error-summary" role="alert" tabIndex={-1} ref={errorSummary} aria-labelledby={`${id}-problems`}>
          <h2 className="error-summary__title" id={`${id}-problems`}>There is a problem</h2>
          <ul className="error-summary__list">
            {problems.map((p) => (
              <li key={p.field}><a href={`#${p.field === 'kind' ? `${kindId}-${importKinds[0]}` : fileId}`}>{p.message}</a></li>
            ))}
          </ul>
        </div>
      )}

      <form onSubmit={onSubmit} noValidate aria-label="Upload a file">
        <div className={kindError ? 'field field--error' : 'field'}>
          <fieldset className="fieldset" aria-describedby={kindError ? `${kindId}-error` : undefined}>
            <legend className="legend">What do you want to import?</legend>
            {kindError && <p id={`${kindId}-error`} className="field-error"><span className="visually-hidden">Error: </span>{kindError}</p>}
            <div className="choices">
              {importKinds.map((k) => {
                const optionId = `${kindId}-${k}`;
                return (
                  <div className="choice" key={k}>
                    <input
                      className="choice__input" type="radio" name="kind" id={optionId} value={k} checked={kind === k}
                      onChange={() => setKind(k)} aria-describedby={`${optionId}-hint`}
                    />
                    <label className="choice__label" htmlFor={optionId}>{kindDescriptions[k].label}</label>
                    <div className="hint" id={`${optionId}-hint`}>
                      {kindDescriptions[k].description}{' '}
                      <a
                        href={`data:text/csv;charset=utf-8,${encodeURIComponent(templateCsv(k))}`}
                        download={templateFileName(k)}
                        onClick={(event) => {
                          event.preventDefault();
                          downloadTemplate(k);
                        }}
                      >
                        Download the {kindDescriptions[k].label.toLowerCase()} template<span className="visually-hidden"> (CSV)</span>
                      </a>
                    </div>
                  </div>
                );
              })}
            </div>
          </fieldset>
        </div>

        <div className={fileError ? 'field field--error' : 'field'}>
          <label className="label" htmlFor={fileId}>File to import</label>
          <div className="hint" id={`${fileId}-hint`}>A CSV or XLSX file with the template’s header row, up to 50 MB.</div>
          {fileError && <p id={`${fileId}-error`} className="field-error"><span className="visually-hidden">Error: </span>{fileError}</p>}
          <input
            className="input input--full" type="file" id={fileId} name="file"
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            aria-describedby={[`${fileId}-hint`, fileError ? `${fileId}-error` : ''].filter(Boolean).join(' ')}
            aria-invalid={fileError ? true : undefined}
            onChange={(event) => setFile(event.currentTarget.files?.[0] ?? null)}
          />
        </div>

        <div className="field field--choice">
          <div className="choice">
            <input
              className="choice__input" type="checkbox" id={`${id}-dry-run`} name="dryRun" checked={isDryRun}
              onChange={(event) => setIsDryRun(event.currentTarget.checked)} aria-describedby={`${id}-dry-run-hint`}
            />
            <label className="choice__label" htmlFor={`${id}-dry-run`}>Check the file first (dry run)</label>
            <div className="hint" id={`${id}-dry-run-hint`}>Lantern checks every row and tells you what would change, without saving anything.</div>
          </div>
        </div>

        <div className="button-group">
          <button type="submit" className="button" aria-disabled={isBusy || undefined}>Upload</button>
        </div>
      </form>

      {phase.name === 'sending' && (
        <div className="field">
          <label className="label" htmlFor={`${id}-progress`}>Upload progress</label>
          <progress id={`${id}-progress`} max={100} value={phase.percent}>{phase.percent}%</progress>
        </div>
      )}
      <p role="status" aria-live="polite" className={statusText ? undefined : 'visually-hidden'}>{statusText}</p>

      {failure && (
        <div className="error-summary" role="alert">
          <h2 className="error-summary__title" tabIndex={-1} ref={resultHeading}>The file could not be imported</h2>
          <p className="error-summary__message">{failure}</p>
        </div>
      )}

      {result && <ImportResult result={result} headingRef={resultHeading} onImportNow={() => void send(result.report.kind, result.file, false)} isBusy={isBusy} />}
    </>
  );
}

interface ImportResultProps {
  result: Result;
  headingRef: RefObject<HTMLHeadingElement | null>;
  onImportNow: () => void;
  isBusy: boolean;
}

function ImportResult({ result, headingRef, onImportNow, isBusy }: ImportResultProps) {
  const { report, isDryRun, file } = result;
  const hasErrors = report.errors.length > 0;
  const title = hasErrors ? 'The file has problems' : isDryRun ? 'Check complete' : 'Import complete';
  const listed = report.errors.slice(0, MAX_LISTED_ERRORS);
  return (
    <section aria-labelledby="import-result-heading" className={hasErrors ? 'error-summary' : 'notice notice--success'}>
      <h2 id="import-result-heading" className={hasErrors ? 'error-summary__title' : 'notice__title'} tabIndex={-1} ref={headingRef}>{title}</h2>
      <p>{summaryOf(result)}</p>
      {hasErrors && (
        <>
          <p>Nothing was saved. Correct the rows below in {file.name} and upload it again. Row 1 is the header row.</p>
          <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="import-errors-caption">
            <table className="table">
              <caption className="table__caption" id="import-errors-caption">Problems in {file.name}</caption>
              <thead>
                <tr>
                  <th scope="col" className="numeric">Row</th>
                  <th scope="col">Column</th>
                  <th scope="col">Problem</th>
                </tr>
              </thead>
              <tbody>
                {listed.map((error, index) => (
                  <tr key={`${error.row}-${error.column}-${index}`}>
                    <td className="numeric">{error.row}</td>
                    <td className="break-anywhere">{error.column}</td>
                    <td>{error.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {report.errors.length > listed.length && (
            <p>The first {listed.length.toLocaleString('en-GB')} problems are shown; {plural(report.errors.length - listed.length, 'more problem')} are not listed.</p>
          )}
        </>
      )}
      {!hasErrors && isDryRun && (
        <div className="button-group">
          <button type="button" className="button" onClick={() => !isBusy && onImportNow()} aria-disabled={isBusy || undefined}>Import it now</button>
        </div>
      )}
    </section>
  );
}
