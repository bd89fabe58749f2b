import * as audit from './audit.ts';
import * as budget from './budget.ts';
import * as city from './city.ts';
import type { AnyEndpoint } from './endpoint.ts';
import * as indices from './indices.ts';
import * as ops from './ops.ts';
import * as org from './org.ts';
import * as outreach from './outreach.ts';
import * as publicPages from './public.ts';
import * as rewards from './rewards.ts';
import * as supervision from './supervision.ts';
import * as villages from './villages.ts';
import * as work from './work.ts';

export * from './endpoint.ts';
export * from './errors.ts';

/**
 * Every capability's contract, by name. The console imports one capability's file
 * (`@cqtt/contract/outreach`) so that it loads only what it uses; this index is for the
 * server's checks (every endpoint implemented, test/capabilities.test.ts) and for tools.
 */
export const CONTRACTS = {
  ops,
  org,
  audit,
  public: publicPages,
  outreach,
  rewards,
  supervision,
  villages,
  work,
  budget,
  city,
  indices,
} as const;

function isEndpoint(value: unknown): value is AnyEndpoint {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as AnyEndpoint).method === 'string' &&
    typeof (value as AnyEndpoint).url === 'string' &&
    typeof (value as AnyEndpoint).summary === 'string'
  );
}

/** The endpoints a contract module holds, however it groups them. */
export function endpointsOf(module: object): AnyEndpoint[] {
  const found: AnyEndpoint[] = [];
  const walk = (value: unknown) => {
    if (isEndpoint(value)) found.push(value);
    else if (typeof value === 'object' && value !== null && !('_zod' in value))
      Object.values(value).forEach(walk);
  };
  walk(module);
  return found;
}
