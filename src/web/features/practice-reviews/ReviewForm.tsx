import { useEffect, useRef } from 'react';
import { useFieldArray, useFormContext, useWatch, type Path } from 'react-hook-form';
import { useNavigate } from 'react-router';
import type { z } from 'zod';
import { contributoryFactors } from '../../../domain/contributory-factors.js';
import type { Incident } from '../../../domain/incidents.js';
import { practiceReviewKindLabels, practiceReviewKinds, type PracticeReviewKind } from '../../../domain/practice-reviews.js';
import type { Restriction } from '../../../domain/restrictions.js';
import { ApiForm } from '../../components/ApiForm.js';
import { CheckboxGroup, CodeCheckboxGroup, ErrorMessage, RadioGroup, SelectField } from '../../components/Field.js';
import { withFlash } from '../../components/flash.js';
import { formatDateTime, todayIso } from '../../components/formatDate.js';
import { asNumber, fieldId, useApiForm, useFormId } from '../../components/forms.js';
import { Loading } from '../../components/QueryResult.js';
import { useSession } from '../auth/session.js';
import { useIncidents, useServicePeople, useServiceStaff } from '../incidents/api.js';
import { InputField, TextAreaField, YesNoGroup, useFieldError } from '../incidents/fields.js';
import { contributoryFactorLabel } from '../incidents/labels.js';
import '../incidents/incidents.css';
import { useRecordPracticeReview, useRestrictionsToReview } from './api.js';
import { emptyAssessment, fieldOrder, formPathOf, reviewForm, toReviewBody, type ReviewFormValues } from './formSchema.js';
import { participantCodes, participantLabels, shortName } from './labels.js';
import './practice-reviews.css';

type ReviewFormInput = z.input<typeof reviewForm>;

// Every field a review can have (the limits of the API), so the error summary and server errors find each one.
const fields = fieldOrder(50, 30) as Path<ReviewFormInput>[];

const kindHints: Record<PracticeReviewKind, string> = {
  post_incident: 'A debrief after an incident, with the person and the staff involved.',
  periodic: 'A regular look at whether each of the person’s restrictions is still needed.',
};
const kindOptions = practiceReviewKinds.map((k) => ({ value: k, label: practiceReviewKindLabels[k], hint: kindHints[k] }));
const factorOptions = contributoryFactors.map((code) => ({ value: code, label: contributoryFactorLabel(code) }));

const incidentLabel = (i: { occurredAt: string; ref: string | null; location: string }) =>
  [formatDateTime(i.occurredAt), i.location, i.ref].filter(Boolean).join(', ');

/** A problem about a group of answers as a whole (a restriction the server would not take), with somewhere to link to. */
function GroupError({ name, question }: { name: string; question: string }) {
  const formId = useFormId();
  const error = useFieldError(name);
  const id = fieldId(formId, name);
  return (
    <div id={id} tabIndex={-1} data-question={question} className={error ? 'field field--error' : undefined}>
      <ErrorMessage id={id} error={error} />
    </div>
  );
}

/** One restriction's three tests, and notes. */
function RestrictionJudgement({ index, restriction: r }: { index: number; restriction: Restriction }) {
  const { register } = useFormContext<ReviewFormInput>();
  const name = shortName(r.description);
  // How the error summary names each question: "Kitchen locked from 8pm… – the least restrictive option: choose yes or no".
  const question = (words: string) => `${name} – ${words}`;
  return (
    <fieldset className="episode review-restriction">
      <legend>{r.description}</legend>
      <p className="review-restriction__who">{r.isBlanket ? `Everyone at ${r.serviceName} (blanket)` : `${r.person?.displayName ?? 'The person'} only`} – {r.categoryLabel}</p>
      <YesNoGroup name={`assessments.${index}.isNecessary`} legend="Is it necessary?" question={question('necessary')} />
      <YesNoGroup name={`assessments.${index}.isProportionate`} legend="Is it proportionate to the risk?" question={question('proportionate to the risk')} />
      <YesNoGroup name={`assessments.${index}.isLeastRestrictive`} legend="Is it the least restrictive option?" question={question('the least restrictive option')} />
      <TextAreaField label={<>Notes (optional)<span className="visually-hidden"> on {name}</span></>} rows={2} {...register(`assessments.${index}.note`)} />
    </fieldset>
  );
}

