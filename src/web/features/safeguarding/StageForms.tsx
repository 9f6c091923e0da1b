import { useRef, useState, type ReactNode } from 'react';
import type { UseFormRegisterReturn } from 'react-hook-form';
import { z } from 'zod';
import {
  closingGaps, enquiryOutcomeLabels, enquiryOutcomes, isEnquiryDecision, lackedCapacityLabels, lackedCapacityValues, laDecisionLabels, laDecisions,
  mspAchievedLabels, mspAchievedValues, mspAskedLabels, mspAskedValues, riskOutcomeLabels, riskOutcomes,
  type Concern, type ConcernUpdate,
} from '../../../domain/safeguarding.js';
import { upperFirst } from '../../../domain/words.js';
import { ApiForm } from '../../components/ApiForm.js';
import { RadioGroup, SelectField, TextField } from '../../components/Field.js';
import { todayIso, toIsoDay } from '../../components/formatDate.js';
import { useApiForm } from '../../components/forms.js';
import { InputField, TextAreaField } from '../incidents/fields.js';
import { useService } from '../services/api.js';
import { useUpdateConcern } from './api.js';
import { optionsOf } from './fields.js';

interface StageProps {
  concern: Concern;
  onDone: (message: string) => void;
}

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Enter the date');
const optionalDay = z.union([day, z.literal('')]);
const reason = z.string().trim().min(1, 'Say why').max(4000);
const optionalReason = z.string().trim().max(4000);
const yesNo = [{ value: 'yes', label: 'Yes' }, { value: 'no', label: 'No' }] as const;

/** A day from a date input as an instant: now when it is today (so it is never "in the future"), otherwise midday. */
export function instantOf(date: string): string {
  return date === todayIso() ? new Date().toISOString() : new Date(`${date}T12:00:00`).toISOString();
}
const dayOf = (instant: string | null) => (instant ? toIsoDay(new Date(instant)) : '');
const orNull = (text: string) => (text.trim() === '' ? null : text.trim());

function ReasonField({ label = 'Why? (this goes in the decision log)', ...registered }: { label?: string } & UseFormRegisterReturn) {
  return <TextAreaField label={label} rows={2} {...registered} />;
}

/** One stage of the concern: a heading that says whether it is done, and its form folded away. */
export function Stage({ title, done, children, isOpen = false }: { title: string; done?: string | null; children: ReactNode; isOpen?: boolean }) {
  return (
    <details className="rec-stage" open={isOpen}>
      <summary>
        {title}
        {done && <span className="rec-stage__done"> – {done}</span>}
      </summary>
      <div className="rec-stage__body">{children}</div>
    </details>
  );
}

function useStageForm<S extends z.ZodType<Record<string, unknown>, Record<string, unknown>>>(schema: S, fields: readonly string[], defaults: z.input<S>) {
  return useApiForm(schema, { fields: fields as never, defaultValues: defaults as never });
}

/** A referral names the local authority, unless the service has none recorded to choose from (`hasChoice`). */
const referFormFor = (hasChoice: { current: boolean }) => z.object({ localAuthorityId: z.string(), referredToLaAt: day, laReference: z.string().trim().max(60), reason })
  .superRefine((v, ctx) => {
    if (hasChoice.current && !v.localAuthorityId) ctx.addIssue({ code: 'custom', path: ['localAuthorityId'], message: 'Choose the local authority you referred to' });
  });
