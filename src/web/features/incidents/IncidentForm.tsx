import { useEffect, useMemo, useRef, useState } from 'react';
import { FormProvider, useFieldArray, useForm, useWatch, type Path, type Resolver } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useNavigate } from 'react-router';
import { contributoryFactors } from '../../../domain/contributory-factors.js';
import { defaultSettingEvents, physicalHarmLevels, psychologicalHarmLevels, type IncidentInput } from '../../../domain/incidents.js';
import { isApiError } from '../../api/client.js';
import { CheckboxGroup, CodeCheckboxGroup, RadioGroup, SelectField } from '../../components/Field.js';
import { withFlash } from '../../components/flash.js';
import { FormErrors } from '../../components/FormErrors.js';
import { formatDateTime } from '../../components/formatDate.js';
import { FormIdContext, friendlyErrors } from '../../components/forms.js';
import { useSession } from '../auth/session.js';
import { staffChoices, useRecordIncident, useServicePeople, useServiceStaff } from './api.js';
import { clearDraft, hasDraft, loadDraft, saveDraft, type SavedDraft } from './draft.js';
import { EpisodeFieldset } from './EpisodeFieldset.js';
import { InputField, TextAreaField } from './fields.js';
import { emptyEpisode, emptyIncident, fieldOrder, formPathOf, incidentForm, type IncidentDraft } from './formSchema.js';
import { contributoryFactorLabel, physicalHarmLabels, psychologicalHarmLabels, settingEventLabel } from './labels.js';
import './incidents.css';

/** A saved draft laid over a fresh form, so answers added in a later version of the form have defaults. */
function fromDraft(draft: SavedDraft, serviceId: number | undefined): IncidentDraft {
  const base = emptyIncident(serviceId);
  return {
    ...base,
    ...draft.values,
    restrictiveInterventions: (draft.values.restrictiveInterventions ?? []).map((e) => ({ ...emptyEpisode(), ...e })),
  };
}

const timeOf = (iso: string) => formatDateTime(iso).split(', ')[1] ?? formatDateTime(iso);
const isToday = (iso: string) => new Date(iso).toDateString() === new Date().toDateString();

const settingEventOptions = defaultSettingEvents.map((code) => ({ value: code, label: settingEventLabel(code) }));
const factorOptions = contributoryFactors.map((code) => ({ value: code, label: contributoryFactorLabel(code) }));
const CANCEL_WARNING = 'Cancel this incident? What you have entered will be deleted from this device.';
const NETWORK_MESSAGE =
  'The incident has not been sent, because Lantern could not be reached. Your answers are kept on this phone as a draft, so nothing is lost. Try again when you have a connection.';

/**
 * Record an incident, phone first. Every change is kept on the device as a draft (per user), so
 * a dropped connection or a closed tab loses nothing; the draft is cleared once the server has it.
 */
