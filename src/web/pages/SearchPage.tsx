import { PageHeader } from '../components/PageHeader.js';
import { SearchRecords } from '../features/timeline/SearchRecords.js';

export function SearchPage() {
  return (
    <>
      <PageHeader
        title="Search records"
        description="Incidents, safeguarding concerns, complaints, practice reviews and restrictions in your services. Speak-up reports are never searched."
      />
      <SearchRecords />
    </>
  );
}
