import { useState } from 'react';
import { organisationUpdate } from '../../../domain/organisation.js';
import { ApiForm } from '../../components/ApiForm.js';
import { TextField } from '../../components/Field.js';
import { useApiForm } from '../../components/forms.js';
import { Notice } from '../../components/Notice.js';
import { useRenameOrganisation } from './api.js';

/** Rename the organisation (administrators). */
export function RenameOrganisationForm({ name }: { name: string }) {
  const rename = useRenameOrganisation();
  const [saved, setSaved] = useState(false);
  const form = useApiForm(organisationUpdate, { fields: ['name'], defaultValues: { name } });
  const onSubmit = async (values: { name: string }) => {
    setSaved(false);
    await rename.mutateAsync(values);
    setSaved(true);
  };
  return (
    <>
      {saved && <Notice title="The organisation’s name has been saved" />}
      <ApiForm form={form} onSubmit={onSubmit} submitLabel="Save name" label="Organisation name">
        <TextField label="Organisation name" {...form.register('name')} />
      </ApiForm>
    </>
  );
}
