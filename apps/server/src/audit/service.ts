import { type Kysely, sql, type Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';
import { forbidden } from '../http/errors.ts';
import type { RequestContext } from '../http/route.ts';

/**
 * One row of the audit log. It says whose data the change touched: a commune's (communeId; the
 * row's city is then the commune's), or the data a city shares (communeId null, cityId the city:
 * criteria sets, days off). Each reads the rows of what is its own (audit/routes.ts).
 */
export interface AuditEntry {
  /** What happened, as capability.verb: 'units.create', 'users.reset_password'. */
  action: string;
  entityType: string;
  entityId: string;
  communeId: string | null;
  /** The city whose data it is; by default the actor's city, or the commune's. */
  cityId?: string | null;
  before?: unknown;
  after?: unknown;
}

const SECRET_KEYS = /password|token_hash|csrf|secret/i;

/** Copies a row for the log without secrets; dates become ISO strings. */
export function redact(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(redact);
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) {
      if (SECRET_KEYS.test(key)) continue;
      out[key] = redact(v);
    }
    return out;
  }
  return value;
}

export async function recordAudit(
  trx: Kysely<DB>,
  ctx: Pick<RequestContext, 'actor' | 'requestId' | 'ip'>,
  entry: AuditEntry,
  actorName?: string,
): Promise<void> {
  const actor = ctx.actor;
  // A commune's account changes its commune's data and nothing else: not the data the city
  // shares, not another commune's. Whatever route a change comes through, it stops here.
  if (actor?.communeId && entry.communeId !== actor.communeId) {
    throw forbidden('Tài khoản của xã, phường, đặc khu chỉ thay đổi dữ liệu của chính mình.');
  }
  const before = redact(entry.before);
  const after = redact(entry.after);
  const cityId =
    entry.cityId ??
    actor?.cityId ??
    (entry.communeId ? sql<string>`(select city_id from communes where id = ${entry.communeId})` : null);
  await trx
    .insertInto('audit_log')
    .values({
      actor_id: actor?.userId ?? null,
      actor_name: actorName ?? actor?.username ?? 'hệ thống',
      city_id: cityId,
      commune_id: entry.communeId,
      token_id: actor?.tokenId ?? null,
      action: entry.action,
      entity_type: entry.entityType,
      entity_id: entry.entityId,
      before: before === null ? null : JSON.stringify(before),
      after: after === null ? null : JSON.stringify(after),
      request_id: ctx.requestId,
      ip: ctx.ip,
    })
    .execute();
}

/**
 * The one way to change data: runs the change and its audit row in one
 * transaction, so a change is never without its row and a failure leaves
 * neither.
 */
export async function audited<T>(
  ctx: RequestContext,
  change: (trx: Transaction<DB>) => Promise<{ result: T; audit: AuditEntry }>,
): Promise<T> {
  return ctx.db.transaction().execute(async (trx) => {
    const { result, audit } = await change(trx);
    await recordAudit(trx, ctx, audit);
    return result;
  });
}