export function ReferForm({ concern, onDone }: StageProps) {
  const update = useUpdateConcern(concern.id);
  const service = useService(concern.serviceId);
  // The service's commissioners, and the authority already named on the concern (chosen when it was raised).
  const authorities = [...new Map([
    ...(concern.localAuthority ? [[concern.localAuthority.id, concern.localAuthority.name] as const] : []),
    ...(service.data?.commissioners ?? []).map((c) => [c.id, c.name] as const),
  ]).entries()].map(([value, label]) => ({ value, label }));
  const hasChoice = useRef(false);
  hasChoice.current = authorities.length > 0;
  const [referForm] = useState(() => referFormFor(hasChoice));
  const form = useStageForm(referForm, ['localAuthorityId', 'referredToLaAt', 'laReference', 'reason'], {
    localAuthorityId: concern.localAuthority ? String(concern.localAuthority.id) : '',
    referredToLaAt: dayOf(concern.referredToLaAt) || todayIso(), laReference: concern.laReference ?? '', reason: '',
  });
  const onSubmit = async (v: z.output<typeof referForm>) => {
    const localAuthorityId = v.localAuthorityId ? Number(v.localAuthorityId) : undefined;
    await update.mutateAsync({
      ...(localAuthorityId !== undefined && localAuthorityId !== concern.localAuthority?.id ? { localAuthorityId } : {}),
      referredToLaAt: instantOf(v.referredToLaAt), laReference: orNull(v.laReference), reason: v.reason,
    });
    form.reset({ ...v, reason: '' });
    onDone('The referral has been recorded.');
  };
  return (
    <ApiForm form={form} onSubmit={onSubmit} submitLabel="Record the referral" label="Refer to the local authority" className="form form--compact">
      {authorities.length === 1 && concern.localAuthority && <p>Local authority: {concern.localAuthority.name}</p>}
      {!authorities.length && !service.isPending && <p>No local authority is recorded as commissioning this service; an administrator can add its commissioners.</p>}
      {(authorities.length > 1 || (authorities.length === 1 && !concern.localAuthority)) && (
          <SelectField
            label="Which local authority did you refer to?" placeholder="Choose the local authority" options={authorities}
            {...form.register('localAuthorityId')}
          />
      )}
      <InputField type="date" width="short" label="When did you refer?" {...form.register('referredToLaAt')} />
      <TextField label="Local authority’s reference (if you have one)" width="medium" autoComplete="off" {...form.register('laReference')} />
      <ReasonField label="Why did you refer? (this goes in the decision log)" {...form.register('reason')} />
    </ApiForm>
  );
}

const laDecisionForm = z.object({ laDecision: z.enum(laDecisions, { error: 'Choose the local authority’s decision' }), laDecisionAt: day, reason });
export function LaDecisionForm({ concern, onDone }: StageProps) {
  const update = useUpdateConcern(concern.id);
  const form = useStageForm(laDecisionForm, ['laDecision', 'laDecisionAt', 'reason'], {
    laDecision: concern.laDecision ?? undefined, laDecisionAt: dayOf(concern.laDecisionAt) || todayIso(), reason: '',
  } as z.input<typeof laDecisionForm>);
  const onSubmit = async (v: z.output<typeof laDecisionForm>) => {
    await update.mutateAsync({ laDecision: v.laDecision, laDecisionAt: instantOf(v.laDecisionAt), reason: v.reason });
    form.reset({ ...v, reason: '' });
    onDone('The local authority’s decision has been recorded.');
  };
  return (
    <ApiForm form={form} onSubmit={onSubmit} submitLabel="Record the decision" label="The local authority’s decision" className="form form--compact">
      <RadioGroup legend="What did the local authority decide?" options={optionsOf(laDecisions, laDecisionLabels)} {...form.register('laDecision')} />
      <InputField type="date" width="short" label="When did they decide?" {...form.register('laDecisionAt')} />
      <ReasonField label="The local authority’s reasons (this goes in the decision log)" {...form.register('reason')} />
    </ApiForm>
  );
}

