import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { z } from 'zod';
import { formatReceiptKey, normaliseReceiptKey, speakUpModes } from '../../../domain/speak-up.js';
import { ApiForm } from '../../components/ApiForm.js';
import { RadioGroup, SelectField } from '../../components/Field.js';
import { asNumber, fieldId, useApiForm, useFormId } from '../../components/forms.js';
import { useFormContext } from 'react-hook-form';
import { withFlash } from '../../components/flash.js';
import { useSession } from '../auth/session.js';
import { TextAreaField } from '../incidents/fields.js';
import { useRaiseSpeakUp } from './api.js';
import { modePlain } from './labels.js';

const speakUpForm = z.object({
  mode: z.enum(speakUpModes, { error: 'Choose how you want to speak up' }),
  serviceId: z.preprocess(asNumber, z.number().int().positive().optional()),
  whatHappened: z.string().trim().min(1, 'Say what your concern is').max(5000),
  raisedElsewhere: z.enum(['yes', 'no', '']).optional(),
  wouldLikeToHappen: z.string().trim().max(2000),
});
const fields = ['mode', 'serviceId', 'whatHappened', 'raisedElsewhere', 'wouldLikeToHappen'] as const;

/** The three ways to speak up, each with what it means in plain words. */
function ModeChoice() {
  const formId = useFormId();
  const { register, formState } = useFormContext<z.input<typeof speakUpForm>>();
  const error = formState.errors.mode?.message;
  const id = fieldId(formId, 'mode');
  const legend = 'How do you want to speak up?';
  return (
    <div className={error ? 'field field--error' : 'field'}>
      <fieldset className="fieldset rec-modes" aria-describedby={error ? `${id}-error` : undefined} data-question={legend}>
        <legend className="legend">{legend}</legend>
        {error && <p className="field-error" id={`${id}-error`}><span className="visually-hidden">Error: </span>{error}</p>}
        <div className="choices">
          {speakUpModes.map((m, index) => {
            const optionId = index === 0 ? id : `${id}-${m}`;
            return (
              <div className="choice" key={m}>
                <input className="choice__input" type="radio" value={m} {...register('mode')} id={optionId} aria-describedby={`${optionId}-hint`} />
                <label className="choice__label" htmlFor={optionId}><strong>{modePlain[m].label}</strong></label>
                <div className="hint" id={`${optionId}-hint`}>{modePlain[m].hint}</div>
              </div>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}

/** The receipt key, shown once, with a way to copy it. */
export function ReceiptKey({ receiptKey }: { receiptKey: string }) {
  const [copied, setCopied] = useState<string | null>(null);
  const shown = normaliseReceiptKey(receiptKey) ? formatReceiptKey(normaliseReceiptKey(receiptKey)!) : receiptKey;
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(shown);
      setCopied('Copied. Paste it somewhere safe that only you can see.');
    } catch {
      setCopied('Your browser did not let Lantern copy it. Select the key and copy it, or write it down.');
    }
  };
  return (
    <div className="rec-key" aria-labelledby="receipt-key-title" role="region">
      <h2 id="receipt-key-title">Your receipt key</h2>
      <code className="rec-key__value" data-testid="receipt-key">{shown}</code>
      <button type="button" className="button button--secondary" onClick={() => void copy()}>Copy the key</button>
      <p role="status" className="status-text">{copied}</p>
      <p className="rec-warning">
        This key will not be shown again. Nobody can find it for you, not even the guardian. Write it down or keep it somewhere only you can see.
      </p>
      <p>
        To read the guardian’s replies or add information, go to <Link to="/speak-up/follow-up">Follow up with your receipt key</Link>. You
        can do this without signing in, from any device.
      </p>
    </div>
  );
}

/** Raise a concern with the guardian: named, confidential or anonymous. */
export function SpeakUpForm({ onAnonymous }: { onAnonymous: (receiptKey: string) => void }) {
  const { me } = useSession();
  const navigate = useNavigate();
  const raise = useRaiseSpeakUp();
  const form = useApiForm(speakUpForm, { fields, defaultValues: { serviceId: '', whatHappened: '', raisedElsewhere: '', wouldLikeToHappen: '' } });
  const onSubmit = async (v: z.output<typeof speakUpForm>) => {
    const created = await raise.mutateAsync({
      mode: v.mode, whatHappened: v.whatHappened,
      ...(v.serviceId ? { serviceId: v.serviceId } : {}),
      ...(v.raisedElsewhere ? { raisedElsewhere: v.raisedElsewhere === 'yes' } : {}),
      ...(v.wouldLikeToHappen ? { wouldLikeToHappen: v.wouldLikeToHappen } : {}),
    });
    form.reset();
    if (v.mode === 'anonymous' && created.receiptKey) onAnonymous(created.receiptKey);
    else await navigate('/speak-up/mine', withFlash('Your concern has been sent to the Freedom to Speak Up guardian.'));
  };
  return (
    <ApiForm form={form} onSubmit={onSubmit} submitLabel="Send to the guardian" busyLabel="Sending…">
      <ModeChoice />
      {me.services.length > 0 && (
        <SelectField
          label="Which service is it about? (optional)" hint="Leave this empty if it is not about one service, or if naming it could identify you."
          placeholder="Not about one service" options={me.services.map((s) => ({ value: s.id, label: s.name }))}
          {...form.register('serviceId')}
        />
      )}
      <TextAreaField
        label="What is your concern?" hint="What happened or is happening, when and where. If you are anonymous, leave out details that would show who you are."
        rows={6} {...form.register('whatHappened')}
      />
      <RadioGroup
        legend="Have you raised this with anyone else? (optional)"
        options={[{ value: 'yes', label: 'Yes' }, { value: 'no', label: 'No' }]} {...form.register('raisedElsewhere')}
      />
      <TextAreaField label="What would you like to happen? (optional)" rows={3} {...form.register('wouldLikeToHappen')} />
    </ApiForm>
  );
}
