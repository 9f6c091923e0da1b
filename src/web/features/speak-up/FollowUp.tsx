import { useState } from 'react';
import { z } from 'zod';
import { followUpInput, speakUpStatusLabels, type FollowUpResult } from '../../../domain/speak-up.js';
import { ApiForm } from '../../components/ApiForm.js';
import { TextField } from '../../components/Field.js';
import { formatDate } from '../../components/formatDate.js';
import { useApiForm } from '../../components/forms.js';
import { Notice } from '../../components/Notice.js';
import { TextAreaField } from '../incidents/fields.js';
import { LessonsLedTo } from '../learning/Outcomes.js';
import { useFollowUp } from './api.js';

const keyForm = followUpInput.pick({ receiptKey: true });
const messageForm = z.object({ message: z.string().trim().min(1, 'Write what you want to add').max(5000) });

function Conversation({ result }: { result: FollowUpResult }) {
  const hasReply = result.messages.some((m) => m.from === 'guardian');
  return (
    <section className="section" aria-labelledby="report-title">
      <h2 id="report-title">Your report</h2>
      <p>Received on {formatDate(result.receivedOn)}. Status: <strong>{speakUpStatusLabels[result.status]}</strong>.</p>
      <h3>What you reported</h3>
      <p className="rec-thread__text">{result.whatHappened}</p>
      <h3>Messages</h3>
      {result.messages.length > 0 && (
        <ul className="rec-thread">
          {result.messages.map((m, index) => (
            <li key={index} className={m.from === 'guardian' ? 'is-guardian' : 'is-reporter'}>
              <p className="rec-thread__who">{m.from === 'guardian' ? 'Guardian' : 'You'}, {formatDate(m.on)}</p>
              <p className="rec-thread__text">{m.text}</p>
            </li>
          ))}
        </ul>
      )}
      {!hasReply && <p>No reply from the guardian yet. Check again in a few days.</p>}
    </section>
  );
}

/** Read the report and the guardian's replies, and add information, with nothing but the receipt key. */
export function FollowUp() {
  const followUp = useFollowUp();
  const [key, setKey] = useState<string | null>(null);
  const [result, setResult] = useState<FollowUpResult | null>(null);
  const [added, setAdded] = useState(false);
  const keyApi = useApiForm(keyForm, { fields: ['receiptKey'], defaultValues: { receiptKey: '' } });
  const messageApi = useApiForm(messageForm, { fields: ['message'], defaultValues: { message: '' } });

  const onKey = async (v: { receiptKey: string }) => {
    const answer = await followUp.mutateAsync({ receiptKey: v.receiptKey });
    setKey(v.receiptKey);
    setResult(answer);
    setAdded(false);
  };
  const onMessage = async (v: { message: string }) => {
    const answer = await followUp.mutateAsync({ receiptKey: key ?? '', message: v.message });
    setResult(answer);
    setAdded(answer.isMessageAdded);
    messageApi.reset({ message: '' });
  };

  if (!result) {
    return (
      <ApiForm form={keyApi} onSubmit={onKey} submitLabel="Show my report" busyLabel="Looking…" label="Your receipt key">
        <TextField
          label="Receipt key" hint="The key you were given when you sent an anonymous report, like ABCD-EFGH-JKLM-NPQR-STUV."
          autoComplete="off" spellCheck={false} {...keyApi.register('receiptKey')}
        />
      </ApiForm>
    );
  }
  return (
    <>
      {added && <Notice title="Your information has been sent to the guardian." />}
      <Conversation result={result} />
      {result.outcomes && result.outcomes.length > 0 && (
        <section className="section" aria-labelledby="led-to-title">
          <h2 id="led-to-title">You said, we did</h2>
          <LessonsLedTo lessons={result.outcomes} />
        </section>
      )}
      <section className="section" aria-labelledby="add-title">
        <h2 id="add-title">Add information</h2>
        <ApiForm form={messageApi} onSubmit={onMessage} submitLabel="Send to the guardian" busyLabel="Sending…" label="Add information">
          <TextAreaField
            label="What do you want to add?" hint="The guardian will not know who you are. Leave out details that would show it."
            rows={4} {...messageApi.register('message')}
          />
        </ApiForm>
      </section>
      <button
        type="button" className="button button--link"
        onClick={() => { setResult(null); setKey(null); keyApi.reset({ receiptKey: '' }); }}
      >
        Use a different key
      </button>
    </>
  );
}
