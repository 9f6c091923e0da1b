import { PageHeader } from '../components/PageHeader.js';
import { ImportForm } from '../features/imports/ImportForm.js';

export function ImportPage() {
  return (
    <>
      <PageHeader
        title="Import from a spreadsheet"
        description="Add or update records from a CSV or XLSX file. Re-importing is safe: a row whose reference already exists updates that record. If any row is wrong, nothing is saved."
      />
      <ImportForm />
    </>
  );
}
