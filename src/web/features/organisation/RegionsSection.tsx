import { useState } from 'react';
import { regionInput, type Region } from '../../../domain/organisation.js';
import { ApiForm } from '../../components/ApiForm.js';
import { DataTable } from '../../components/DataTable.js';
import { TextField } from '../../components/Field.js';
import { useApiForm } from '../../components/forms.js';
import { formatNumber } from '../../components/formatDate.js';
import { Notice } from '../../components/Notice.js';
import { QueryResult } from '../../components/QueryResult.js';
import { useAddRegion, useRegions, useRenameRegion } from './api.js';

function RenameRegionForm({ region, onDone }: { region: Region; onDone: (message: string | null) => void }) {
  const rename = useRenameRegion();
  const form = useApiForm(regionInput, { fields: ['name'], defaultValues: { name: region.name } });
  const onSubmit = async (values: { name: string }) => {
    await rename.mutateAsync({ id: region.id, ...values });
    onDone(`${region.name} is now called ${values.name}.`);
  };
  return (
    <ApiForm
      form={form} onSubmit={onSubmit} submitLabel="Save" label={`Rename ${region.name}`} className="form form--compact"
      secondary={<button type="button" className="button button--link" onClick={() => onDone(null)}>Cancel</button>}
    >
      <TextField label={`New name for ${region.name}`} {...form.register('name')} />
    </ApiForm>
  );
}

function AddRegionForm({ onAdded }: { onAdded: (name: string) => void }) {
  const add = useAddRegion();
  const form = useApiForm(regionInput, { fields: ['name'], defaultValues: { name: '' } });
  const onSubmit = async (values: { name: string }) => {
    await add.mutateAsync(values);
    form.reset({ name: '' });
    onAdded(values.name);
  };
  return (
    <ApiForm form={form} onSubmit={onSubmit} submitLabel="Add region" label="Add a region" className="form form--compact">
      <TextField label="Name of the new region" width="medium" {...form.register('name')} />
    </ApiForm>
  );
}

/** The organisation's regions; administrators can add and rename them. */
export function RegionsSection({ canEdit }: { canEdit: boolean }) {
  const regions = useRegions();
  const [editingId, setEditingId] = useState<number | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const columns = [
    {
      header: 'Region',
      isRowHeader: true,
      cell: (r: Region) => (editingId === r.id
        ? <RenameRegionForm region={r} onDone={(done) => { setEditingId(null); setMessage(done); }} />
        : r.name),
    },
    { header: 'Services', isNumeric: true, cell: (r: Region) => formatNumber(r.serviceCount) },
    ...(canEdit
      ? [{
          header: 'Change',
          cell: (r: Region) => (editingId === r.id ? null : (
            <button type="button" className="button button--secondary button--small" onClick={() => { setMessage(null); setEditingId(r.id); }}>
              Rename<span className="visually-hidden"> {r.name}</span>
            </button>
          )),
        }]
      : []),
  ];
  return (
    <section className="section" aria-labelledby="regions-title">
      <h2 id="regions-title">Regions</h2>
      {message && <Notice title={message} />}
      <QueryResult query={regions} loadingLabel="Loading regions…">
        {(items) => <DataTable caption="Regions" isCaptionHidden isNarrow columns={columns} rows={items} rowKey={(r) => r.id} emptyMessage="No regions yet." />}
      </QueryResult>
      {canEdit && <AddRegionForm onAdded={(name) => setMessage(`${name} has been added.`)} />}
    </section>
  );
}