const causedForm = z.object({
  causedEnquiry: z.enum(['yes', 'no'], { error: 'Say whether the local authority asked us to make an enquiry' }),
  causedEnquiryRequestedOn: optionalDay, causedEnquiryDueOn: optionalDay, causedEnquiryCompletedOn: optionalDay, reason,
});
export function CausedEnquiryForm({ concern, onDone }: StageProps) {
  const update = useUpdateConcern(concern.id);
  const form = useStageForm(causedForm, ['causedEnquiry', 'causedEnquiryRequestedOn', 'causedEnquiryDueOn', 'causedEnquiryCompletedOn', 'reason'], {
    causedEnquiry: concern.causedEnquiry ? 'yes' : undefined, causedEnquiryRequestedOn: concern.causedEnquiryRequestedOn ?? '',
    causedEnquiryDueOn: concern.causedEnquiryDueOn ?? '', causedEnquiryCompletedOn: concern.causedEnquiryCompletedOn ?? '', reason: '',
  } as z.input<typeof causedForm>);
  const isCaused = form.watch('causedEnquiry') === 'yes';
  const onSubmit = async (v: z.output<typeof causedForm>) => {
    const yes = v.causedEnquiry === 'yes';
    await update.mutateAsync({
      causedEnquiry: yes,
      causedEnquiryRequestedOn: yes ? v.causedEnquiryRequestedOn || null : null,
      causedEnquiryDueOn: yes ? v.causedEnquiryDueOn || null : null,
      causedEnquiryCompletedOn: yes ? v.causedEnquiryCompletedOn || null : null,
      reason: v.reason,
    });
    form.reset({ ...v, reason: '' });
    onDone('The caused enquiry has been recorded.');
  };
  return (
    <ApiForm form={form} onSubmit={onSubmit} submitLabel="Save the caused enquiry" label="Caused enquiry" className="form form--compact">
      <RadioGroup
        legend="Did the local authority ask us to make the enquiry (a caused enquiry)?" options={yesNo}
        {...form.register('causedEnquiry')}
      />
      {isCaused && (
        <>
          <InputField type="date" width="short" label="Date asked" {...form.register('causedEnquiryRequestedOn')} />
          <InputField type="date" width="short" label="Date due" hint="The date the local authority wants our report by." {...form.register('causedEnquiryDueOn')} />
          <InputField type="date" width="short" label="Date finished (leave empty until it is)" {...form.register('causedEnquiryCompletedOn')} />
        </>
      )}
      <ReasonField {...form.register('reason')} />
    </ApiForm>
  );
}

const planForm = z.object({ safeguardingPlan: z.string().trim().max(10_000), reason: optionalReason });
export function PlanForm({ concern, onDone }: StageProps) {
  const update = useUpdateConcern(concern.id);
  const form = useStageForm(planForm, ['safeguardingPlan', 'reason'], { safeguardingPlan: concern.safeguardingPlan ?? '', reason: '' });
  const onSubmit = async (v: z.output<typeof planForm>) => {
    await update.mutateAsync({ safeguardingPlan: orNull(v.safeguardingPlan), ...(v.reason ? { reason: v.reason } : {}) });
    form.reset({ ...v, reason: '' });
    onDone('The safeguarding plan has been saved.');
  };
  return (
    <ApiForm form={form} onSubmit={onSubmit} submitLabel="Save the plan" label="Safeguarding plan" className="form form--compact">
      <TextAreaField label="Safeguarding plan" hint="What will be done to keep the person safe, by whom and by when." rows={5} {...form.register('safeguardingPlan')} />
      <ReasonField label="Note for the decision log (optional)" {...form.register('reason')} />
    </ApiForm>
  );
}

