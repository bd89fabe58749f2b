import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { DEFAULT_DEMO_PASSWORD } from '../apps/server/src/config.ts';
import { openDatabase } from '../apps/server/src/db/database.ts';
import { migrate } from '../apps/server/src/db/migrate.ts';
import { seedDemo } from '../apps/server/src/demo/seed.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A PGlite data folder, migrated and filled with the demo data: each test file's server starts on a copy. */
    e2eTemplateDir: string;
  }
}

/**
 * Builds the demo database once, as the server does on its first start (migrations, then the demo
 * data of xã Bình Giang). Every test file then gets its own server on its own copy of it
 * (e2e/server.ts, started by support.ts): what one file changes, no other file sees, so neither
 * the order of the files nor a file run alone changes a result.
 */
export default async function setup(project: TestProject) {
  mkdirSync(join(project.config.root, 'test-results', 'e2e'), { recursive: true });
  const dir = mkdtempSync(join(tmpdir(), 'cqtt-e2e-template-'));
  const dataDir = join(dir, 'data');
  const database = await openDatabase({ dataDir });
  try {
    await migrate(database);
    await seedDemo(database.db, process.env.CQTT_DEMO_PASSWORD || DEFAULT_DEMO_PASSWORD);
  } finally {
    await database.close();
  }
  project.provide('e2eTemplateDir', dataDir);
  return () => rmSync(dir, { recursive: true, force: true });
}
