import type { Database } from '../../src/db/connection.js';
import { nowIso } from '../../src/db/connection.js';
import type { Role } from '../../src/domain/roles.js';
import { roles } from '../../src/domain/roles.js';
import { systemContext } from '../../src/server/policies/actor.js';
import type { Context } from '../../src/server/context.js';
import * as structure from '../../src/server/services/structure.service.js';
import * as people from '../../src/server/services/people.service.js';
import * as staff from '../../src/server/services/staff.service.js';
import * as users from '../../src/server/services/users.service.js';

export const PASSWORD = 'correct-horse-battery';

/**
 * A small organisation told as a story: Birch House (North, commissioned by Leeds) where Amira lives and
 * Chloe works, and Rowan Court (South, commissioned by Kent) where Ben lives and Dev works. Scoped roles
 * belong to Birch House only; the commissioner works for Leeds.
 */
export async function buildWorld(database: Database) {
  const ctx: Context = { database, actor: systemContext('test'), ip: null };
  await database.db.insertInto('organisation').values({ name: 'Test Care Ltd', is_demo: 0, created_at: nowIso() }).execute();
  const north = await structure.createRegion(ctx, 'North');
  const south = await structure.createRegion(ctx, 'South');
  const leeds = await structure.createCommissioner(ctx, 'Leeds City Council');
  const kent = await structure.createCommissioner(ctx, 'Kent County Council');
  const birch = await structure.createService(ctx, {
    ref: 'BIRCH', name: 'Birch House', type: 'supported_living', regionId: north.id, capacity: 6, registrationNumber: '1-101', commissionerIds: [leeds.id],
  });
  const rowan = await structure.createService(ctx, {
    ref: 'ROWAN', name: 'Rowan Court', type: 'residential_care_home', regionId: south.id, capacity: 10, registrationNumber: '1-202', commissionerIds: [kent.id],
  });
  const amira = await people.createPerson(ctx, {
    ref: 'P-AMIRA', displayName: 'Amira K.', serviceId: birch.id, learningDisability: true, autism: true, legalStatus: 'dols_authorised', startDate: '2021-03-01',
  });
  const ben = await people.createPerson(ctx, {
    ref: 'P-BEN', displayName: 'Ben T.', serviceId: rowan.id, learningDisability: true, autism: false, legalStatus: 'informal', startDate: '2019-06-15',
  });
  const chloe = await staff.createStaff(ctx, { ref: 'S-CHLOE', name: 'Chloe Evans', jobTitle: 'Support worker', employmentType: 'permanent', serviceIds: [birch.id], active: true });
  const dev = await staff.createStaff(ctx, { ref: 'S-DEV', name: 'Dev Patel', jobTitle: 'Agency support worker', employmentType: 'agency', serviceIds: [rowan.id], active: true });

  const scoped: Role[] = ['support_worker', 'service_manager'];
  const accounts = {} as Record<Role, { id: number; email: string }>;
  for (const role of roles) {
    const email = `${role.replace(/_/g, '-')}@test.lantern`;
    const user = await users.createUser(ctx, {
      email, name: `Test ${role}`, role, password: PASSWORD,
      allServices: !scoped.includes(role) && role !== 'commissioner',
      serviceIds: scoped.includes(role) ? [birch.id] : [],
      commissionerId: role === 'commissioner' ? leeds.id : null,
    });
    accounts[role] = { id: user.id, email };
  }
  return { ctx, regions: { north, south }, commissioners: { leeds, kent }, services: { birch, rowan }, people: { amira, ben }, staff: { chloe, dev }, accounts };
}

export type World = Awaited<ReturnType<typeof buildWorld>>;