const mspForm = z.object({
  mspAsked: z.enum(mspAskedValues, { error: 'Say whether the person was asked' }),
  mspDesiredOutcomes: z.string().trim().max(4000),
  mspAchieved: z.union([z.enum(mspAchievedValues), z.literal('')]).optional(),
  reason: optionalReason,
});
export function MspForm({ concern, onDone }: StageProps) {
  const update = useUpdateConcern(concern.id);
  const form = useStageForm(mspForm, ['mspAsked', 'mspDesiredOutcomes', 'mspAchieved', 'reason'], {
    mspAsked: concern.mspAsked ?? undefined, mspDesiredOutcomes: concern.mspDesiredOutcomes ?? '', mspAchieved: concern.mspAchieved ?? '', reason: '',
  } as z.input<typeof mspForm>);
  const expressed = form.watch('mspAsked') === 'yes_outcomes_expressed';
  const onSubmit = async (v: z.output<typeof mspForm>) => {
    await update.mutateAsync({
      mspAsked: v.mspAsked,
      mspDesiredOutcomes: expressed ? orNull(v.mspDesiredOutcomes) : null,
      mspAchieved: expressed && v.mspAchieved ? v.mspAchieved : null,
      ...(v.reason ? { reason: v.reason } : {}),
    });
    form.reset({ ...v, reason: '' });
    onDone('Making Safeguarding Personal has been recorded.');
  };
  return (
    <ApiForm form={form} onSubmit={onSubmit} submitLabel="Save" label="Making Safeguarding Personal" className="form form--compact">
      <RadioGroup legend="Was the person (or their representative) asked what they want to happen?" options={optionsOf(mspAskedValues, mspAskedLabels)} {...form.register('mspAsked')} />
      {expressed && (
        <>
          <TextAreaField label="What did they want to happen?" hint="In their words, if you can." rows={3} {...form.register('mspDesiredOutcomes')} />
          <RadioGroup
            legend="Were the outcomes they wanted achieved?" hint="Answer this at the end of the enquiry."
            options={optionsOf(mspAchievedValues, mspAchievedLabels)} {...form.register('mspAchieved')}
          />
        </>
      )}
      <ReasonField label="Note for the decision log (optional)" {...form.register('reason')} />
    </ApiForm>
  );
}

const capacityForm = z.object({
  lackedCapacity: z.enum(lackedCapacityValues, { error: 'Choose an answer' }),
  advocateInvolved: z.enum(['yes', 'no', 'unknown'], { error: 'Choose an answer' }),
  reason: optionalReason,
});
export function CapacityForm({ concern, onDone }: StageProps) {
  const update = useUpdateConcern(concern.id);
  const form = useStageForm(capacityForm, ['lackedCapacity', 'advocateInvolved', 'reason'], {
    lackedCapacity: concern.lackedCapacity ?? undefined,
    advocateInvolved: concern.advocateInvolved === null ? undefined : concern.advocateInvolved ? 'yes' : 'no', reason: '',
  } as z.input<typeof capacityForm>);
  const onSubmit = async (v: z.output<typeof capacityForm>) => {
    await update.mutateAsync({
      lackedCapacity: v.lackedCapacity, advocateInvolved: v.advocateInvolved === 'unknown' ? null : v.advocateInvolved === 'yes',
      ...(v.reason ? { reason: v.reason } : {}),
    });
    form.reset({ ...v, reason: '' });
    onDone('Capacity and advocacy have been recorded.');
  };
  return (
    <ApiForm form={form} onSubmit={onSubmit} submitLabel="Save" label="Capacity and advocacy" className="form form--compact">
      <RadioGroup legend="Did the person lack mental capacity to make decisions about this risk?" options={optionsOf(lackedCapacityValues, lackedCapacityLabels)} {...form.register('lackedCapacity')} />
      <RadioGroup
        legend="Did an advocate, friend or family member support them?"
        options={[{ value: 'yes', label: 'Yes' }, { value: 'no', label: 'No' }, { value: 'unknown', label: 'Not known yet' }]}
        {...form.register('advocateInvolved')}
      />
      <ReasonField label="Note for the decision log (optional)" {...form.register('reason')} />
    </ApiForm>
  );
}

