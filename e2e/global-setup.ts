import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../src/db/connection.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { seedDemoOrganisation } from '../src/db/seed/demo.js';
import { seedLearning } from '../src/db/seed/learning.js';
import { rebuildRollups } from '../src/server/services/rebuild.service.js';
import { loadConfig } from '../src/server/config.js';
import { buildApp } from '../src/server/http/app.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Where the real server, serving the freshly built client, listens: http://127.0.0.1:PORT */
    baseUrl: string;
  }
}

const root = path.resolve(import.meta.dirname, '..');

/**
 * Build the web client once, then run the real server over a fresh demo database in a temporary
 * folder on a free port. Tests get the address through inject('baseUrl'); everything is removed afterwards.
 */
export default async function setup(project: TestProject) {
  // Vitest sets NODE_ENV=test; the browser tests must run against the production build.
  execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });

  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'lantern-e2e-'));
  const config = loadConfig({ DATABASE_URL: path.join(folder, 'lantern.sqlite'), LOG_LEVEL: 'silent' });
  const database = openDatabase(config.DATABASE_URL);
  await migrateToLatest(database);
  const seeded = await seedDemoOrganisation(database, 'demo');
  // As `lantern seed` does: rollups once after the bulk write, then the demo learning through the services.
  await rebuildRollups(database);
  await seedLearning(database, seeded.groundTruth);

  const app = await buildApp({ database, config, webRoot: path.join(root, 'dist/web') });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  project.provide('baseUrl', `http://127.0.0.1:${port}`);

  return async () => {
    await app.close();
    await database.close();
    fs.rmSync(folder, { recursive: true, force: true });
  };
}
