import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, demoAccounts, seedDemoOrganisation } from '../../src/db/seed/demo.js';
import { createTestDatabase, testDialects, type TestDatabase } from '../support/databases.js';
import { Client, signedIn, testApp } from '../support/http.js';
import type { App } from '../../src/server/http/app.js';

const today = new Date('2026-11-26T09:00:00Z');

describe.each(testDialects())('demo organisation on %s', (dialect) => {
  let database: TestDatabase;
  let app: App;

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    await seedDemoOrganisation(database, 'demo', { seed: 2026, today });
    app = await testApp(database);
  });
  afterAll(async () => {
    await app.close();
    await database.drop();
  });

  it('has the demo size: 8 services, 60 people, two years of daily occupancy', async () => {
    const count = async (table: 'services' | 'people' | 'occupancy' | 'staff') =>
      (await database.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
    expect(await count('services')).toBe(8);
    expect(await count('people')).toBe(60);
    expect(await count('staff')).toBeGreaterThan(40);
    const range = await database.db.selectFrom('occupancy').select((eb) => [eb.fn.min('date').as('from'), eb.fn.max('date').as('to')]).executeTakeFirstOrThrow();
    expect(range).toEqual({ from: '2024-11-24', to: '2026-11-25' });
    expect(await count('occupancy')).toBe(8 * 732);
    const types = await database.db.selectFrom('services').select('type').distinct().execute();
    expect(types.map((t) => t.type).sort()).toEqual(['day_service', 'hospital_unit', 'residential_care_home', 'supported_living']);
  });

  it('never puts more people in a service than it has room for', async () => {
    const over = await database.db.selectFrom('occupancy').innerJoin('services', 'services.id', 'occupancy.service_id')
      .select('occupancy.date').whereRef('occupancy.occupied_days', '>', 'services.capacity').limit(1).execute();
    expect(over).toEqual([]);
  });

  it('is deterministic: the same seed gives the same organisation', async () => {
    const again = await createTestDatabase('sqlite');
    await seedDemoOrganisation(again, 'demo', { seed: 2026, today });
    const shape = (db: TestDatabase) => db.db.selectFrom('people').innerJoin('services', 'services.id', 'people.service_id')
      .select(['people.ref', 'people.display_name', 'services.name', 'people.start_date']).orderBy('people.ref').execute();
    expect(await shape(again)).toEqual(await shape(database));
    await again.drop();
  });

  it('refuses to seed over an existing organisation', async () => {
    await expect(seedDemoOrganisation(database, 'demo', { today })).rejects.toThrow(/already holds an organisation/);
  });

  it('lets every demo account sign in, scoped as the README says', async () => {
    const total = 8;
    const seen: Record<string, number> = {};
    for (const account of demoAccounts) {
      const client = await signedIn(app, account.email, DEMO_PASSWORD, '198.51.100.200');
      const me = await client.get('/api/v1/me');
      expect(me.body.user.role).toBe(account.role);
      seen[account.role] = me.body.services.length;
    }
    expect(seen.support_worker).toBe(1);
    expect(seen.service_manager).toBe(2);
    expect(seen.commissioner).toBeGreaterThan(0);
    expect(seen.commissioner).toBeLessThan(total);
    for (const role of ['admin', 'safeguarding_lead', 'quality_lead', 'board_member', 'speak_up_guardian']) expect(seen[role]).toBe(total);
    expect((await new Client(app).post('/api/v1/auth/sign-in', { email: 'admin@demo.lantern.test', password: 'lantern-demo-2025' })).status).toBe(401);
  });

  it('puts the support worker and the manager on their services’ staff lists, so they can name themselves in a record', async () => {
    for (const [email, name] of [['worker@demo.lantern.test', 'Jade Wilson'], ['manager@demo.lantern.test', 'Priya Shah']]) {
      const client = await signedIn(app, email!, DEMO_PASSWORD, '198.51.100.201');
      const me = await client.get('/api/v1/me');
      for (const service of me.body.services as { id: number }[]) {
        const staff = await client.get(`/api/v1/staff?serviceId=${service.id}&q=${encodeURIComponent(name!)}`);
        expect(staff.body.items.map((s: { name: string; employmentType: string }) => [s.name, s.employmentType])).toEqual([[name, 'permanent']]);
      }
    }
  });
});