const cqcForm = z.object({ cqcNotificationRequired: z.enum(['yes', 'no'], { error: 'Say whether CQC must be told' }), cqcNotifiedAt: optionalDay, reason });
export function CqcForm({ concern, onDone }: StageProps) {
  const update = useUpdateConcern(concern.id);
  const form = useStageForm(cqcForm, ['cqcNotificationRequired', 'cqcNotifiedAt', 'reason'], {
    cqcNotificationRequired: concern.cqcNotificationRequired ? 'yes' : 'no', cqcNotifiedAt: dayOf(concern.cqcNotifiedAt), reason: '',
  });
  const required = form.watch('cqcNotificationRequired') === 'yes';
  const onSubmit = async (v: z.output<typeof cqcForm>) => {
    const body: ConcernUpdate = { cqcNotificationRequired: v.cqcNotificationRequired === 'yes', reason: v.reason };
    if (v.cqcNotificationRequired === 'yes') body.cqcNotifiedAt = v.cqcNotifiedAt ? instantOf(v.cqcNotifiedAt) : null;
    await update.mutateAsync(body);
    form.reset({ ...v, reason: '' });
    onDone('The CQC notification has been recorded.');
  };
  return (
    <ApiForm form={form} onSubmit={onSubmit} submitLabel="Save" label="CQC notification" className="form form--compact">
      <RadioGroup
        legend="Must CQC be notified?" hint="Abuse or an allegation of abuse about a person using the service must be notified without delay."
        options={yesNo} {...form.register('cqcNotificationRequired')}
      />
      {required && <InputField type="date" width="short" label="Date CQC was notified (leave empty until done)" {...form.register('cqcNotifiedAt')} />}
      <ReasonField {...form.register('reason')} />
    </ApiForm>
  );
}

const outcomeForm = z.object({
  enquiryOutcome: z.enum(enquiryOutcomes, { error: 'Choose the outcome' }),
  riskOutcome: z.union([z.enum(riskOutcomes), z.literal('')]).optional(),
  reason,
});
export function OutcomeForm({ concern, onDone }: StageProps) {
  const update = useUpdateConcern(concern.id);
  const form = useStageForm(outcomeForm, ['enquiryOutcome', 'riskOutcome', 'reason'], {
    enquiryOutcome: concern.enquiryOutcome ?? undefined, riskOutcome: concern.riskOutcome ?? '', reason: '',
  } as z.input<typeof outcomeForm>);
  const needsRisk = form.watch('enquiryOutcome') === 'risk_identified_action_taken';
  const onSubmit = async (v: z.output<typeof outcomeForm>) => {
    await update.mutateAsync({
      enquiryOutcome: v.enquiryOutcome, enquiryOutcomeAt: concern.enquiryOutcomeAt ?? new Date().toISOString(),
      riskOutcome: needsRisk && v.riskOutcome ? v.riskOutcome : null, reason: v.reason,
    });
    form.reset({ ...v, reason: '' });
    onDone('The outcome has been recorded.');
  };
  return (
    <ApiForm form={form} onSubmit={onSubmit} submitLabel="Record the outcome" label="Outcome of the enquiry" className="form form--compact">
      <RadioGroup legend="What was the outcome of the enquiry?" options={optionsOf(enquiryOutcomes, enquiryOutcomeLabels)} {...form.register('enquiryOutcome')} />
      {needsRisk && <RadioGroup legend="What happened to the risk?" options={optionsOf(riskOutcomes, riskOutcomeLabels)} {...form.register('riskOutcome')} />}
      <ReasonField {...form.register('reason')} />
    </ApiForm>
  );
}

const closeForm = z.object({ closedAt: day, reason });
export function CloseForm({ concern, onDone }: StageProps) {
  const update = useUpdateConcern(concern.id);
  const form = useStageForm(closeForm, ['closedAt', 'reason'], { closedAt: todayIso(), reason: '' });
  const onSubmit = async (v: z.output<typeof closeForm>) => {
    await update.mutateAsync({ closedAt: instantOf(v.closedAt), reason: v.reason });
    form.reset({ ...v, reason: '' });
    onDone('The concern has been closed.');
  };
  return (
    <ApiForm form={form} onSubmit={onSubmit} submitLabel="Close the concern" label="Close the concern" className="form form--compact">
      <InputField type="date" width="short" label="Date closed" {...form.register('closedAt')} />
      <ReasonField label="Why can it be closed? (this goes in the decision log)" {...form.register('reason')} />
    </ApiForm>
  );
}

