import { problemSchema, type Problem } from '../../../domain/common.js';
import { importReportSchema, type ImportKind, type ImportReport } from '../../../domain/imports.js';
import { ApiError, currentCsrfToken } from '../../api/client.js';

export interface UploadRequest {
  kind: ImportKind;
  file: File;
  isDryRun: boolean;
  /** Called as the file is sent, with the fraction sent so far (0 to 1). */
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
}

const madeUp = (status: number, detail: string): Problem => ({ type: 'about:blank', title: 'Something went wrong', status, detail });

function json(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * POST a file to /api/v1/imports with XMLHttpRequest (fetch cannot report upload progress). Resolves with the
 * report for 200 (all good) and 422 (rows are wrong: nothing was written); anything else rejects with an ApiError.
 */
export function uploadImport({ kind, file, isDryRun, onProgress, signal }: UploadRequest): Promise<ImportReport> {
  return new Promise((resolve, reject) => {
    const body = new FormData();
    body.append('kind', kind);
    body.append('dryRun', isDryRun ? 'true' : 'false');
    body.append('file', file, file.name);

    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/v1/imports');
    xhr.withCredentials = true;
    xhr.setRequestHeader('accept', 'application/json');
    const token = currentCsrfToken();
    if (token) xhr.setRequestHeader('x-csrf-token', token);

    xhr.upload.addEventListener('progress', (event) => {
      if (event.lengthComputable && event.total > 0) onProgress?.(event.loaded / event.total);
    });
    xhr.upload.addEventListener('load', () => onProgress?.(1));
    xhr.addEventListener('error', () => reject(new ApiError(madeUp(0, 'Lantern could not be reached. Check your connection and try again.'))));
    xhr.addEventListener('abort', () => reject(new DOMException('The upload was stopped', 'AbortError')));
    xhr.addEventListener('load', () => {
      const answer = json(xhr.responseText);
      if (xhr.status === 200 || xhr.status === 422) {
        const report = importReportSchema.safeParse(answer);
        if (report.success) return resolve(report.data);
        return reject(new ApiError(madeUp(502, 'The server sent an answer Lantern did not expect. Please reload the page.')));
      }
      const problem = problemSchema.safeParse(answer);
      reject(new ApiError(problem.success ? problem.data : madeUp(xhr.status, `Something went wrong (error ${xhr.status}). Please try again.`)));
    });
    signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(body);
  });
}
