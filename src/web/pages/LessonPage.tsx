import { useState } from 'react';
import { upperFirst } from '../../domain/words.js';
import { useParams } from 'react-router';
import { BackLink } from '../components/BackLink.js';
import { useFlash } from '../components/flash.js';
import { Notice } from '../components/Notice.js';
import { DocumentTitle, PageHeader } from '../components/PageHeader.js';
import { QueryResult } from '../components/QueryResult.js';
import { useSession } from '../features/auth/session.js';
import { ActionsTable, CreateActionForm } from '../features/learning/Actions.js';
import { useLesson } from '../features/learning/api.js';
import { AnswerShareForm, LessonFacts, SharesTable, ShareForm } from '../features/learning/Lessons.js';

export function LessonPage() {
  const id = Number(useParams().id);
  const lesson = useLesson(id);
  const flash = useFlash();
  const [done, setDone] = useState<string | null>(null);
  const { me, can } = useSession();
  const message = done ?? flash;
  const mine = new Set(me.services.map((s) => s.id));
  return (
    <>
      <BackLink to="/lessons">The learning library</BackLink>
      {message && <Notice title={message} />}
      {lesson.isPending && <DocumentTitle title="Lesson" />}
      <QueryResult query={lesson} loadingLabel="Loading the lesson…">
        {(l) => {
          const toAnswer = can('recordLessons') && me.user.role !== 'speak_up_guardian'
            ? l.shares.filter((s) => s.answeredAt === null && mine.has(s.service.id)) : [];
          return (
            <>
              <PageHeader title={l.statement} documentTitle="Lesson" caption="Lesson" />
              <LessonFacts lesson={l} />
              <section className="section" aria-labelledby="shares-title">
                <h2 id="shares-title">Shared with other services</h2>
                <p>{upperFirst(l.coverage.text)}.</p>
                <SharesTable shares={l.shares} />
              </section>
              {toAnswer.length > 0 && (
                <section className="section" aria-labelledby="answer-title" id="answer">
                  <h2 id="answer-title">Your service’s answer</h2>
                  {toAnswer.map((s) => <AnswerShareForm key={s.id} share={s} onDone={setDone} />)}
                </section>
              )}
              {can('recordLessons') && (
                <section className="section" aria-labelledby="share-title">
                  <h2 id="share-title">Share with other services</h2>
                  <ShareForm lesson={l} onDone={setDone} />
                </section>
              )}
              <section className="section" aria-labelledby="actions-title">
                <h2 id="actions-title">Actions</h2>
                <ActionsTable actions={l.actions} caption="Actions from this lesson" isCaptionHidden />
              </section>
              {can('manageActions') && (
                <section className="section" aria-labelledby="new-action-title">
                  <h2 id="new-action-title">Create an action</h2>
                  <CreateActionForm lesson={l} />
                </section>
              )}
            </>
          );
        }}
      </QueryResult>
    </>
  );
}
