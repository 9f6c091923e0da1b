import { useSearchParams } from 'react-router';
import { type EvidenceInput } from '../../domain/learning.js';
import { BackLink } from '../components/BackLink.js';
import { PageHeader } from '../components/PageHeader.js';
import { QueryResult } from '../components/QueryResult.js';
import { evidenceCode, parseFrom } from '../features/learning/labels.js';
import { StartResponseForm } from '../features/learning/Responses.js';
import { usePattern } from '../features/patterns/api.js';
import type { Pattern } from '../../domain/patterns.js';

const recordSources: Record<string, Exclude<EvidenceInput['source'], 'pattern'>> = {
  incident: 'incident', safeguarding_concern: 'safeguarding_concern', complaint: 'complaint', speak_up: 'speak_up',
  practice_review: 'practice_review', restriction: 'restriction',
};

/** The pattern itself, and the records behind it that are of a kind a learning response can name. */
function fromPattern(p: Pattern): { evidence: EvidenceInput[]; labels: Record<string, string> } {
  const evidence: EvidenceInput[] = [{ source: 'pattern', key: String(p.id) }];
  const labels: Record<string, string> = { [`pattern:${p.id}`]: `Detected pattern: ${p.title}` };
  for (const e of p.evidence) {
    const source = recordSources[e.kind];
    if (!source || evidence.some((x) => x.source === source && x.id === e.id)) continue;
    const item: EvidenceInput = { source, id: e.id };
    evidence.push(item);
    labels[evidenceCode(item)] = `${e.kind === 'incident' ? 'Incident' : e.kind.replace(/_/g, ' ')} ${e.ref ?? e.id}`;
  }
  return { evidence, labels };
}

function FromPattern({ id }: { id: number }) {
  const pattern = usePattern(id);
  return (
    <QueryResult query={pattern} loadingLabel="Loading the pattern…">
      {(p) => {
        const { evidence, labels } = fromPattern(p);
        return <StartResponseForm evidence={evidence} evidenceLabels={labels} title={p.title} serviceId={p.scope.type === 'service' ? p.scope.id ?? undefined : undefined} />;
      }}
    </QueryResult>
  );
}

export function LearningResponseNewPage() {
  const [params] = useSearchParams();
  const patternId = Number(params.get('pattern'));
  const from = parseFrom(params.get('from'));
  return (
    <>
      <BackLink to="/learning-responses">Learning responses</BackLink>
      <PageHeader
        title="Start a learning response"
        description="The records it starts from come along, with the contributory factors recorded on them."
      />
      {Number.isInteger(patternId) && patternId > 0
        ? <FromPattern id={patternId} />
        : <StartResponseForm evidence={from} evidenceLabels={{}} />}
    </>
  );
}
