import { useRef, useState } from 'react';
import { useParams } from 'react-router';
import { BackLink } from '../components/BackLink.js';
import { useFlash } from '../components/flash.js';
import { Notice } from '../components/Notice.js';
import { DocumentTitle, PageHeader } from '../components/PageHeader.js';
import { QueryResult } from '../components/QueryResult.js';
import { useSession } from '../features/auth/session.js';
import { useConcern } from '../features/safeguarding/api.js';
import { ConcernFacts, ConcernProgress, DecisionLog, Timescales } from '../features/safeguarding/ConcernDetails.js';
import { StageForms } from '../features/safeguarding/StageForms.js';
import { LinkedRecords } from '../features/timeline/LinkedRecords.js';
import '../features/safeguarding/records.css';

export function SafeguardingConcernPage() {
  const id = Number(useParams().id);
  const { can } = useSession();
  const concern = useConcern(id);
  const flash = useFlash();
  const [done, setDone] = useState<string | null>(null);
  const stages = useRef<HTMLElement>(null);
  // After a step is saved, say so where the lead is working (the next step opens below it), not at the top of the page.
  const onDone = (text: string) => {
    setDone(text);
    requestAnimationFrame(() => stages.current?.scrollIntoView({ block: 'start' }));
  };
  return (
    <>
      <BackLink to="/safeguarding">Safeguarding</BackLink>
      {flash && !done && <Notice title={flash} />}
      {concern.isPending && <DocumentTitle title="Safeguarding concern" />}
      <QueryResult query={concern} loadingLabel="Loading the concern…">
        {(c) => (
          <>
            <PageHeader title={`Concern about ${c.personName}`} documentTitle="Safeguarding concern" caption={`Safeguarding concern ${c.id}, ${c.serviceName}`} />
            <ConcernFacts concern={c} />
            <LinkedRecords record={{ source: 'safeguarding', id: c.id }} canChange={can('manageSafeguarding')} />
            <section className="section" aria-labelledby="timescales-title">
              <h2 id="timescales-title">Timescales</h2>
              <Timescales concern={c} />
            </section>
            <section className="section" aria-labelledby="progress-title">
              <h2 id="progress-title">Progress</h2>
              <ConcernProgress concern={c} />
            </section>
            {c.decisions && (
              <section className="section" aria-labelledby="log-title">
                <h2 id="log-title">Decision log</h2>
                <p className="secondary-text">Who decided what, when and why. Entries are never changed.</p>
                <DecisionLog decisions={c.decisions} />
              </section>
            )}
            {can('manageSafeguarding') && (
              <section className="section" aria-labelledby="stages-title" ref={stages}>
                <h2 id="stages-title">Record the next step</h2>
                {done && <Notice title={done} />}
                <StageForms concern={c} onDone={onDone} />
              </section>
            )}
          </>
        )}
      </QueryResult>
    </>
  );
}