/** Recommendations, one to a line: add a line, or remove one. */
function Recommendations() {
  const { control, register } = useFormContext<ReviewFormInput>();
  const lines = useFieldArray({ control, name: 'recommendations' });
  const addButton = useRef<HTMLButtonElement>(null);
  const add = () => lines.append({ text: '' }, { focusName: `recommendations.${lines.fields.length}.text` });
  const remove = (index: number) => {
    lines.remove(index);
    addButton.current?.focus();
  };
  return (
    <fieldset className="fieldset review-lines">
      <legend className="legend">Recommendations</legend>
      <div className="hint">One to a line: what will change, and who will do it.</div>
      <GroupError name="recommendations" question="Recommendations" />
      {lines.fields.map((line, index) => (
        <div className="review-lines__line" key={line.id}>
          <TextAreaField label={`Recommendation ${index + 1}`} rows={2} {...register(`recommendations.${index}.text`)} />
          <button type="button" className="button button--link review-lines__remove" onClick={() => remove(index)}>
            Remove<span className="visually-hidden"> recommendation {index + 1}</span>
          </button>
        </div>
      ))}
      <button type="button" className="button button--secondary" ref={addButton} onClick={add}>
        {lines.fields.length ? 'Add another recommendation' : 'Add a recommendation'}
      </button>
    </fieldset>
  );
}

/**
 * Record a post-incident or periodic review of a person's restrictive practices, phone first. Started from an
 * incident (`from`), its service, person and the incident itself are filled in.
 */
