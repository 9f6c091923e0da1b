import type { Incident } from '../../../domain/incidents.js';
import { DateText } from '../../components/DateText.js';
import { formatDateTime } from '../../components/formatDate.js';
import { contributoryFactorLabels } from '../../../domain/contributory-factors.js';
import type { InterventionReasonCode, InterventionTypeCode } from '../../../domain/incidents.js';
import {
  correctableFieldLabels, episodeFieldLabels, interventionReasonLabel, interventionTypeLabel, noteKindLabels, physicalHarmLabels, psychologicalHarmLabels,
  settingEventLabel,
} from './labels.js';

type Note = Incident['notes'][number];

/** A recorded value as words: harm levels and codes by name, lists joined, times en-GB, yes and no. */
function valueText(field: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return 'nothing';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (field === 'typeCode' && typeof value === 'string') return interventionTypeLabel(value as InterventionTypeCode);
  if (field === 'reasonCode' && typeof value === 'string') return interventionReasonLabel(value as InterventionReasonCode);
  if ((field === 'startedAt' || field === 'endedAt') && typeof value === 'string') return formatDateTime(value);
  if (field === 'harmPhysical' && typeof value === 'string') return physicalHarmLabels[value as keyof typeof physicalHarmLabels] ?? value;
  if (field === 'harmPsychological' && typeof value === 'string') return psychologicalHarmLabels[value as keyof typeof psychologicalHarmLabels] ?? value;
  if (field === 'occurredAt' && typeof value === 'string') return formatDateTime(value);
  if (Array.isArray(value)) {
    if (value.length === 0) return 'none';
    const label = (v: unknown) =>
      field === 'settingEvents' ? settingEventLabel(String(v))
        : field === 'contributoryFactors' ? (contributoryFactorLabels[v as keyof typeof contributoryFactorLabels] ?? String(v)) : String(v);
    return value.map(label).join(', ');
  }
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function Changes({ changes }: { changes: NonNullable<Note['changes']> }) {
  return (
    <ul className="history__changes">
      {Object.entries(changes).map(([key, change]) => {
        // An episode's answer is kept under restrictiveInterventions.N.field.
        const episode = /^restrictiveInterventions\.(\d+)\.(\w+)$/.exec(key);
        const field = episode ? episode[2]! : key;
        const label = episode ? `Restrictive intervention ${episode[1]}: ${(episodeFieldLabels[field] ?? field).toLowerCase()}` : correctableFieldLabels[key] ?? key;
        return <li key={key}>{label} changed from “{valueText(field, change.from)}” to “{valueText(field, change.to)}”</li>;
      })}
    </ul>
  );
}

/** The record's history, oldest first: who recorded it, then reviews, corrections and added information. */
export function IncidentHistory({ incident }: { incident: Incident }) {
  const notes = [...incident.notes].sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id - b.id);
  return (
    <ol className="history">
      <li className="history__item">
        <p className="history__title">Recorded</p>
        <p className="history__meta">
          By {incident.reportedBy ?? 'a reporter not recorded'}, <DateText value={incident.reportedAt} withTime />
        </p>
      </li>
      {notes.map((note) => (
        <li className="history__item" key={note.id}>
          <p className="history__title">{noteKindLabels[note.kind] ?? note.kind}</p>
          <p className="history__meta">By {note.authorName}, <DateText value={note.createdAt} withTime /></p>
          {note.text && <p className="history__text">{note.kind === 'correction' ? `Reason: ${note.text}` : note.text}</p>}
          {note.changes && Object.keys(note.changes).length > 0 && <Changes changes={note.changes} />}
        </li>
      ))}
    </ol>
  );
}