const reopenForm = z.object({ reason });
export function ReopenForm({ concern, onDone }: StageProps) {
  const update = useUpdateConcern(concern.id);
  const form = useStageForm(reopenForm, ['reason'], { reason: '' });
  const onSubmit = async (v: z.output<typeof reopenForm>) => {
    await update.mutateAsync({ closedAt: null, reason: v.reason });
    form.reset({ reason: '' });
    onDone('The concern has been reopened.');
  };
  return (
    <ApiForm form={form} onSubmit={onSubmit} submitLabel="Reopen the concern" label="Reopen the concern" className="form form--compact">
      <ReasonField label="Why reopen it? (this goes in the decision log)" {...form.register('reason')} />
    </ApiForm>
  );
}

/** What is still to record before "Close", so that closing is not a string of refusals. */
function ClosingGaps({ gaps }: { gaps: readonly string[] }) {
  return (
    <div className="closing-gaps">
      <p>Before the concern can be closed, record:</p>
      <ul>{gaps.map((gap) => <li key={gap}>{upperFirst(gap)}</li>)}</ul>
    </div>
  );
}

/** Which stages a lead can record now, in the order they usually happen. */
export function StageForms({ concern, onDone }: StageProps) {
  const words = (v: string | null | undefined) => v ?? null;
  if (concern.closedAt) {
    return (
      <Stage title="Reopen the concern">
        <ReopenForm concern={concern} onDone={onDone} />
      </Stage>
    );
  }
  const enquiry = isEnquiryDecision(concern.laDecision);
  const gaps = closingGaps(concern);
  return (
    <>
      <Stage title="1. Refer to the local authority" done={concern.referredToLaAt ? 'done' : null} isOpen={!concern.referredToLaAt}>
        <ReferForm concern={concern} onDone={onDone} />
      </Stage>
      {concern.referredToLaAt && (
        <Stage title="2. The local authority’s decision" done={words(concern.laDecision && laDecisionLabels[concern.laDecision])} isOpen={!concern.laDecision}>
          <LaDecisionForm concern={concern} onDone={onDone} />
        </Stage>
      )}
      {enquiry && (
        <Stage title="3. Caused enquiry" done={concern.causedEnquiry ? 'yes' : null}>
          <CausedEnquiryForm concern={concern} onDone={onDone} />
        </Stage>
      )}
      <Stage title="Safeguarding plan" done={concern.safeguardingPlan ? 'written' : null}>
        <PlanForm concern={concern} onDone={onDone} />
      </Stage>
      <Stage title="Making Safeguarding Personal" done={words(concern.mspAsked && mspAskedLabels[concern.mspAsked])}>
        <MspForm concern={concern} onDone={onDone} />
      </Stage>
      <Stage title="Capacity and advocacy" done={words(concern.lackedCapacity && `lacked capacity: ${lackedCapacityLabels[concern.lackedCapacity].toLowerCase()}`)}>
        <CapacityForm concern={concern} onDone={onDone} />
      </Stage>
      <Stage title="CQC notification" done={concern.cqcNotifiedAt ? 'notified' : concern.cqcNotificationRequired ? 'required' : null}>
        <CqcForm concern={concern} onDone={onDone} />
      </Stage>
      {enquiry && (
        <Stage title="Outcome of the enquiry" done={words(concern.enquiryOutcome && enquiryOutcomeLabels[concern.enquiryOutcome])}>
          <OutcomeForm concern={concern} onDone={onDone} />
        </Stage>
      )}
      {concern.laDecision && (
        <Stage title="Close the concern">
          {gaps.length ? <ClosingGaps gaps={gaps} /> : <CloseForm concern={concern} onDone={onDone} />}
        </Stage>
      )}
    </>
  );
}
