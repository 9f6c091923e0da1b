// Checking an incidents file on its own thread: the rows it sends to be written, and a failure that fails only its job.
import { describe, expect, it } from 'vitest';
import { checkHeader } from '../../src/domain/imports.js';
import { episodeRows, incidentRows, type CheckJob, type IncidentLookups, type RowsBatch } from '../../src/server/imports/incident-check.js';
import { checkOnThread } from '../../src/server/imports/incident-check-thread.js';
import { readCsv } from '../../src/server/imports/read-table.js';

const HEADER = 'incident_ref,service_ref,person_ref,occurred_at,reported_at,location,antecedent,behaviour,consequence,setting_events,harm_physical,harm_psychological,narrative,staff_refs,contributory_factors,intervention_type_code,intervention_reason_code,intervention_started_at,intervention_ended_at,intervention_planned,intervention_staff_refs,injury_person,injury_staff,debrief_person,debrief_staff';

const lookups: IncidentLookups = {
  services: new Map([['BIRCH', { id: 1, regionId: 7 }]]),
  people: new Map([['P-AMIRA', { id: 11, serviceId: 1 }]]),
  staff: new Map([['S-CHLOE', { id: 21, isAgency: false }], ['S-AGENCY', { id: 22, isAgency: true }]]),
  staffAt: new Map([[21, new Set([1])], [22, new Set([1])]]),
  existing: new Map(),
};

function jobFor(lines: string[], isDryRun = false): CheckJob {
  const table = readCsv([HEADER, ...lines].join('\n'));
  return {
    table: table.data, index: checkHeader('incidents', table.header).index, lookups, now: Date.parse('2026-11-26T12:00:00Z'),
    nowIso: '2026-11-26T12:00:00.000Z', isDryRun, incidentIds: isDryRun ? [] : [101, 102], episodeIds: isDryRun ? [] : [501, 502, 503],
  };
}

const rowsOf = (values: unknown[], width: number) => Array.from({ length: values.length / width }, (_, r) => values.slice(r * width, (r + 1) * width));

describe('checking an incidents file on its thread', () => {
  const lines = [
    'IR-1,BIRCH,P-AMIRA,15/07/2026 10:00,,Kitchen,Asked to wait,Hit out,Moved,poor_sleep,3,low,First.,S-CHLOE,staff_workload,01,10,15/07/2026 10:05,15/07/2026 10:20,Y,S-CHLOE,N,N,Y,Y',
    'IR-2,BIRCH,P-AMIRA,16/07/2026 09:00,,Hall,,Ran out,,,low,none,Second.,S-CHLOE,,07,10,16/07/2026 09:01,16/07/2026 09:04,N,S-CHLOE,N,N,N,Y',
    // IR-1's second episode, after IR-2: an agency worker held it.
    'IR-1,BIRCH,P-AMIRA,,,,,,,,,,,,,07,17,15/07/2026 10:25,15/07/2026 10:30,N,S-AGENCY,N,Y,Y,Y',
  ];

  it('sends each incident once its last row is checked, with its episodes, links and the agency flag', async () => {
    const batches: RowsBatch[] = [];
    const result = await checkOnThread(jobFor(lines), (batch) => batches.push(batch));
    expect(result.errors).toEqual([]);
    const incidents = rowsOf(batches.flatMap((b) => b.incidents), incidentRows.columns.length);
    const flagAt = incidentRows.columns.findIndex(([name]) => name === 'has_agency_staff');
    // IR-2 is complete first; IR-1 only at the last row.
    expect(incidents.map((r) => [r[0], r[1], r[flagAt]])).toEqual([[102, 'IR-2', 0], [101, 'IR-1', 1]]);
    const episodes = rowsOf(batches.flatMap((b) => b.episodes), episodeRows.columns.length);
    expect(episodes.map((e) => [e[0], e[1], e[4], e[8]])).toEqual([[501, 102, '07', 3], [502, 101, '01', 15], [503, 101, '07', 5]]);
    expect(rowsOf(batches.flatMap((b) => b.episodeStaff), 2)).toEqual([[501, 21], [502, 21], [503, 22]]);
    expect(rowsOf(batches.flatMap((b) => b.codes), 3)).toEqual([[101, 'setting_event', 'poor_sleep'], [101, 'factor', 'staff_workload']]);
    expect(result.sums.restrained.map((r) => r.period)).toEqual(['2026-07']);
  });

  it('sends nothing for a dry run, or once a row is wrong, and names the row and column', async () => {
    const dry: RowsBatch[] = [];
    expect((await checkOnThread(jobFor(lines, true), (batch) => dry.push(batch))).errors).toEqual([]);
    expect(dry).toEqual([]);
    const sent: RowsBatch[] = [];
    const result = await checkOnThread(jobFor([...lines, 'IR-3,BIRCH,P-NOBODY,17/07/2026 09:00,,Hall,,Ran out,,,low,none,Third.,,,,,,,,,,,,']), (batch) => sent.push(batch));
    expect(result.errors).toEqual([{ row: 5, column: 'person_ref', message: 'No such person: P-NOBODY' }]);
    expect(sent.flatMap((b) => b.incidents)).toEqual([]);
  });

  it('fails a job that cannot be checked with the reason, and goes on checking the next', async () => {
    const broken = { ...jobFor(lines), table: undefined } as unknown as CheckJob;
    await expect(checkOnThread(broken, () => undefined)).rejects.toThrow(/Checking the file failed/);
    expect((await checkOnThread(jobFor(lines, true), () => undefined)).errors).toEqual([]);
  });
});
