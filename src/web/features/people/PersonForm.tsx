import { Link } from 'react-router';
import { legalStatusLabels, legalStatuses } from '../../../domain/codes.js';
import { personInput, type Person, type PersonInput } from '../../../domain/organisation.js';
import { ApiForm } from '../../components/ApiForm.js';
import { CheckboxField, SelectField, TextField } from '../../components/Field.js';
import { asDate, asDateOrNull, asNumber, changedValues, useApiForm } from '../../components/forms.js';
import { useSession } from '../auth/session.js';

interface PersonFormProps {
  person?: Person;
  submitLabel: string;
  cancelTo: string;
  /** Called with every answer, and with just those that differ from `person`. */
  onSave: (values: PersonInput, changed: Partial<PersonInput>) => Promise<unknown>;
}

/** The form's answers for an existing person. */
function answersFor(person: Person): PersonInput {
  return {
    displayName: person.displayName, ref: person.ref, serviceId: person.serviceId, learningDisability: person.learningDisability,
    autism: person.autism, legalStatus: person.legalStatus, startDate: person.startDate, endDate: person.endDate,
  };
}

/** Add or change a person supported (service managers and administrators). */
export function PersonForm({ person, submitLabel, cancelTo, onSave }: PersonFormProps) {
  const { me } = useSession();
  const onlyService = me.services.length === 1 ? me.services[0] : undefined;
  const form = useApiForm(personInput, {
    fields: ['displayName', 'ref', 'serviceId', 'learningDisability', 'autism', 'legalStatus', 'startDate', 'endDate'],
    defaultValues: person
      ? answersFor(person)
      : { displayName: '', ref: '', serviceId: onlyService?.id, learningDisability: false, autism: false, legalStatus: 'informal', endDate: null },
  });
  const onSubmit = (values: PersonInput) => onSave(values, person ? changedValues(answersFor(person), values) : values);
  return (
    <ApiForm form={form} onSubmit={onSubmit} submitLabel={submitLabel} secondary={<Link className="button button--link" to={cancelTo}>Cancel</Link>}>
      <TextField
        label="Name used in Lantern"
        hint="Use a first name and initial, for example Carys D. Do not use the person’s full name."
        width="medium" autoComplete="off" {...form.register('displayName')}
      />
      <TextField
        label="Reference" hint="The person’s reference in your care records, for example P000123."
        width="medium" autoComplete="off" spellCheck={false} {...form.register('ref')}
      />
      <SelectField
        label="Service" placeholder={onlyService ? undefined : 'Choose a service'}
        options={me.services.map((s) => ({ value: s.id, label: s.name }))}
        {...form.register('serviceId', { setValueAs: asNumber })}
      />
      <div className="field">
        <fieldset className="fieldset" aria-describedby="diagnoses-hint">
          <legend className="legend">Diagnoses</legend>
          <div className="hint" id="diagnoses-hint">Tick all that apply.</div>
          <CheckboxField label="Learning disability" {...form.register('learningDisability')} />
          <CheckboxField label="Autism" {...form.register('autism')} />
        </fieldset>
      </div>
      <SelectField
        label="Legal status" hint="For example, whether a Deprivation of Liberty Safeguards (DoLS) authorisation or a Mental Health Act section applies."
        options={legalStatuses.map((s) => ({ value: s, label: legalStatusLabels[s] }))}
        {...form.register('legalStatus')}
      />
      <TextField label="Date support started" type="date" width="short" {...form.register('startDate', { setValueAs: asDate })} />
      <TextField
        label="Date support ended (if it has)" type="date" width="short" hint="Leave empty if the person is still supported."
        {...form.register('endDate', { setValueAs: asDateOrNull })}
      />
    </ApiForm>
  );
}
