import type { Permission } from '@cqtt/domain';
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from './db/schema.ts';
import type { AnyRoute } from './http/route.ts';
import type { MeasureDefinition } from './measures/registry.ts';

/** What seedDemo knows of each commune: its id, its city and its units by code. */
export type DemoCommunes = Record<string, { id: string; cityId: string; units: Record<string, string> }>;

/**
 * What a capability hands the app, from its folder's index.ts (docs/architecture.md). The app
 * holds one list of them (capabilities.ts): adding a capability is one line there.
 */
export interface Capability {
  /** The folder's name, the same in every layer (contract, server, console, domain). */
  name: string;
  /** Its routes, each an endpoint of the contract bound to a handler (`implement`). */
  routes?: readonly AnyRoute[];
  /**
   * Routes registered the older way, by a function given the app; for capabilities not yet
   * moved onto the contract (their `routes` will replace it).
   */
  install?: (app: FastifyInstance) => void | Promise<void>;
  /** Figures the criteria may propose scores from (measures/registry.ts). */
  measures?: readonly MeasureDefinition[];
  /** Demo data for the communes seedDemo made; run in the list's order, in one transaction. */
  demo?: (db: Kysely<DB>, communes: DemoCommunes) => Promise<void>;
  /** The permissions of the domain's table (packages/domain org/permissions.ts) it owns. */
  permissions?: readonly Permission[];
}

/** Names the id of a demo user. */
export async function demoUserId(db: Kysely<DB>, username: string): Promise<string> {
  const row = await db
    .selectFrom('users')
    .select('id')
    .where('username', '=', username)
    .executeTakeFirstOrThrow();
  return row.id;
}
