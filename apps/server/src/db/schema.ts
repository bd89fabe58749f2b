/**
 * Row types of the tables. The tables' own types are generated from the migrations
 * (schema.generated.ts, `npm run db:types`; `npm run lint` fails when they drift): a migration
 * changes them by regenerating, never by hand. This file only names the row types code uses.
 */
import type { Insertable, Selectable, Updateable } from 'kysely';
import type {
  AssessmentsTable,
  CommunesTable,
  UnitsTable,
  UsersTable,
  VillagesTable,
} from './schema.generated.ts';

export * from './schema.generated.ts';

export type User = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;
export type Unit = Selectable<UnitsTable>;
export type Village = Selectable<VillagesTable>;
export type Commune = Selectable<CommunesTable>;
export type AssessmentStatus = Selectable<AssessmentsTable>['status'];
