import type { Database } from '../connection.js';
import { nowIso } from '../connection.js';
import { serviceTypes, type ServiceType, legalStatuses } from '../../domain/codes.js';
import type { Role } from '../../domain/roles.js';
import { bulkInsert, bulkInsertReturningIds } from '../../server/repositories/bulk.repository.js';
import { appendAudit } from '../../server/repositories/audit.repository.js';
import { hashPassword } from '../../server/services/auth.service.js';
import { Random } from './random.js';
import * as names from './names.js';
import { seedEvents, type EventWorld } from './events.js';
import { writeGroundTruth } from './ground-truth.js';

export type Scale = 'demo' | 'provider' | 'national';

export const scales: Record<Scale, { services: number; people: number; years: number; regions: number; commissioners: number }> = {
  demo: { services: 8, people: 60, years: 2, regions: 2, commissioners: 4 },
  provider: { services: 250, people: 3000, years: 5, regions: 8, commissioners: 12 },
  national: { services: 2000, people: 25000, years: 10, regions: 24, commissioners: 20 },
};

export const DEMO_PASSWORD = 'lantern-demo-2026';

export const demoAccounts: { email: string; name: string; role: Role; note: string }[] = [
  { email: 'admin@demo.lantern.test', name: 'Alex Morgan', role: 'admin', note: 'all services; manages accounts and structure' },
  { email: 'manager@demo.lantern.test', name: 'Priya Shah', role: 'service_manager', note: 'two services' },
  { email: 'safeguarding@demo.lantern.test', name: 'Daniel Okafor', role: 'safeguarding_lead', note: 'all services' },
  { email: 'quality@demo.lantern.test', name: 'Ruth Campbell', role: 'quality_lead', note: 'all services' },
  { email: 'guardian@demo.lantern.test', name: 'Sam Hughes', role: 'speak_up_guardian', note: 'Freedom to Speak Up guardian' },
  { email: 'board@demo.lantern.test', name: 'Margaret Ellis', role: 'board_member', note: 'organisation aggregates' },
  { email: 'commissioner@demo.lantern.test', name: 'Joe Barker', role: 'commissioner', note: 'aggregates for commissioned services' },
  { email: 'worker@demo.lantern.test', name: 'Jade Wilson', role: 'support_worker', note: 'one service' },
];

export interface SeedProgress { (stage: string, done: number, total: number): void }

const DAY = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

function capacityFor(type: ServiceType, random: Random): number {
  switch (type) {
    case 'supported_living': return random.int(3, 8);
    case 'residential_care_home': return random.int(5, 12);
    case 'hospital_unit': return random.int(8, 16);
    case 'day_service': return random.int(10, 25);
  }
}

/**
 * Create the demo organisation: structure, staff, accounts and occupancy, then its events (incidents, restrictive
 * interventions, safeguarding, complaints, speak-up, restrictions, practice reviews) with planted patterns, whose ground truth is
 * written beside the database (see ground-truth.ts). Deterministic for a given seed, so tests and benchmarks see the
 * same organisation every time.
 */
