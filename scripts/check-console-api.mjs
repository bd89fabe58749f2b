#!/usr/bin/env node
// Keeps the console on the contract (docs/decisions/0022): no hand-written API types, no
// response casts, no API address outside packages/contract; and the citizens' pages import
// the contract for its types only (their JavaScript stays small). Run by `npm run lint`.
//
// UNCONVERTED lists the console files still written the older way. Wave two empties it: when a
// file is converted, delete its line; the check fails on a line whose file has nothing to report,
// so the list can only shrink.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const UNCONVERTED = [
  'api/types.ts',
  'console/auth/ChangePasswordPage.tsx',
  'console/auth/session.ts',
  'console/calendar/CityHolidaysPage.tsx',
  'console/criteria/AssessmentPage.tsx',
  'console/criteria/AssessmentsPage.tsx',
  'console/criteria/CriteriaSetsPage.tsx',
  'console/criteria/api.ts',
  'console/documents/api.ts',
  'console/feedback/FeedbackDetailPage.tsx',
  'console/feedback/api.ts',
  'console/plans/OccurrenceDrawer.tsx',
  'console/plans/PlanDetailPage.tsx',
  'console/plans/ReminderSettingsCard.tsx',
  'console/plans/api.ts',
  'console/plans/types.ts',
  'console/reports/api.ts',
  'console/satisfaction/DashboardPage.tsx',
  'console/satisfaction/QuestionnaireTab.tsx',
  'console/satisfaction/SetupPage.tsx',
  'console/satisfaction/api.ts',
  'console/shared/FileLinks.tsx',
  'console/users/api.ts',
];

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const web = join(root, 'apps/web/src');
/** The typed client itself: the only place that talks HTTP. */
const CLIENT = new Set(['api/client.ts', 'api/call.ts', 'api/queries.ts']);

const RULES = [
  {
    name: 'appel non typé',
    test: /\bapi\.(get|post|patch|put|delete|upload)\s*[<(]/,
    why: 'call the API through the contract: call()/useCall()/useSend() with an endpoint of @cqtt/contract',
  },
  {
    name: 'adresse',
    test: /['"`]\/api\//,
    why: 'an API address belongs to the contract (packages/contract/src/<capability>.ts)',
  },
  {
    name: 'cast',
    test: /\bas\s+(Promise<)?[A-Z]\w*(\[\])?\s*[;),]/,
    onlyIn: /(^|\/)api\.ts$/,
    why: 'a response is typed by its endpoint, never cast',
  },
  {
    name: 'type écrit à la main',
    test: /^\s*(export\s+)?(interface\s+\w+|type\s+\w+\s*=\s*\{)/,
    onlyIn: /(^|\/)(api|types)\.ts$/,
    why: 'use the types the contract exports (z.output of its schemas)',
  },
];

function walk(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name)) : /\.(ts|tsx)$/.test(e.name) ? [join(dir, e.name)] : [],
  );
}

const problems = [];
const unconverted = new Set(UNCONVERTED);
const seen = new Set();
for (const file of walk(web)) {
  const rel = relative(web, file).replaceAll('\\', '/');
  const lines = readFileSync(file, 'utf8').split('\n');
  if (rel.startsWith('citizen/')) {
    lines.forEach((line, i) => {
      if (/^import\s+(?!type\b)[^;]*from\s+'@cqtt\/contract/.test(line))
        problems.push(`${rel}:${i + 1}: the citizens' pages import the contract with "import type" only`);
    });
    continue;
  }
  if (!rel.startsWith('console/') && !rel.startsWith('api/')) continue;
  if (CLIENT.has(rel)) continue;
  const found = [];
  lines.forEach((line, i) => {
    for (const rule of RULES) {
      if (rule.onlyIn && !rule.onlyIn.test(rel)) continue;
      if (rule.test.test(line)) found.push(`${rel}:${i + 1}: ${line.trim()} — ${rule.why}`);
    }
  });
  if (unconverted.has(rel)) {
    seen.add(rel);
    if (found.length === 0)
      problems.push(
        `${rel}: converted — remove it from UNCONVERTED in ${relative(root, fileURLToPath(import.meta.url))}`,
      );
  } else problems.push(...found);
}
for (const rel of unconverted)
  if (!seen.has(rel)) problems.push(`${rel}: listed in UNCONVERTED but not found`);

if (problems.length > 0) {
  console.error(`Console API check: ${problems.length} problem(s)\n${problems.join('\n')}`);
  process.exit(1);
}
console.log(`Console API check: ok (${UNCONVERTED.length} files still unconverted)`);