export function ReviewForm({ from }: { from?: Incident }) {
  const { me } = useSession();
  const navigate = useNavigate();
  const record = useRecordPracticeReview();
  const onlyService = me.services.length === 1 ? me.services[0]!.id : undefined;
  const form = useApiForm(reviewForm, {
    fields,
    mapPath: formPathOf,
    defaultValues: {
      kind: from ? 'post_incident' : undefined,
      serviceId: from?.serviceId ?? onlyService ?? '',
      personId: from?.people.length === 1 ? from.people[0]!.id : '',
      incidentId: from?.id ?? '',
      heldOn: todayIso(),
      tookPart: [], staffIds: [], assessments: [], whatCouldBeDifferent: '', contributoryFactors: [], recommendations: [{ text: '' }],
    },
  });
  const { control, register, setValue, getValues } = form;
  const kind = useWatch({ control, name: 'kind' });
  const serviceId = asNumber(useWatch({ control, name: 'serviceId' }));
  const personId = asNumber(useWatch({ control, name: 'personId' }));
  const tookPart = useWatch({ control, name: 'tookPart' });

  const people = useServicePeople(serviceId);
  const staff = useServiceStaff(serviceId);
  const isPostIncident = kind === 'post_incident';
  const incidents = useIncidents({ serviceId, personId, limit: 50, offset: 0 }, isPostIncident && serviceId !== undefined && personId !== undefined);
  const { restrictions, isError: isRegisterError, retry } = useRestrictionsToReview(serviceId, personId);
  const assessments = useFieldArray({ control, name: 'assessments' });
  const { replace } = assessments;

  // One judgement for each restriction in the register, keeping any answers already given to the same restriction.
  // (Keyed on the ids: the list itself is a new array at every render.)
  const restrictionIds = restrictions?.map((r) => r.id).join(',');
  useEffect(() => {
    const current = getValues('assessments');
    replace((restrictions ?? []).map((r) => current.find((a) => a.restrictionId === r.id) ?? emptyAssessment(r.id)));
  }, [restrictionIds, getValues, replace]);

  const person = people.data?.items.find((p) => p.id === personId);
  const personName = person?.displayName ?? from?.people.find((p) => p.id === personId)?.displayName;
  const serviceName = me.services.find((s) => s.id === serviceId)?.name ?? from?.serviceName ?? 'the service';
  const isFromThisPerson = from !== undefined && from.people.some((p) => p.id === personId);
  const listed = incidents.data?.items ?? [];
  const incidentOptions = [...(isFromThisPerson && !listed.some((i) => i.id === from.id) ? [from] : []), ...listed]
    .map((i) => ({ value: i.id, label: incidentLabel(i) }));
  const peopleOptions = (people.data?.items ?? []).filter((p) => !p.endDate || p.endDate >= todayIso()).map((p) => ({ value: p.id, label: p.displayName }));
  const staffOptions = (staff.data?.items ?? []).filter((s) => s.active).map((s) => ({ value: s.id, label: `${s.name}, ${s.jobTitle}` }));

  // The person, incident, staff and restrictions belong to a service (and the incident to a person): a new choice clears them.
  const onServiceChange = () => {
    setValue('personId', '');
    setValue('incidentId', '');
    setValue('staffIds', []);
    replace([]);
  };
  const onPersonChange = (event: { target: { value: string } }) => {
    const isInFrom = from?.people.some((p) => p.id === Number(event.target.value)) ?? false;
    setValue('incidentId', isInFrom && from ? from.id : '');
    replace([]);
  };

  const onSubmit = async (values: ReviewFormValues) => {
    const saved = await record.mutateAsync(toReviewBody(values));
    await navigate(`/reviews/${saved.id}`, withFlash('The review has been recorded.'));
  };

  return (
    <ApiForm form={form} onSubmit={onSubmit} submitLabel="Record the review" className="form review-form">
      {from && (
        <p className="notice notice--info">
          From the incident on {formatDateTime(from.occurredAt)}{from.ref ? ` (reference ${from.ref})` : ''}: the review will name it.
        </p>
      )}
      <RadioGroup legend="What kind of review is it?" options={kindOptions} {...register('kind')} />
      {onlyService === undefined && (
        <SelectField
          label="Service" placeholder="Choose a service" options={me.services.map((s) => ({ value: s.id, label: s.name }))}
          {...register('serviceId', { onChange: onServiceChange })}
        />
      )}
      {serviceId === undefined ? null : people.isError ? (
        <div className="problem" role="alert">
          <p>The people at this service could not be loaded.</p>
          <button type="button" className="button button--secondary" onClick={() => void people.refetch()}>Try again</button>
        </div>
      ) : people.data ? (
        // Shown once the people are here, so that a person filled in from the incident is shown chosen.
        <SelectField label="Who is the review about?" placeholder="Choose the person" options={peopleOptions} {...register('personId', { onChange: onPersonChange })} />
      ) : (
        <Loading label="Loading the people at this service…" />
      )}
      {isPostIncident && personId !== undefined && (
        <SelectField
          label="Which incident does it follow?"
          hint={incidents.isPending ? 'Loading their incidents…' : `${personName ?? 'The person'}’s incidents at ${serviceName}, newest first.`}
          placeholder="Choose the incident" options={incidentOptions} {...register('incidentId')}
        />
      )}
      <InputField type="date" width="short" label="Date of the review" {...register('heldOn')} />

      <CodeCheckboxGroup
        name="tookPart" legend="Who took part?" hint="Tick all that apply."
        options={participantCodes.map((code) => ({ value: code, label: code === 'person' && personName ? `${personName} (the person supported)` : participantLabels[code] }))}
      />
      {tookPart.includes('staff') && staffOptions.length > 0 && (
        <CheckboxGroup control={control} name="staffIds" legend="Which staff took part?" hint="Tick all that apply." options={staffOptions} />
      )}

      <h2>Restrictions</h2>
      <GroupError name="assessments" question="Restrictions" />
      {personId === undefined ? (
        <p className="hint">Choose the person to judge each of their restrictions.</p>
      ) : isRegisterError ? (
        <div className="problem" role="alert">
          <p>The restrictions register could not be loaded.</p>
          <button type="button" className="button button--secondary" onClick={retry}>Try again</button>
        </div>
      ) : !restrictions ? (
        <Loading label="Loading the restrictions…" />
      ) : restrictions.length === 0 ? (
        <p>There are no restrictions in the register for {personName ?? 'this person'}, or for everyone at {serviceName}.</p>
      ) : (
        <>
          <p className="hint">
            Their own restrictions and those on everyone at {serviceName}. A restriction is justified only when it is necessary,
            proportionate to the risk, and the least restrictive option.
          </p>
          {assessments.fields.map((field, index) => {
            const restriction = restrictions.find((r) => r.id === field.restrictionId);
            return restriction ? <RestrictionJudgement key={field.id} index={index} restriction={restriction} /> : null;
          })}
        </>
      )}

      <TextAreaField
        label="What could be done differently?" hint="To prevent it happening again, or to need less restriction."
        rows={4} {...register('whatCouldBeDifferent')}
      />
      <details className="optional-section">
        <summary>Contributory factors (optional)</summary>
        <CodeCheckboxGroup layout="chips" name="contributoryFactors" legend="What contributed?" hint="Tick any that apply." options={factorOptions} />
      </details>
      <Recommendations />
    </ApiForm>
  );
}
