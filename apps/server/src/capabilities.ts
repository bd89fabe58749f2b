import { audit } from './audit/index.ts';
import { authRoutes } from './auth/routes.ts';
import { budget } from './budget/index.ts';
import { calendarRoutes } from './calendar/routes.ts';
import type { Capability } from './capability.ts';
import { city } from './city/index.ts';
import { criteriaMeasures } from './criteria/measures.ts';
import { criteriaRoutes } from './criteria/routes.ts';
import { seedCriteria } from './demo/criteria.ts';
import { seedFeedbackDemo } from './demo/feedback.ts';
import { seedSatisfaction } from './demo/satisfaction.ts';
import { documentsRoutes } from './documents/routes.ts';
import { feedbackMeasures } from './feedback/measures.ts';
import { open311Routes } from './feedback/open311.ts';
import { feedbackRoutes } from './feedback/routes.ts';
import { filesRoutes } from './files/routes.ts';
import { indices } from './indices/index.ts';
import type { MeasureDefinition } from './measures/registry.ts';
import { notifyRoutes } from './notify/routes.ts';
import { org } from './org/index.ts';
import { outreach } from './outreach/index.ts';
import { planExportRoutes } from './plans/export-routes.ts';
import { planMeasures } from './plans/measures.ts';
import { plansRoutes } from './plans/routes.ts';
import { publicPages } from './public/index.ts';
import { reportsPublicRoutes } from './reports/public-routes.ts';
import { reportsRoutes } from './reports/routes.ts';
import { rewards } from './rewards/index.ts';
import { satisfactionMeasures } from './satisfaction/measures.ts';
import { satisfactionPublicRoutes } from './satisfaction/public-routes.ts';
import { satisfactionRoutes } from './satisfaction/routes.ts';
import { supervision } from './supervision/index.ts';
import { usersRoutes } from './users/routes.ts';
import { villages } from './villages/index.ts';
import { work } from './work/index.ts';

/**
 * Every capability of cqtt, in one list: the app registers their routes, the criteria read
 * their measures, the demo seeds their data (in this order) from here. Adding a capability is
 * one line: its folder's index.ts (docs/architecture.md, docs/adding-a-capability.md).
 *
 * Entries written out here with `install` are the capabilities still registered the older way
 * (routes defined in the server only, not yet in packages/contract); each becomes one
 * `import { x } from './x/index.ts'` line when it moves (docs/decisions/0022).
 */
export const CAPABILITIES: readonly Capability[] = [
  { name: 'auth', install: authRoutes },
  org,
  { name: 'users', install: usersRoutes, permissions: ['users.manage', 'tokens.manage'] },
  audit,
  { name: 'notify', install: notifyRoutes },
  { name: 'files', install: filesRoutes },
  {
    name: 'plans',
    install: (app) => {
      planExportRoutes(app);
      plansRoutes(app);
    },
    measures: planMeasures,
    permissions: ['plans.manage', 'plans.answer_difficulties'],
  },
  budget,
  outreach,
  villages,
  {
    name: 'criteria',
    install: criteriaRoutes,
    measures: criteriaMeasures,
    demo: (db) => seedCriteria(db),
    permissions: [
      'criteria.manage_sets',
      'criteria.coordinate',
      'criteria.review',
      'criteria.approve',
      'criteria.appraise',
    ],
  },
  publicPages,
  {
    name: 'satisfaction',
    install: (app) => {
      satisfactionRoutes(app);
      satisfactionPublicRoutes(app);
    },
    measures: satisfactionMeasures,
    demo: (db) => seedSatisfaction(db),
    permissions: ['satisfaction.manage', 'satisfaction.view_all', 'satisfaction.moderate'],
  },
  {
    name: 'feedback',
    install: async (app) => {
      feedbackRoutes(app);
      await open311Routes(app);
    },
    measures: feedbackMeasures,
    demo: (db) => seedFeedbackDemo(db),
    permissions: ['feedback.read', 'feedback.triage', 'feedback.answer', 'feedback.approve'],
  },
  rewards,
  supervision,
  { name: 'calendar', install: calendarRoutes, permissions: ['calendar.manage_city'] },
  city,
  { name: 'documents', install: documentsRoutes, permissions: ['documents.draft', 'documents.issue'] },
  {
    name: 'reports',
    install: (app) => {
      reportsRoutes(app);
      reportsPublicRoutes(app);
    },
    permissions: ['reports.read'],
  },
  indices,
  work,
];

/**
 * Every measured figure cqtt offers to the criteria capability, from the capabilities' lists;
 * keys are unique (test/capabilities.test.ts).
 */
export const MEASURES: readonly MeasureDefinition[] = CAPABILITIES.flatMap((c) => c.measures ?? []);

export function findMeasure(key: string): MeasureDefinition | undefined {
  return MEASURES.find((m) => m.key === key);
}
