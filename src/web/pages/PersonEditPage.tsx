import { useNavigate, useParams } from 'react-router';
import type { PersonInput } from '../../domain/organisation.js';
import { BackLink } from '../components/BackLink.js';
import { withFlash } from '../components/flash.js';
import { PageHeader } from '../components/PageHeader.js';
import { QueryResult } from '../components/QueryResult.js';
import { useCreatePerson, usePerson, useUpdatePerson } from '../features/people/api.js';
import { PersonForm } from '../features/people/PersonForm.js';

export function NewPersonPage() {
  const create = useCreatePerson();
  const navigate = useNavigate();
  const onSave = async (values: PersonInput) => {
    const person = await create.mutateAsync(values);
    await navigate(`/people/${person.id}`, withFlash(`${person.displayName} has been added.`));
  };
  return (
    <>
      <BackLink to="/people">All people</BackLink>
      <PageHeader title="Add a person supported" documentTitle="Add a person" />
      <PersonForm submitLabel="Add person" cancelTo="/people" onSave={onSave} />
    </>
  );
}

export function EditPersonPage() {
  const id = Number(useParams().id);
  const person = usePerson(id);
  const update = useUpdatePerson(id);
  const navigate = useNavigate();
  const onSave = async (_values: PersonInput, changed: Partial<PersonInput>) => {
    if (Object.keys(changed).length === 0) {
      await navigate(`/people/${id}`, withFlash('Nothing had changed, so nothing was saved.'));
      return;
    }
    const saved = await update.mutateAsync(changed);
    await navigate(`/people/${id}`, withFlash(`${saved.displayName}’s details have been saved.`));
  };
  return (
    <>
      <BackLink to={`/people/${id}`}>Back to the person</BackLink>
      <QueryResult query={person}>
        {(p) => (
          <>
            <PageHeader title={`Change ${p.displayName}’s details`} caption="Person supported" />
            <PersonForm person={p} submitLabel="Save details" cancelTo={`/people/${id}`} onSave={onSave} />
          </>
        )}
      </QueryResult>
    </>
  );
}
