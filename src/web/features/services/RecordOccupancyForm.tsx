import { useState } from 'react';
import { occupancyInput } from '../../../domain/organisation.js';
import { ApiForm } from '../../components/ApiForm.js';
import { TextField } from '../../components/Field.js';
import { asDate, asNumber, useApiForm } from '../../components/forms.js';
import { formatDate, formatNumber, toIsoDay } from '../../components/formatDate.js';
import { Notice } from '../../components/Notice.js';
import { useRecordOccupancy } from './api.js';

// One day of the shared occupancy schema: { date, occupiedDays }.
const dayInput = occupancyInput.shape.days.element;

/** Record how many people were supported on one day (replacing any earlier figure for that day). */
export function RecordOccupancyForm({ serviceId, capacity }: { serviceId: number; capacity: number }) {
  const record = useRecordOccupancy(serviceId);
  const [recorded, setRecorded] = useState<string | null>(null);
  const yesterday = toIsoDay(new Date(Date.now() - 86_400_000));
  const form = useApiForm(dayInput, {
    fields: ['date', 'occupiedDays'],
    defaultValues: { date: yesterday },
    // The server names the day's fields as days.0.date and days.0.occupiedDays.
    mapPath: (path) => path.replace(/^days\.\d+\./, ''),
  });
  const onSubmit = async (day: { date: string; occupiedDays: number }) => {
    setRecorded(null);
    await record.mutateAsync(day);
    setRecorded(`${formatNumber(day.occupiedDays)} supported on ${formatDate(day.date)}`);
    form.reset({ date: day.date });
  };
  return (
    <>
      {recorded && <Notice title="Occupancy recorded">{recorded}.</Notice>}
      <ApiForm form={form} onSubmit={onSubmit} submitLabel="Record occupancy" label="Record occupancy">
        <TextField label="Date" type="date" width="short" hint="Today or earlier." {...form.register('date', { setValueAs: asDate })} />
        <TextField
          label="Number of people supported that day" type="number" width="short" inputMode="numeric"
          hint={`Between 0 and ${capacity} (the number of places).`}
          {...form.register('occupiedDays', { setValueAs: asNumber })}
        />
      </ApiForm>
    </>
  );
}
