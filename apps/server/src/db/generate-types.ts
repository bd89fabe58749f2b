/**
 * Writes the row types of every table (schema.generated.ts) from the database the migrations
 * make: `npm run db:types` after adding a migration, `npm run db:types -- --check` (run by
 * `npm run lint`) fails when the file and the migrations disagree. Kysely reads and writes
 * through these types; nobody edits the generated file by hand.
 *
 * What SQL cannot say is in SELECT_TYPES below: the TypeScript shape of a jsonb column (and of
 * numeric columns, which drivers answer as text). A CHECK (column IN (...)) becomes a union of
 * its values.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { openDatabase } from './database.ts';
import { migrate } from './migrate.ts';

/** The type a query answers for a column whose SQL type says too little (`table.column`). */
const SELECT_TYPES: Record<string, string> = {
  'plans.targets': "import('@cqtt/domain').StoredTarget[]",
  'documents.sections': 'Record<string, string>',
  'plan_tasks.schedule': "import('@cqtt/domain').Schedule",
  'criteria_sets.definition': "import('@cqtt/domain').CriteriaSet",
  'questionnaires.elements': "import('@cqtt/domain').QuestionnaireDefinition['elements']",
  'survey_responses.answers': 'Record<string, number>',
  'feedback_items.lat': 'string | number',
  'feedback_items.lng': 'string | number',
  // feedback's code still passes the status as a string (its CHECK lists the values); wave two
  // types it with packages/domain's statuses and removes this line
  'feedback_items.status': 'string',
};

const here = dirname(fileURLToPath(import.meta.url));
const OUTPUT = join(here, 'schema.generated.ts');
const root = join(here, '../../../..');

interface ColumnInfo {
  table_name: string;
  column_name: string;
  udt_name: string;
  is_nullable: 'YES' | 'NO';
  column_default: string | null;
  is_identity: 'YES' | 'NO';
}

const SCALARS: Record<string, string> = {
  uuid: 'string',
  text: 'string',
  varchar: 'string',
  bpchar: 'string',
  citext: 'string',
  inet: 'string',
  name: 'string',
  date: 'string',
  int2: 'number',
  int4: 'number',
  int8: 'number',
  float4: 'number',
  float8: 'number',
  numeric: 'number',
  bool: 'boolean',
  timestamptz: 'Date',
  timestamp: 'Date',
  bytea: 'Uint8Array', // PGlite answers Uint8Array, pg a Buffer (a Uint8Array too)
  jsonb: 'unknown',
  json: 'unknown',
};

const pascal = (name: string) =>
  name
    .split('_')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('');

/** `CHECK ((kind = ANY (ARRAY['a'::text, 'b'::text])))` → column kind: 'a' | 'b'. */
function checkUnions(checks: { table: string; def: string }[]) {
  const unions = new Map<string, string[]>();
  for (const { table, def } of checks) {
    const m = /^CHECK \(\(?\(?(\w+)\)?(?:::text)? = ANY \(\(?ARRAY\[(.+?)\]\)?(?:::text\[\])?\)\)\)?$/.exec(
      def,
    );
    if (!m) continue;
    const values = [...m[2]!.matchAll(/'((?:[^']|'')*)'::(?:text|character varying)/g)].map((v) => v[1]!);
    if (values.length > 0) unions.set(`${table}.${m[1]}`, values);
  }
  return unions;
}

function columnType(c: ColumnInfo, unions: Map<string, string[]>): string {
  const key = `${c.table_name}.${c.column_name}`;
  const array = c.udt_name.startsWith('_');
  const udt = array ? c.udt_name.slice(1) : c.udt_name;
  const union = unions
    .get(key)
    ?.map((v) => `'${v.replace(/'/g, "\\'")}'`)
    .join(' | ');
  let base = SELECT_TYPES[key] ?? union ?? SCALARS[udt];
  if (!base) throw new Error(`Kiểu ${c.udt_name} của ${key} chưa có trong SCALARS`);
  if (array) base = base.includes('|') ? `Array<${base}>` : `${base}[]`;
  const nullable = c.is_nullable === 'YES';
  const generated = c.column_default !== null || c.is_identity === 'YES';
  const orNull = (t: string) => (nullable ? `${t} | null` : t);
  // what a write may send differs from what a read answers for dates and JSON
  let write: string | null = null;
  if (!array && (udt === 'timestamptz' || udt === 'timestamp')) write = 'Date | string';
  if (!array && (udt === 'jsonb' || udt === 'json')) write = 'string';
  if (!array && udt === 'numeric') write = 'number';
  if (write === null) {
    const plain = orNull(base);
    return generated ? `Generated<${plain}>` : plain;
  }
  const insert = `${orNull(write)}${generated ? ' | undefined' : ''}`;
  return `ColumnType<${orNull(base)}, ${insert}, ${orNull(write)}>`;
}

async function generate(): Promise<string> {
  const database = await openDatabase({ dataDir: 'memory://' });
  try {
    await migrate(database);
    const { rows: columns } = await sql<ColumnInfo>`
      select c.table_name, c.column_name, c.udt_name, c.is_nullable, c.column_default, c.is_identity
      from information_schema.columns c
      join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
      where c.table_schema = 'public' and t.table_type = 'BASE TABLE'
      order by c.table_name, c.ordinal_position`.execute(database.db);
    const { rows: checks } = await sql<{ table: string; def: string }>`
      select conrelid::regclass::text as table, pg_get_constraintdef(oid) as def
      from pg_constraint where contype = 'c' and connamespace = 'public'::regnamespace
      order by 1, 2`.execute(database.db);
    const unions = checkUnions(checks);
    const tables = [...new Set(columns.map((c) => c.table_name))];
    const out = [
      '// Generated by `npm run db:types` from the migrations (apps/server/src/db/generate-types.ts).',
      '// Do not edit: add a migration, then run `npm run db:types`.',
      "import type { ColumnType, Generated } from 'kysely';",
      '',
    ];
    for (const table of tables) {
      out.push(`export interface ${pascal(table)}Table {`);
      for (const c of columns.filter((x) => x.table_name === table)) {
        out.push(`  ${c.column_name}: ${columnType(c, unions)};`);
      }
      out.push('}', '');
    }
    out.push('export interface DB {');
    for (const table of tables) out.push(`  ${table}: ${pascal(table)}Table;`);
    out.push('}', '');
    return format(out.join('\n'));
  } finally {
    await database.close();
  }
}

/** The project's formatter, so the generated file passes `biome check` as it is. */
function format(source: string): string {
  const result = spawnSync(join(root, 'node_modules/.bin/biome'), ['format', `--stdin-file-path=${OUTPUT}`], {
    input: source,
    encoding: 'utf8',
    cwd: root,
  });
  if (result.status !== 0) throw new Error(`biome format: ${result.stderr}`);
  return result.stdout;
}

const source = await generate();
if (process.argv.includes('--check')) {
  let current = '';
  try {
    current = readFileSync(OUTPUT, 'utf8');
  } catch {
    // missing: a drift too
  }
  if (current !== source) {
    console.error(
      'apps/server/src/db/schema.generated.ts không khớp với các migration: chạy `npm run db:types` rồi commit tệp được sinh ra.',
    );
    process.exit(1);
  }
  console.log('Row types: schema.generated.ts matches the migrations.');
} else {
  writeFileSync(OUTPUT, source);
  console.log(`Wrote ${OUTPUT}`);
}
