import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { loadMigrations } from './migrate.ts';

/**
 * A new embedded database starts from a tarball of an empty, migrated one instead of running
 * PostgreSQL's initdb inside PGlite, which is two thirds of a first `npm start`. The tarball is
 * written once, by the first start that had to run initdb (after its migrations, before any
 * data), beside the installed packages (node_modules/.cache/cqtt), under a name made of PGlite's
 * version and the migrations' contents: another PGlite or another set of migrations makes
 * another tarball, and the old one is removed. A folder that holds a database is never touched.
 * CQTT_PGLITE_TEMPLATE_DIR puts the tarball elsewhere (tests).
 */
const require = createRequire(import.meta.url);
// node_modules/@electric-sql/pglite/dist/index.cjs (its package.json is not exported)
const pgliteRoot = join(dirname(require.resolve('@electric-sql/pglite')), '..');
const pglitePackage = join(pgliteRoot, 'package.json');
const cacheDir = () => process.env.CQTT_PGLITE_TEMPLATE_DIR || join(pgliteRoot, '..', '..', '.cache', 'cqtt');

function templateFile(): string {
  const version = (JSON.parse(readFileSync(pglitePackage, 'utf8')) as { version: string }).version;
  const hash = createHash('sha256');
  for (const m of loadMigrations()) hash.update(m.version).update('\0').update(m.sql).update('\0');
  return join(cacheDir(), `pglite-${version}-${hash.digest('hex').slice(0, 16)}.tar`);
}

/** The tarball a new database folder can start from, if one was written for this PGlite and these migrations. */
export function readTemplate(): Blob | undefined {
  try {
    return new Blob([readFileSync(templateFile())]);
  } catch {
    return undefined;
  }
}

/** Keeps a freshly migrated, still empty database as the tarball later new folders start from. */
export async function writeTemplate(pglite: PGlite): Promise<void> {
  const file = templateFile();
  await pglite.exec('checkpoint');
  const tarball = Buffer.from(await (await pglite.dumpDataDir('none')).arrayBuffer());
  const dir = cacheDir();
  mkdirSync(dir, { recursive: true });
  // written under a temporary name, then renamed: a start running meanwhile reads all or nothing
  const partial = `${file}.${process.pid}.partial`;
  writeFileSync(partial, tarball);
  renameSync(partial, file);
  for (const other of readdirSync(dir))
    if (/^pglite-.*\.tar$/.test(other) && join(dir, other) !== file)
      rmSync(join(dir, other), { force: true });
}
