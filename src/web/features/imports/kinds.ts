import { importColumns, importKinds, type ImportKind } from '../../../domain/imports.js';

export { importKinds, type ImportKind };

/** A one-line, plain description of each kind of file. */
export const kindDescriptions: Record<ImportKind, { label: string; description: string }> = {
  services: { label: 'Services', description: 'Each service’s name, type, region and number of places.' },
  people: { label: 'People supported', description: 'The people you support, their service and legal status.' },
  staff: { label: 'Staff', description: 'Staff, their job, employment type and the services they work in.' },
  occupancy: { label: 'Occupancy', description: 'Occupied bed days for each service, one row per day.' },
  incidents: { label: 'Incidents', description: 'Incidents, one row per restrictive intervention.' },
  safeguarding: { label: 'Safeguarding concerns', description: 'Safeguarding concerns from referral to outcome.' },
  complaints: { label: 'Complaints', description: 'Complaints, feedback and compliments, and how they were answered.' },
};

/** The header-only CSV template for a kind of file: its columns in template order. */
export function templateCsv(kind: ImportKind): string {
  return `${importColumns[kind].map((column) => column.name).join(',')}\r\n`;
}

/** The file name a template is saved as. */
export const templateFileName = (kind: ImportKind) => `lantern-${kind}-template.csv`;

/** Save a kind's template through a Blob download. */
export function downloadTemplate(kind: ImportKind): void {
  const url = URL.createObjectURL(new Blob([templateCsv(kind)], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = templateFileName(kind);
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** "1 row" / "3 rows". */
export const plural = (count: number, one: string, many = `${one}s`) => `${count.toLocaleString('en-GB')} ${count === 1 ? one : many}`;
