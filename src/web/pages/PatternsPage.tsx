import { PageHeader } from '../components/PageHeader.js';
import { PatternList } from '../features/patterns/PatternList.js';
import { RunStatus } from '../features/patterns/RunStatus.js';

export function PatternsPage() {
  return (
    <>
      <PageHeader
        title="Patterns"
        description="Patterns Lantern has found in incidents and other records, strongest first. Each one says what stands out, by how much, and which records show it. A pattern is a prompt to look closer, not a conclusion."
      />
      <RunStatus />
      <PatternList />
    </>
  );
}
