import { useState } from 'react';
import { Link, useParams } from 'react-router';
import type { EffectEvaluationResponse } from '../../domain/effectiveness.js';
import { completesByDocument, documentKindLabels } from '../../domain/learning.js';
import { BackLink } from '../components/BackLink.js';
import { useFlash } from '../components/flash.js';
import { formatDate, todayIso } from '../components/formatDate.js';
import { Notice } from '../components/Notice.js';
import { DocumentTitle, PageHeader } from '../components/PageHeader.js';
import { QueryResult } from '../components/QueryResult.js';
import { isApiError } from '../api/client.js';
import { useSession } from '../features/auth/session.js';
import { ActionFacts, CloseForm, EvaluationResult, StatusForm } from '../features/learning/Actions.js';
import { useAction, useEvaluateAction } from '../features/learning/api.js';

export function ActionPage() {
  const id = Number(useParams().id);
  const action = useAction(id);
  const evaluate = useEvaluateAction(id);
  const flash = useFlash();
  const [done, setDone] = useState<string | null>(null);
  const [evaluation, setEvaluation] = useState<EffectEvaluationResponse | null>(null);
  const { can } = useSession();
  const message = done ?? flash;
  return (
    <>
      <BackLink to="/actions">Actions</BackLink>
      {message && <Notice title={message} />}
      {action.isPending && <DocumentTitle title="Action" />}
      <QueryResult query={action} loadingLabel="Loading the action…">
        {(a) => {
          const isOpen = a.status === 'open' || a.status === 'in_progress';
          const canEvaluate = a.reviewOn <= todayIso();
          return (
            <>
              <PageHeader title={a.description} documentTitle="Action" caption={a.typeLabel} />
              <ActionFacts action={a} />
              {can('manageActions') && isOpen && completesByDocument(a.type) && a.personId !== null && (
                <section className="section" aria-labelledby="complete-title">
                  <h2 id="complete-title">Complete it</h2>
                  <p>
                    This action is completed by recording a new version of the person’s {documentKindLabels[a.type].toLowerCase()}.{' '}
                    <Link to={`/people/${a.personId}/documents?actionId=${a.id}#add-version`}>Add the new version</Link>
                  </p>
                </section>
              )}
              {can('manageActions') && isOpen && (
                <section className="section" aria-labelledby="status-title">
                  <h2 id="status-title">Move it on</h2>
                  <StatusForm action={a} onDone={setDone} />
                </section>
              )}
              {can('manageActions') && (
                <section className="section" aria-labelledby="evaluate-title">
                  <h2 id="evaluate-title">Did it work?</h2>
                  <p>
                    Lantern compares the {a.measure.name.toLowerCase()} before and after the action took effect, and recalculates the chart at that date.{' '}
                    {canEvaluate ? 'The review date has come.' : `It can be judged from ${formatDate(a.reviewOn)}.`}
                  </p>
                  {evaluate.isError && (
                    <div className="problem" role="alert">
                      <h3 className="problem__title">Not evaluated</h3>
                      <p>{isApiError(evaluate.error) ? evaluate.error.problem.detail : 'Something went wrong. Please try again.'}</p>
                    </div>
                  )}
                  <button
                    type="button" className="button button--secondary" aria-disabled={evaluate.isPending || undefined}
                    onClick={() => { if (!evaluate.isPending) evaluate.mutate(undefined, { onSuccess: setEvaluation }); }}
                  >
                    {evaluate.isPending ? 'Evaluating…' : 'Evaluate'}
                  </button>
                  {evaluation && <EvaluationResult evaluation={evaluation} action={a} />}
                </section>
              )}
              {can('manageActions') && a.status !== 'closed' && (
                <section className="section" aria-labelledby="close-title">
                  <h2 id="close-title">Close it</h2>
                  <CloseForm action={a} onDone={setDone} />
                </section>
              )}
            </>
          );
        }}
      </QueryResult>
    </>
  );
}