export async function seedDemoOrganisation(database: Database, scale: Scale, options: { seed?: number; today?: Date; onProgress?: SeedProgress } = {}) {
  const random = new Random(options.seed ?? 2026);
  const size = scales[scale];
  const today = options.today ?? new Date();
  const endMs = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate()) - DAY;
  const startMs = endMs - Math.round(size.years * 365.25) * DAY;
  const progress = options.onProgress ?? (() => undefined);
  const db = database.db;
  const now = nowIso();

  const existing = await db.selectFrom('organisation').select('id').limit(1).execute();
  if (existing.length) throw new Error('The database already holds an organisation; seed into an empty database.');

  const passwordHash = await hashPassword(DEMO_PASSWORD);

  const structure = await db.transaction().execute(async (trx) => {
    await trx.insertInto('organisation').values({ name: 'Northfield Care Partnership (demo)', is_demo: 1, created_at: now }).execute();
    const regionIds = await bulkInsertReturningIds(trx, 'regions', names.regionNames.slice(0, size.regions).map((name) => ({ name })));
    const commissionerIds = await bulkInsertReturningIds(trx, 'commissioners', names.commissionerNames.slice(0, size.commissioners).map((name) => ({ name })));

    const usedNames = new Set<string>();
    const serviceRows = Array.from({ length: size.services }, (_, i) => {
      const type = i < serviceTypes.length ? serviceTypes[i % serviceTypes.length]! : random.weighted<ServiceType>([
        ['supported_living', 55], ['residential_care_home', 25], ['hospital_unit', 8], ['day_service', 12],
      ]);
      let name = '';
      for (let attempt = 0; !name || usedNames.has(name); attempt += 1) {
        const base = `${random.pick(names.serviceStems)} ${random.pick(names.serviceSuffixes[type]!)}`;
        name = attempt < 3 ? base : `${base}, ${random.pick(names.towns)}`;
        if (attempt > 6) name = `${base} ${i + 1}`;
      }
      usedNames.add(name);
      return {
        ref: `SVC-${String(i + 1).padStart(4, '0')}`, name, type, region_id: regionIds[i % regionIds.length]!,
        capacity: capacityFor(type, random), registration_number: `1-${String(100_000_000 + random.int(0, 899_999_999))}`,
        created_at: now, updated_at: now,
      };
    });
    const serviceIds = await bulkInsertReturningIds(trx, 'services', serviceRows);
    const links = serviceIds.flatMap((serviceId, i) => {
      const first = commissionerIds[i % commissionerIds.length]!;
      const second = commissionerIds[(i * 7 + 3) % commissionerIds.length]!;
      return first === second ? [{ service_id: serviceId, commissioner_id: first }]
        : [{ service_id: serviceId, commissioner_id: first }, { service_id: serviceId, commissioner_id: second }];
    });
    await bulkInsert(trx, 'service_commissioners', links);
    return { regionIds, commissionerIds, serviceIds, serviceRows };
  });
  progress('structure', 1, 1);

  // People: most were supported before the period began; some arrive and leave during it.
  const perService = new Map<number, { start: number; end: number | null }[]>();
  const peopleSpans: { serviceIndex: number; start: number; end: number | null }[] = [];
  const peopleRows = Array.from({ length: size.people }, (_, i) => {
    const serviceIndex = i < structure.serviceIds.length ? i : random.int(0, structure.serviceIds.length - 1);
    const serviceId = structure.serviceIds[serviceIndex]!;
    const isLongStanding = random.chance(0.8);
    const start = isLongStanding ? startMs - random.int(30, 3000) * DAY : startMs + random.int(0, (endMs - startMs) / DAY - 30) * DAY;
    const end = random.chance(0.08) ? Math.min(endMs, start + random.int(120, 900) * DAY) : null;
    const list = perService.get(serviceId) ?? [];
    list.push({ start, end: end && end < endMs ? end : null });
    perService.set(serviceId, list);
    peopleSpans.push({ serviceIndex, start, end: end && end < endMs ? end : null });
    const autism = random.chance(0.55);
    const hospital = structure.serviceRows[serviceIndex]!.type === 'hospital_unit';
    return {
      ref: `P${String(i + 1).padStart(6, '0')}-${random.int(10, 99)}`,
      display_name: `${random.pick(names.firstNames)} ${random.pick(names.surnames)[0]}.`,
      service_id: serviceId, learning_disability: random.chance(autism ? 0.6 : 0.97) ? 1 : 0, autism: autism ? 1 : 0,
      legal_status: hospital ? random.pick(['mha_section_3', 'mha_section_37', 'mha_section_37_41', 'mha_section_2'] as const)
        : random.weighted<(typeof legalStatuses)[number]>([['informal', 45], ['dols_authorised', 35], ['dols_applied', 12], ['court_of_protection', 8]]),
      start_date: isoDay(start), end_date: end && end < endMs ? isoDay(end) : null, created_at: now, updated_at: now,
    };
  });
  const personIds = await db.transaction().execute((trx) => bulkInsertReturningIds(trx, 'people', peopleRows));
  progress('people', size.people, size.people);

  // Staff: about one and a half per place, a mix of permanent, bank and agency.
  const staffRows: { ref: string; name: string; job_title: string; employment_type: string; active: number }[] = [];
  const staffServiceIndex: number[] = [];
  structure.serviceRows.forEach((service, serviceIndex) => {
    const count = Math.max(4, Math.round(service.capacity * 1.5));
    for (let k = 0; k < count; k += 1) {
      const employment = random.weighted<'permanent' | 'bank' | 'agency'>([['permanent', 70], ['bank', 15], ['agency', 15]]);
      staffRows.push({
        ref: `STF-${String(staffRows.length + 1).padStart(6, '0')}`,
        name: `${random.pick(names.firstNames)} ${random.pick(names.surnames)}`,
        job_title: random.pick(names.jobTitles[employment]), employment_type: employment, active: random.chance(0.95) ? 1 : 0,
      });
      staffServiceIndex.push(serviceIndex);
    }
  });
  const staffIds = await db.transaction().execute(async (trx) => {
    const ids = await bulkInsertReturningIds(trx, 'staff', staffRows);
    await bulkInsert(trx, 'staff_services', ids.map((staffId, k) => ({ staff_id: staffId, service_id: structure.serviceIds[staffServiceIndex[k]!]! })));
    return ids;
  });
  progress('staff', staffRows.length, staffRows.length);

  // Accounts: the eight demo sign-ins, scoped as the README describes.
  // The support worker and the manager are on their services' staff lists too, so they can name themselves as
  // staff involved in what they record. They are added after the generated staff, whom the events are drawn from.
  const onStaff = [
    { role: 'support_worker', jobTitle: 'Support worker', serviceIndexes: [0] },
    { role: 'service_manager', jobTitle: 'Service manager', serviceIndexes: [0, 1] },
  ] as const;
  const accountIds = await db.transaction().execute(async (trx) => {
    const ownStaffIds = await bulkInsertReturningIds(trx, 'staff', onStaff.map((o, i) => ({
      ref: `STF-${String(staffRows.length + i + 1).padStart(6, '0')}`, name: demoAccounts.find((a) => a.role === o.role)!.name,
      job_title: o.jobTitle, employment_type: 'permanent', active: 1,
    })));
    await bulkInsert(trx, 'staff_services', onStaff.flatMap((o, i) => o.serviceIndexes.map((k) => ({ staff_id: ownStaffIds[i]!, service_id: structure.serviceIds[k]! }))));
    const staffIdOf = new Map<Role, number>(onStaff.map((o, i) => [o.role, ownStaffIds[i]!]));

    const commissionerBody = structure.commissionerIds[0]!;
    const userIds = await bulkInsertReturningIds(trx, 'users', demoAccounts.map((a) => ({
      email: a.email, name: a.name, role: a.role, password_hash: passwordHash,
      all_services: ['admin', 'safeguarding_lead', 'quality_lead', 'speak_up_guardian', 'board_member'].includes(a.role) ? 1 : 0,
      commissioner_id: a.role === 'commissioner' ? commissionerBody : null, staff_id: staffIdOf.get(a.role) ?? null, disabled: 0, created_at: now, last_sign_in_at: null,
    })));
    const byRole = new Map(demoAccounts.map((a, i) => [a.role, userIds[i]!]));
    await bulkInsert(trx, 'user_services', [
      { user_id: byRole.get('support_worker')!, service_id: structure.serviceIds[0]! },
      { user_id: byRole.get('service_manager')!, service_id: structure.serviceIds[0]! },
      { user_id: byRole.get('service_manager')!, service_id: structure.serviceIds[1]! },
    ]);
    await appendAudit(trx, {
      at: now, actorUserId: null, actorName: 'seed', action: 'create', entityKind: 'organisation', entityId: null, ip: null,
      summary: `demo organisation at ${scale} scale`,
    });
    return userIds;
  });
  progress('accounts', demoAccounts.length, demoAccounts.length);

  // Occupancy: one row per service per day, the number of people supported that day.
  const totalDays = Math.round((endMs - startMs) / DAY) + 1;
  const totalRows = structure.serviceIds.length * totalDays;
  let written = 0;
  const batch: { service_id: number; date: string; occupied_days: number }[] = [];
  const flush = async () => {
    if (!batch.length) return;
    await db.transaction().execute((trx) => bulkInsert(trx, 'occupancy', batch));
    written += batch.length;
    batch.length = 0;
    progress('occupancy', written, totalRows);
  };
  for (const [index, serviceId] of structure.serviceIds.entries()) {
    const residents = perService.get(serviceId) ?? [];
    const capacity = structure.serviceRows[index]!.capacity;
    for (let day = startMs; day <= endMs; day += DAY) {
      let count = 0;
      for (const r of residents) if (r.start <= day && (r.end === null || r.end > day)) count += 1;
      batch.push({ service_id: serviceId, date: isoDay(day), occupied_days: Math.min(count, capacity) });
    }
    if (batch.length >= 50_000) await flush();
  }
  await flush();

  // Events: incidents, restrictive interventions, safeguarding, complaints and speak-up, with planted patterns.
  const commissionerNames = names.commissionerNames.slice(0, size.commissioners);
  const world: EventWorld = {
    seed: options.seed ?? 2026, scale, startMs, endMs,
    services: structure.serviceRows.map((s, i) => {
      const laIndex = i % structure.commissionerIds.length;
      return {
        id: structure.serviceIds[i]!, ref: s.ref, name: s.name, type: s.type, capacity: s.capacity,
        localAuthorityId: structure.commissionerIds[laIndex] ?? null, localAuthorityName: commissionerNames[laIndex] ?? null,
      };
    }),
    people: peopleRows.map((p, i) => ({
      id: personIds[i]!, ref: p.ref, firstName: p.display_name.split(' ')[0]!, serviceIndex: peopleSpans[i]!.serviceIndex,
      startMs: peopleSpans[i]!.start, endMs: peopleSpans[i]!.end, legalStatus: p.legal_status,
    })),
    staff: staffRows.map((s, k) => ({
      id: staffIds[k]!, ref: s.ref, name: s.name, serviceIndex: staffServiceIndex[k]!, employment: s.employment_type as 'permanent' | 'bank' | 'agency',
    })),
    users: demoAccounts.map((a, i) => ({ id: accountIds[i]!, role: a.role, name: a.name })),
  };
  const events = await seedEvents(database, world, progress);
  const groundTruthFile = await writeGroundTruth(database, events.groundTruth);

  return {
    services: structure.serviceIds.length, people: size.people, staff: staffRows.length + onStaff.length, occupancyRows: written,
    from: isoDay(startMs), to: isoDay(endMs), ...events.counts, groundTruth: events.groundTruth, groundTruthFile,
  };
}
