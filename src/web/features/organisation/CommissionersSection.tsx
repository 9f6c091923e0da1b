import { useState } from 'react';
import { commissionerInput } from '../../../domain/organisation.js';
import { ApiForm } from '../../components/ApiForm.js';
import { TextField } from '../../components/Field.js';
import { useApiForm } from '../../components/forms.js';
import { Notice } from '../../components/Notice.js';
import { QueryResult } from '../../components/QueryResult.js';
import { useAddCommissioner, useCommissioners } from './api.js';

function AddCommissionerForm({ onAdded }: { onAdded: (name: string) => void }) {
  const add = useAddCommissioner();
  const form = useApiForm(commissionerInput, { fields: ['name'], defaultValues: { name: '' } });
  const onSubmit = async (values: { name: string }) => {
    await add.mutateAsync(values);
    form.reset({ name: '' });
    onAdded(values.name);
  };
  return (
    <ApiForm form={form} onSubmit={onSubmit} submitLabel="Add commissioner" label="Add a commissioner" className="form form--compact">
      <TextField label="Name of the commissioning body" width="medium" hint="For example, Leeds City Council or an NHS integrated care board." {...form.register('name')} />
    </ApiForm>
  );
}

/** The bodies that commission services; administrators can add them. */
export function CommissionersSection({ canEdit }: { canEdit: boolean }) {
  const commissioners = useCommissioners();
  const [added, setAdded] = useState<string | null>(null);
  return (
    <section className="section" aria-labelledby="commissioners-title">
      <h2 id="commissioners-title">Commissioners</h2>
      {added && <Notice title={`${added} has been added.`} />}
      <QueryResult query={commissioners} loadingLabel="Loading commissioners…">
        {(items) => (items.length ? (
          <ul className="plain-list plain-list--bordered">
            {items.map((c) => <li key={c.id}>{c.name}</li>)}
          </ul>
        ) : <p className="empty">No commissioners yet.</p>)}
      </QueryResult>
      {canEdit && <AddCommissionerForm onAdded={setAdded} />}
    </section>
  );
}