export function IncidentForm() {
  const { me } = useSession();
  const userId = me.user.id;
  const onlyService = me.services.length === 1 ? me.services[0] : undefined;
  const navigate = useNavigate();
  const record = useRecordIncident();
  const [restored, setRestored] = useState(() => loadDraft(userId));
  const form = useForm<IncidentDraft, unknown, IncidentInput>({
    defaultValues: restored ? fromDraft(restored, onlyService?.id) : emptyIncident(onlyService?.id),
    resolver: zodResolver(incidentForm, { error: friendlyErrors }) as unknown as Resolver<IncidentDraft, unknown, IncidentInput>,
    shouldFocusError: false,
  });
  const { control, register, formState } = form;
  const episodes = useFieldArray({ control, name: 'restrictiveInterventions' });
  const [formMessage, setFormMessage] = useState<string | null>(null);
  const [focusRequest, setFocusRequest] = useState(0);
  const addButton = useRef<HTMLButtonElement>(null);
  const formId = 'incident';

  // Keep every change on the device.
  useEffect(() => {
    const subscription = form.watch((_values, { name }) => {
      if (name) saveDraft(userId, form.getValues());
    });
    return () => subscription.unsubscribe();
  }, [form, userId]);

  const serviceValue = useWatch({ control, name: 'serviceId' });
  const serviceId = serviceValue ? Number(serviceValue) : undefined;
  const personIds = useWatch({ control, name: 'personIds' });
  const people = useServicePeople(serviceId);
  const staff = useServiceStaff(serviceId);
  const today = new Date().toISOString().slice(0, 10);
  const peopleOptions = useMemo(
    () => (people.data?.items ?? []).filter((p) => !p.endDate || p.endDate >= today).map((p) => ({ value: p.id, label: p.displayName })),
    [people.data, today],
  );
  const staffOptions = useMemo(() => staffChoices(staff.data?.items ?? []), [staff.data]);
  const staffIds = useWatch({ control, name: 'staffIds' });
  // An episode's staff are usually among those involved in the incident: offer just those when some are ticked.
  const episodeStaff = staffIds.length ? staffOptions.filter((s) => staffIds.includes(s.value)) : staffOptions;
  const chosenPeople = peopleOptions.filter((p) => personIds.includes(p.value)).map((p) => ({ value: String(p.value), label: p.label }));

  const discard = () => {
    clearDraft(userId);
    form.reset(emptyIncident(onlyService?.id));
    clearDraft(userId);
    setRestored(null);
    setFormMessage(null);
  };

  // Leaving by Cancel means the incident is not wanted: it goes from the device too (asked first, if anything was entered).
  const cancel = () => {
    if (hasDraft(userId) && !window.confirm(CANCEL_WARNING)) return;
    clearDraft(userId);
    void navigate('/incidents');
  };

  const onValid = async (body: IncidentInput) => {
    setFormMessage(null);
    saveDraft(userId, form.getValues());
    try {
      const incident = await record.mutateAsync(body);
      clearDraft(userId);
      await navigate(`/incidents/${incident.id}`, withFlash(`The incident has been recorded. Its reference is ${incident.ref ?? incident.id}. Your manager will review it.`));
    } catch (error) {
      if (isApiError(error) && error.status === 0) {
        setFormMessage(NETWORK_MESSAGE);
      } else if (isApiError(error)) {
        const known = new Set(fieldOrder(form.getValues('restrictiveInterventions').length));
        const unplaced = error.fieldErrors.filter((fieldError) => {
          const name = formPathOf(fieldError.path);
          if (!known.has(name)) return true;
          form.setError(name as Path<IncidentDraft>, { type: 'server', message: fieldError.message });
          return false;
        });
        const isAllPlaced = error.fieldErrors.length > 0 && unplaced.length === 0;
        setFormMessage(isAllPlaced ? null : [error.problem.detail, ...unplaced.map((e) => e.message)].join(' '));
      } else {
        console.error(error);
        setFormMessage('Something went wrong, and the incident has not been sent. Your answers are kept on this phone as a draft. Please try again.');
      }
      setFocusRequest((n) => n + 1);
    }
  };

  const onSubmit = form.handleSubmit(onValid, () => {
    setFormMessage(null);
    setFocusRequest((n) => n + 1);
  });

  const addEpisode = () => {
    const index = episodes.fields.length;
    episodes.append(emptyEpisode(form.getValues('occurredTime')), { focusName: `restrictiveInterventions.${index}.typeCode` });
    saveDraft(userId, form.getValues());
  };
  const removeEpisode = (index: number) => {
    const episode = form.getValues(`restrictiveInterventions.${index}`);
    const isFilledIn = episode.typeCode || episode.reasonCode || episode.endTime || episode.deescalationTried || episode.staffIds.length;
    if (isFilledIn && !window.confirm(`Remove restrictive intervention ${index + 1}? What you entered for it will be lost.`)) return;
    episodes.remove(index);
    saveDraft(userId, form.getValues());
    addButton.current?.focus();
  };

  const onServiceChange = () => {
    // People and staff belong to a service: choosing another clears them.
    form.setValue('personIds', []);
    form.setValue('staffIds', []);
    form.getValues('restrictiveInterventions').forEach((_e, i) => {
      form.setValue(`restrictiveInterventions.${i}.staffIds`, []);
      form.setValue(`restrictiveInterventions.${i}.personId`, '');
    });
  };

  return (
    <FormProvider {...form}>
      <FormIdContext value={formId}>
        {restored && (
          <div className="notice notice--info" role="status">
            <p className="notice__title">
              We restored your unsent draft from {isToday(restored.savedAt) ? timeOf(restored.savedAt) : formatDateTime(restored.savedAt)}.
            </p>
            <div className="notice__body">
              <p>Check the answers, then send it. If you do not need it any more, discard it.</p>
              <button type="button" className="button button--secondary" onClick={discard}>Discard draft</button>
            </div>
          </div>
        )}
        <form className="incident-form" noValidate aria-label="Record an incident" onSubmit={(event) => {
          if (formState.isSubmitting) event.preventDefault();
          else void onSubmit(event);
        }}>
          <FormErrors
            formId={formId} errors={formState.errors} fields={fieldOrder(episodes.fields.length)}
            message={formMessage} focusRequest={focusRequest}
          />
          <p className="hint">Your answers are saved on this phone as you go, until the incident is sent.</p>

          {!onlyService && (
            <SelectField
              label="Service" placeholder="Choose a service" options={me.services.map((s) => ({ value: s.id, label: s.name }))}
              {...register('serviceId', { onChange: onServiceChange })}
            />
          )}

          {serviceId !== undefined && people.isPending && <p className="loading" role="status">Loading the people at this service…</p>}
          {(people.isError || staff.isError) && (
            <div className="problem" role="alert">
              <p>The people or staff at this service could not be loaded, so they cannot be ticked yet. Your answers are kept on this phone.</p>
              <button type="button" className="button button--secondary" onClick={() => { void people.refetch(); void staff.refetch(); }}>Try again</button>
            </div>
          )}
          {peopleOptions.length > 0 && (
            <CheckboxGroup control={control} name="personIds" legend="Who was involved?" hint="The people supported. Tick all that apply." options={peopleOptions} />
          )}

          <div className="time-row">
            <InputField label="Date" type="date" width="short" {...register('occurredDate')} />
            <InputField label="Time" type="time" width="short" {...register('occurredTime')} />
          </div>
          <InputField label="Where did it happen?" type="text" hint="For example, the kitchen or the garden." autoComplete="off" {...register('location')} />

          <TextAreaField label="What happened just before?" rows={2} {...register('antecedent')} />
          <TextAreaField label="What did the person do?" rows={2} {...register('behaviour')} />
          <TextAreaField label="What happened after?" rows={2} {...register('consequence')} />

          <CodeCheckboxGroup layout="chips" name="settingEvents" legend="Was anything else affecting the person?" hint="Setting events. Tick any that apply." options={settingEventOptions} />

          <RadioGroup
            legend="Physical harm" hint="To anyone involved."
            options={physicalHarmLevels.map((h) => ({ value: h, label: physicalHarmLabels[h] }))} {...register('harmPhysical')}
          />
          <RadioGroup
            legend="Psychological harm" hint="Upset or distress, to anyone involved."
            options={psychologicalHarmLevels.map((h) => ({ value: h, label: psychologicalHarmLabels[h] }))} {...register('harmPsychological')}
          />

          {staffOptions.length > 0 && (
            <CheckboxGroup control={control} name="staffIds" legend="Staff involved" hint="Tick all that apply." options={staffOptions} />
          )}

          <TextAreaField label="What happened, in your own words" hint="Facts only: what you saw and heard, and what you did." rows={4} {...register('narrative')} />

          <h2>Restrictive interventions</h2>
          <p className="hint">Add one for each time the person was held, given medicine to calm them, restrained or kept apart. Leave empty if there were none.</p>
          {episodes.fields.map((field, index) => (
            <EpisodeFieldset key={field.id} index={index} people={chosenPeople} staff={episodeStaff} onRemove={() => removeEpisode(index)} />
          ))}
          <div className="field">
            <button type="button" className="button button--secondary" ref={addButton} onClick={addEpisode}>
              {episodes.fields.length ? 'Add another restrictive intervention' : 'Add a restrictive intervention'}
            </button>
          </div>

          <details className="optional-section">
            <summary>Contributory factors (optional – your manager can add these)</summary>
            <CodeCheckboxGroup layout="chips" name="contributoryFactors" legend="What contributed to the incident?" hint="Tick any that apply." options={factorOptions} />
          </details>

          <div className="button-group">
            <button type="submit" className="button" aria-disabled={formState.isSubmitting || undefined}>
              {formState.isSubmitting ? 'Sending…' : 'Send incident'}
            </button>
            <button type="button" className="button button--link" onClick={cancel}>Cancel</button>
          </div>
        </form>
      </FormIdContext>
    </FormProvider>
  );
}
