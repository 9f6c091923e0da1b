import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDialects, type TestDatabase } from '../support/databases.js';
import { buildWorld, PASSWORD, type World } from '../support/world.js';
import { Client, signedIn, testApp } from '../support/http.js';
import type { App } from '../../src/server/http/app.js';

describe.each(testDialects())('accounts and sessions on %s', (dialect) => {
  let database: TestDatabase;
  let app: App;
  let world: World;

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    world = await buildWorld(database);
    app = await testApp(database);
  });
  afterAll(async () => {
    await app.close();
    await database.drop();
  });

  it('reports health and which database it runs on', async () => {
    const response = await new Client(app).get('/api/v1/health');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: 'ok', database: dialect });
  });

  it('sends the security headers on every response: a strict content security policy, no framing, no sniffing', async () => {
    for (const url of ['/api/v1/health', '/api/v1/me', '/']) {
      const { headers } = await new Client(app).get(url);
      expect(headers['content-security-policy']).toContain("default-src 'self'");
      expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(headers['content-security-policy']).toContain("script-src 'self'");
      expect(headers['x-content-type-options']).toBe('nosniff');
      expect(headers['strict-transport-security']).toMatch(/max-age=\d+/);
      expect(headers['x-frame-options']).toBe('SAMEORIGIN');
    }
  });

  it('signs in with email and password, sets a safe session cookie, and tells the user who they are', async () => {
    const client = new Client(app);
    const response = await client.post('/api/v1/auth/sign-in', { email: world.accounts.service_manager.email, password: PASSWORD });
    expect(response.status).toBe(200);
    expect(response.body.user).toEqual({ id: world.accounts.service_manager.id, email: world.accounts.service_manager.email, name: 'Test service_manager', role: 'service_manager' });
    expect(response.body.csrfToken).toMatch(/^[a-z2-7]{20,}$/);
    const setCookie = String(response.headers['set-cookie']);
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Lax');
    expect(setCookie).not.toContain('Secure');
    client.csrfToken = response.body.csrfToken;
    const me = await client.get('/api/v1/me');
    expect(me.status).toBe(200);
    expect(me.body.services).toEqual([{ id: world.services.birch.id, name: 'Birch House' }]);
    expect(me.body.allServices).toBe(false);
  });

  it('marks the cookie Secure when the request came over https through a trusted proxy', async () => {
    const proxied = await testApp(database, { TRUST_PROXY: 'true' });
    const client = new Client(proxied);
    const response = await client.request('POST', '/api/v1/auth/sign-in', { email: world.accounts.admin.email, password: PASSWORD }, { 'x-forwarded-proto': 'https' });
    expect(response.status).toBe(200);
    expect(String(response.headers['set-cookie'])).toContain('Secure');
    await proxied.close();
  });

  it('gives one identical answer for an unknown email and a wrong password (no user enumeration)', async () => {
    const unknown = await new Client(app, '198.51.100.1').post('/api/v1/auth/sign-in', { email: 'nobody@test.lantern', password: PASSWORD });
    const wrong = await new Client(app, '198.51.100.2').post('/api/v1/auth/sign-in', { email: world.accounts.quality_lead.email, password: 'not-the-password' });
    expect(unknown.status).toBe(401);
    expect(wrong.status).toBe(401);
    expect(unknown.headers['content-type']).toContain('application/problem+json');
    expect(unknown.body.detail).toBe(wrong.body.detail);
    expect(unknown.body.title).toBe(wrong.body.title);
  });

  it('throttles an account after five failed sign-ins, even from different addresses and with the right password', async () => {
    const email = world.accounts.board_member.email;
    for (let i = 0; i < 5; i += 1) {
      const r = await new Client(app, `192.0.2.${i + 1}`).post('/api/v1/auth/sign-in', { email, password: 'guess-' + i });
      expect(r.status).toBe(401);
    }
    const blocked = await new Client(app, '192.0.2.99').post('/api/v1/auth/sign-in', { email, password: PASSWORD });
    expect(blocked.status).toBe(429);
    expect(blocked.body.detail).toMatch(/Too many failed sign-ins/);
    // Another account is not affected.
    expect((await new Client(app, '192.0.2.99').post('/api/v1/auth/sign-in', { email: world.accounts.quality_lead.email, password: PASSWORD })).status).toBe(200);
  });

  it('throttles an address that tries many accounts', async () => {
    const ip = '203.0.113.200';
    for (let i = 0; i < 30; i += 1) {
      await new Client(app, ip).post('/api/v1/auth/sign-in', { email: `spray${i}@test.lantern`, password: 'password-guess' });
    }
    const blocked = await new Client(app, ip).post('/api/v1/auth/sign-in', { email: world.accounts.admin.email, password: PASSWORD });
    expect(blocked.status).toBe(429);
  });

  it('needs the CSRF token for a change made with a session cookie', async () => {
    const client = await signedIn(app, world.accounts.service_manager.email, PASSWORD);
    const token = client.csrfToken;
    client.csrfToken = undefined;
    const refused = await client.patch(`/api/v1/people/${world.people.amira.id}`, { displayName: 'Amira K' });
    expect(refused.status).toBe(403);
    expect(refused.body.detail).toMatch(/X-CSRF-Token/);
    client.csrfToken = 'wrong';
    expect((await client.patch(`/api/v1/people/${world.people.amira.id}`, { displayName: 'Amira K' })).status).toBe(403);
    client.csrfToken = token;
    expect((await client.patch(`/api/v1/people/${world.people.amira.id}`, { displayName: 'Amira K.' })).status).toBe(200);
  });

  it('lets an integration use a bearer token without CSRF, until the token is revoked', async () => {
    const admin = await signedIn(app, world.accounts.admin.email, PASSWORD);
    const issued = await admin.post(`/api/v1/users/${world.accounts.service_manager.id}/tokens`, { name: 'Rota system' });
    expect(issued.status).toBe(201);
    expect(issued.body.token).toMatch(/^lt_/);
    const listed = await admin.get(`/api/v1/users/${world.accounts.service_manager.id}/tokens`);
    expect(JSON.stringify(listed.body)).not.toContain(issued.body.token);

    const integration = new Client(app);
    integration.bearer = issued.body.token;
    const people = await integration.get('/api/v1/people');
    expect(people.status).toBe(200);
    expect(people.body.items.map((p: { ref: string }) => p.ref)).toEqual(['P-AMIRA']);
    const changed = await integration.patch(`/api/v1/people/${world.people.amira.id}`, { legalStatus: 'dols_authorised' });
    expect(changed.status).toBe(200);

    expect((await admin.delete(`/api/v1/users/${world.accounts.service_manager.id}/tokens/${issued.body.id}`)).status).toBe(204);
    expect((await integration.get('/api/v1/people')).status).toBe(401);
    const bogus = new Client(app);
    bogus.bearer = 'lt_made-up';
    expect((await bogus.get('/api/v1/people')).status).toBe(401);
  });

  it('signs out: the session no longer works', async () => {
    const client = await signedIn(app, world.accounts.safeguarding_lead.email, PASSWORD);
    const cookie = client.cookie;
    // Another site can send the cookie but not the token: it cannot sign anyone out.
    const forged = new Client(app);
    forged.cookie = cookie;
    expect((await forged.post('/api/v1/auth/sign-out')).status).toBe(403);
    expect((await client.get('/api/v1/me')).status).toBe(200);
    expect((await client.post('/api/v1/auth/sign-out')).status).toBe(204);
    const stale = new Client(app);
    stale.cookie = cookie;
    expect((await stale.get('/api/v1/me')).status).toBe(401);
  });

  it('changes a password: the old one stops working and other sessions end', async () => {
    const laptop = await signedIn(app, world.accounts.speak_up_guardian.email, PASSWORD);
    const phone = await signedIn(app, world.accounts.speak_up_guardian.email, PASSWORD);
    const weak = await laptop.post('/api/v1/auth/password', { currentPassword: PASSWORD, newPassword: 'short' });
    expect(weak.status).toBe(400);
    expect(weak.body.errors[0].path).toBe('newPassword');
    const wrong = await laptop.post('/api/v1/auth/password', { currentPassword: 'not-it-at-all', newPassword: 'a-much-better-passphrase' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors[0].path).toBe('currentPassword');
    expect((await laptop.post('/api/v1/auth/password', { currentPassword: PASSWORD, newPassword: 'a-much-better-passphrase' })).status).toBe(204);
    expect((await laptop.get('/api/v1/me')).status).toBe(200);
    expect((await phone.get('/api/v1/me')).status).toBe(401);
    expect((await new Client(app, '198.51.100.77').post('/api/v1/auth/sign-in', { email: world.accounts.speak_up_guardian.email, password: PASSWORD })).status).toBe(401);
    expect((await new Client(app, '198.51.100.78').post('/api/v1/auth/sign-in', { email: world.accounts.speak_up_guardian.email, password: 'a-much-better-passphrase' })).status).toBe(200);
  });

  it('stores only hashes of session and API secrets', async () => {
    const client = await signedIn(app, world.accounts.quality_lead.email, PASSWORD);
    const token = client.cookie!.split('=')[1]!;
    const sessions = await database.db.selectFrom('sessions').select('id').execute();
    expect(sessions.some((s) => s.id === token)).toBe(false);
    expect(sessions.every((s) => /^[0-9a-f]{64}$/.test(s.id))).toBe(true);
    const users = await database.db.selectFrom('users').select('password_hash').execute();
    expect(users.every((u) => u.password_hash.startsWith('$argon2id$'))).toBe(true);
  });

  it('an admin resets a forgotten password: the old sessions end and the new password works', async () => {
    const commissioner = await signedIn(app, world.accounts.commissioner.email, PASSWORD, '198.51.100.120');
    const admin = await signedIn(app, world.accounts.admin.email, PASSWORD);
    const worker = await signedIn(app, world.accounts.support_worker.email, PASSWORD);
    expect((await worker.post(`/api/v1/users/${world.accounts.commissioner.id}/password`, { newPassword: 'commissioner-new-pass' })).status).toBe(403);
    expect((await admin.post(`/api/v1/users/${world.accounts.commissioner.id}/password`, { newPassword: 'short' })).body.errors[0].path).toBe('newPassword');
    expect((await admin.post(`/api/v1/users/${world.accounts.commissioner.id}/password`, { newPassword: 'commissioner-new-pass' })).status).toBe(204);
    expect((await commissioner.get('/api/v1/me')).status).toBe(401);
    expect((await new Client(app, '198.51.100.121').post('/api/v1/auth/sign-in', { email: world.accounts.commissioner.email, password: 'commissioner-new-pass' })).status).toBe(200);
    const trail = await database.db.selectFrom('audit_log').select('summary').where('entity_kind', '=', 'user').where('entity_id', '=', String(world.accounts.commissioner.id)).execute();
    expect(trail.map((t) => t.summary)).toContain('password reset by an administrator');
  });

  it('ends a disabled user’s sessions at once', async () => {
    const worker = await signedIn(app, world.accounts.support_worker.email, PASSWORD);
    const admin = await signedIn(app, world.accounts.admin.email, PASSWORD);
    expect((await admin.patch(`/api/v1/users/${world.accounts.support_worker.id}`, { disabled: true })).status).toBe(200);
    expect((await worker.get('/api/v1/me')).status).toBe(401);
    expect((await new Client(app, '198.51.100.90').post('/api/v1/auth/sign-in', { email: world.accounts.support_worker.email, password: PASSWORD })).status).toBe(401);
    expect((await admin.patch(`/api/v1/users/${world.accounts.support_worker.id}`, { disabled: false })).status).toBe(200);
  });
});
