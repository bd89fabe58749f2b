import { createHash, randomBytes } from 'node:crypto';
import { audited } from '../audit/service.ts';
import { conflict, notFound } from '../http/errors.ts';
import type { RequestContext } from '../http/route.ts';
import { managedCommune } from './access.ts';
import { checkCounter } from './setup.ts';

/**
 * Counter tablets the service centre registers. A tablet at a busy counter sends many real
 * ratings without a dossier code, often from behind the office's one network address; a
 * script can claim to be a kiosk and invent device ids. So a tablet is trusted only when it
 * carries a key the staff gave it (header X-Cqtt-Kiosk, kept by the kiosk page): its ratings
 * are then limited per tablet, not per address (limits.ts). Only the key's sha256 is stored;
 * the key is shown once, in the link the staff open on the tablet.
 */

const KEY = /^[A-Za-z0-9_-]{43}$/;
export const KIOSK_HEADER = 'x-cqtt-kiosk';

const hashOf = (key: string) => createHash('sha256').update(key).digest('hex');

export interface RegisteredKiosk {
  id: string;
  communeId: string;
  counterId: string | null;
}

/**
 * Keys seen in the last minute (also unknown ones, so random keys cost one lookup each a
 * minute): a queue of ratings from one tablet does not look its key up each time. A revoked
 * tablet is refused within the minute on every server.
 */
const cache = new Map<string, { kiosk: RegisteredKiosk | null; expires: number }>();

/** The registered, not revoked tablet of this commune a key belongs to, or null. */
export async function kioskByKey(
  ctx: RequestContext,
  communeId: string,
  header: string | string[] | undefined,
): Promise<RegisteredKiosk | null> {
  const key = Array.isArray(header) ? header[0] : header;
  if (!key || !KEY.test(key)) return null;
  const hash = hashOf(key);
  const hit = cache.get(hash);
  let kiosk: RegisteredKiosk | null;
  if (hit && hit.expires > Date.now()) kiosk = hit.kiosk;
  else {
    const row = await ctx.db
      .selectFrom('rating_kiosks')
      .select(['id', 'commune_id', 'counter_id'])
      .where('key_hash', '=', hash)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    kiosk = row ? { id: row.id, communeId: row.commune_id, counterId: row.counter_id } : null;
    if (cache.size > 10_000) cache.clear();
    cache.set(hash, { kiosk, expires: Date.now() + 60_000 });
  }
  return kiosk && kiosk.communeId === communeId ? kiosk : null;
}

/** The link that opens the kiosk page on a tablet with its key (shown once). */
export function kioskLink(publicUrl: string, communeCode: string, counterId: string | null, key: string) {
  const counter = counterId ? `quay=${counterId}&` : '';
  return `${publicUrl}/p/${encodeURIComponent(communeCode)}/kiosk?${counter}may=${key}`;
}

export async function listKiosks(ctx: RequestContext, requested?: string) {
  const communeId = await managedCommune(ctx, requested);
  const rows = await ctx.db
    .selectFrom('rating_kiosks as k')
    .leftJoin('service_counters as c', (j) =>
      j.onRef('c.commune_id', '=', 'k.commune_id').onRef('c.id', '=', 'k.counter_id'),
    )
    .leftJoin('users as u', 'u.id', 'k.created_by')
    .select((eb) => [
      'k.id',
      'k.name',
      'k.counter_id',
      'c.number as counter_number',
      'c.name as counter_name',
      'k.created_at',
      'u.full_name as created_by_name',
      'k.revoked_at',
      eb
        .selectFrom('ratings as r')
        .select((s) => s.fn.max('r.created_at').as('last'))
        .whereRef('r.commune_id', '=', 'k.commune_id')
        .whereRef('r.kiosk_id', '=', 'k.id')
        .as('last_rating_at'),
    ])
    .where('k.commune_id', '=', communeId)
    .orderBy('k.revoked_at', 'desc')
    .orderBy('k.created_at')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    counterId: r.counter_id,
    counter: r.counter_number === null ? null : `Quầy ${r.counter_number} - ${r.counter_name}`,
    createdAt: new Date(r.created_at).toISOString(),
    createdBy: r.created_by_name ?? null,
    revokedAt: r.revoked_at ? new Date(r.revoked_at).toISOString() : null,
    lastRatingAt: r.last_rating_at ? new Date(r.last_rating_at as Date).toISOString() : null,
  }));
}

/** Registers a tablet; answers its key once, inside the link to open on the tablet. */
export async function registerKiosk(
  ctx: RequestContext,
  input: { communeId?: string; name: string; counterId?: string | null },
) {
  const communeId = await managedCommune(ctx, input.communeId);
  const commune = await ctx.db
    .selectFrom('communes')
    .select('code')
    .where('id', '=', communeId)
    .executeTakeFirstOrThrow();
  await checkCounter(ctx.db, communeId, input.counterId);
  const key = randomBytes(32).toString('base64url');
  return audited(ctx, async (trx) => {
    const row = await trx
      .insertInto('rating_kiosks')
      .values({
        commune_id: communeId,
        counter_id: input.counterId ?? null,
        name: input.name,
        key_hash: hashOf(key),
        created_by: ctx.actor!.userId,
      })
      .returning(['id'])
      .executeTakeFirstOrThrow();
    return {
      result: {
        id: row.id,
        key,
        link: kioskLink(ctx.config.publicUrl, commune.code, input.counterId ?? null, key),
      },
      audit: {
        action: 'rating_kiosks.register',
        entityType: 'rating_kiosk',
        entityId: row.id,
        communeId,
        after: { name: input.name, counterId: input.counterId ?? null },
      },
    };
  });
}

/** Revokes a tablet: its key no longer counts as a registered kiosk (within a minute everywhere). */
export async function revokeKiosk(ctx: RequestContext, id: string) {
  const row = await ctx.db
    .selectFrom('rating_kiosks')
    .select(['commune_id', 'name', 'revoked_at', 'key_hash'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound('Máy đánh giá');
  try {
    await managedCommune(ctx, row.commune_id);
  } catch (error) {
    // another commune's tablet does not exist for this user
    if ((error as { status?: number }).status === 404) throw notFound('Máy đánh giá');
    throw error;
  }
  if (row.revoked_at) throw conflict('Máy đánh giá này đã bị thu hồi.');
  await audited(ctx, async (trx) => {
    await trx
      .updateTable('rating_kiosks')
      .set({ revoked_at: new Date(), revoked_by: ctx.actor!.userId })
      .where('commune_id', '=', row.commune_id)
      .where('id', '=', id)
      .execute();
    return {
      result: null,
      audit: {
        action: 'rating_kiosks.revoke',
        entityType: 'rating_kiosk',
        entityId: id,
        communeId: row.commune_id,
        before: { name: row.name, revoked: false },
        after: { revoked: true },
      },
    };
  });
  cache.delete(row.key_hash);
  return { id };
}
