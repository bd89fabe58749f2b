import { CompiledQuery, type Kysely, sql } from 'kysely';
import { preparedStatement } from '../db/prepared.ts';
import type { DB } from '../db/schema.ts';
import { isDatabaseUnavailable } from '../db/unavailable.ts';
import { lockSeal } from './results.ts';

/** One rating as it goes into the database, already checked for shape by the route. */
export interface RatingRow {
  communeId: string;
  clientId: string;
  counterId: string | null;
  officialId: string | null;
  procedureCode: string | null;
  dossierCode: string | null;
  score: number;
  conductDone: string[];
  conductBreaches: string[];
  comment: string;
  channel: 'qr' | 'kiosk' | 'web';
  createdAt: string;
  /** The day it counts on: the day it was given, or the day it arrived (decision 0029). */
  ratedOn: string;
  /** The day it was given, when before the day it arrived (sent late by an offline device). */
  givenOn: string | null;
  /** Why a rating given before it arrived counts on its arrival day, if it does. */
  countedOnArrival: 'closed' | 'too-old' | null;
  requestId: string;
  ip: string;
  /** the device id the page keeps (X-Cqtt-Device), when it sent one */
  deviceId: string | null;
  /** the registered counter tablet it came from, if any */
  kioskId: string | null;
  /** a dossier code that matched no dossier of the commune (the rating then has none) */
  claimedDossierCode: string | null;
}

export type RatingOutcome =
  | { kind: 'created'; id: string }
  /** the same clientId was stored before: the retry gets the first rating's id */
  | { kind: 'existing'; id: string }
  /** another rating holds this dossier code */
  | { kind: 'dossierTaken' }
  /** the commune holds no dossier with this code: nothing stored, the caller decides */
  | { kind: 'dossierUnknown' }
  /** the counter, official or procedure is not the commune's */
  | { kind: 'unknown'; field: 'counterId' | 'officialId' | 'procedureCode' };

/**
 * Ratings, the application's hottest write, go to the database in groups: every rating that
 * arrives while the previous group is being written goes into the next one, as one statement
 * and one commit (group commit). Under no load a group is one rating and nothing waits; on a
 * busy morning one round trip and one commit serve every citizen who tapped meanwhile.
 *
 * The statement checks the counter, official, procedure and dossier code against the commune
 * (a code counts only when the commune holds that dossier: imported or entered), takes the
 * procedure from the dossier when the citizen gave none, inserts the ratings with their audit
 * rows, and reports per rating: created, already there (same clientId), refused, or a dossier
 * code the commune does not hold (stored nothing: submit.ts treats it as a rating without a
 * code, under those limits). The unique indexes decide (one rating per clientId, one per
 * dossier code), also between processes.
 */
export class RatingWriter {
  private readonly queue: Array<{
    row: RatingRow;
    done: (o: RatingOutcome) => void;
    fail: (e: unknown) => void;
  }> = [];
  private writers = 0;

  constructor(
    private readonly db: Kysely<DB>,
    /** groups written at the same time (on PostgreSQL each on its own connection) */
    private readonly maxWriters = 2,
    private readonly maxGroup = 500,
  ) {}

  write(row: RatingRow): Promise<RatingOutcome> {
    return new Promise((done, fail) => {
      this.queue.push({ row, done, fail });
      if (this.writers < this.maxWriters) {
        this.writers++;
        // let the ratings read in the same turn of the event loop join the first group
        setImmediate(() => void this.drain());
      }
    });
  }

  private async drain() {
    try {
      while (this.queue.length) {
        const group = this.takeGroup();
        try {
          const outcomes = await this.store(group.map((p) => p.row));
          for (const [i, p] of group.entries()) p.done(outcomes[i]!);
        } catch (error) {
          // One bad rating must not fail its neighbours: write them one by one. When the
          // database is away (a failover), they would all fail the same way: answer them now.
          if (group.length === 1 || isDatabaseUnavailable(error)) for (const p of group) p.fail(error);
          else
            for (const p of group) {
              await this.store([p.row]).then(
                ([o]) => p.done(o!),
                (e: unknown) => p.fail(e),
              );
            }
        }
      }
    } finally {
      this.writers--;
    }
  }

  /** The next group; a second rating with a clientId already in it waits for the next group. */
  private takeGroup() {
    const group: typeof this.queue = [];
    const keys = new Set<string>();
    const rest: typeof this.queue = [];
    for (const p of this.queue) {
      const key = `${p.row.communeId}/${p.row.clientId}`;
      if (group.length < this.maxGroup && !keys.has(key)) {
        keys.add(key);
        group.push(p);
      } else rest.push(p);
    }
    this.queue.length = 0;
    this.queue.push(...rest);
    return group;
  }

  /**
   * A rating that counts on a day before today (given offline, sent late) is written alone, in a
   * transaction holding the commune's sealing lock: when its day is already folded into the day
   * and year tallies, they take it in the same transaction, so the figures the city reads
   * (rating_years) stay exact; a sealing running meanwhile waits for it. Such ratings are few.
   */
  async writeDated(row: RatingRow): Promise<RatingOutcome> {
    return this.db.transaction().execute(async (trx) => {
      const sealedThrough = await lockSeal(trx, row.communeId);
      const [outcome] = await this.store([row], trx);
      if (outcome!.kind === 'created' && row.ratedOn <= sealedThrough) {
        const withDossier = row.dossierCode !== null;
        await trx
          .insertInto('rating_days')
          .values({
            commune_id: row.communeId,
            rated_on: row.ratedOn,
            score: row.score,
            with_dossier: withDossier,
            n: 1,
          })
          .onConflict((oc) =>
            oc
              .columns(['commune_id', 'rated_on', 'score', 'with_dossier'])
              .doUpdateSet({ n: sql`rating_days.n + 1` }),
          )
          .execute();
        await trx
          .insertInto('rating_years')
          .values({
            commune_id: row.communeId,
            year: Number(row.ratedOn.slice(0, 4)),
            score: row.score,
            with_dossier: withDossier,
            n: 1,
          })
          .onConflict((oc) =>
            oc
              .columns(['commune_id', 'year', 'score', 'with_dossier'])
              .doUpdateSet({ n: sql`rating_years.n + 1` }),
          )
          .execute();
      }
      return outcome!;
    });
  }

  private async store(rows: RatingRow[], db: Kysely<DB> = this.db): Promise<RatingOutcome[]> {
    const json = JSON.stringify(rows.map((r, i) => ({ i, ...toColumns(r) })));
    const result = await db.executeQuery<{
      i: number;
      counter_ok: boolean;
      official_ok: boolean;
      procedure_ok: boolean;
      dossier_ok: boolean;
      created_id: string | null;
      existing_id: string | null;
    }>(CompiledQuery.raw(STATEMENT, [json]));
    const outcomes: RatingOutcome[] = new Array(rows.length);
    for (const r of result.rows) {
      outcomes[r.i] = !r.counter_ok
        ? { kind: 'unknown', field: 'counterId' }
        : !r.official_ok
          ? { kind: 'unknown', field: 'officialId' }
          : !r.procedure_ok
            ? { kind: 'unknown', field: 'procedureCode' }
            : r.created_id
              ? { kind: 'created', id: r.created_id }
              : r.existing_id
                ? { kind: 'existing', id: r.existing_id }
                : !r.dossier_ok
                  ? { kind: 'dossierUnknown' }
                  : { kind: 'dossierTaken' };
    }
    return outcomes;
  }
}

function toColumns(r: RatingRow) {
  return {
    commune_id: r.communeId,
    client_id: r.clientId,
    counter_id: r.counterId,
    official_id: r.officialId,
    procedure_code: r.procedureCode,
    dossier_code: r.dossierCode,
    score: r.score,
    conduct_done: r.conductDone,
    conduct_breaches: r.conductBreaches,
    comment: r.comment,
    channel: r.channel,
    created_at: r.createdAt,
    rated_on: r.ratedOn,
    given_on: r.givenOn,
    counted_on_arrival: r.countedOnArrival,
    request_id: r.requestId,
    ip: r.ip,
    device_id: r.deviceId,
    kiosk_id: r.kioskId,
    claimed_dossier_code: r.claimedDossierCode,
  };
}

// The main select reads the table as it was before the statement, so existing_id is only ever
// a rating stored earlier (a retry), never one this statement inserts.
const STATEMENT = preparedStatement(
  'ratings_write',
  `
with v as (
  select * from jsonb_to_recordset($1::jsonb) as t(
    i int, commune_id uuid, client_id uuid, counter_id uuid, official_id uuid, procedure_code text,
    dossier_code text, score smallint, conduct_done text[], conduct_breaches text[], comment text,
    channel text, created_at timestamptz, rated_on date, given_on date, counted_on_arrival text, request_id text, ip text, device_id text,
    kiosk_id uuid, claimed_dossier_code text)
),
c as (
  select v.*,
    (v.counter_id is null or exists (
      select 1 from service_counters s where s.commune_id = v.commune_id and s.id = v.counter_id)) as counter_ok,
    (v.official_id is null or exists (
      select 1 from service_officials o where o.commune_id = v.commune_id and o.id = v.official_id)) as official_ok,
    (select o.counter_id from service_officials o
      where o.commune_id = v.commune_id and o.id = v.official_id) as official_counter,
    (v.procedure_code is null or exists (
      select 1 from procedures p where p.commune_id = v.commune_id and p.code = v.procedure_code)) as procedure_ok,
    (v.dossier_code is null or d.found) as dossier_ok,
    d.procedure_code as dossier_procedure
  from v
  left join lateral (
    select true as found, nullif(d.procedure_code, '') as procedure_code from dossiers d
    where d.commune_id = v.commune_id and d.code = v.dossier_code
  ) d on true
),
r as (
  insert into ratings (commune_id, client_id, counter_id, official_id, procedure_code, dossier_code,
    score, conduct_done, conduct_breaches, comment, channel, created_at, rated_on, given_on,
    counted_on_arrival, source_ip, device_id, kiosk_id, claimed_dossier_code)
  select commune_id, client_id, coalesce(counter_id, official_counter), official_id,
    coalesce(procedure_code, dossier_procedure), dossier_code, score, conduct_done, conduct_breaches,
    comment, channel, created_at, rated_on, given_on, counted_on_arrival, ip, device_id, kiosk_id,
    claimed_dossier_code
  from c
  where counter_ok and official_ok and procedure_ok and dossier_ok
  order by i
  on conflict do nothing
  returning commune_id, client_id, id
),
a as (
  insert into audit_log (actor_name, commune_id, action, entity_type, entity_id, after, request_id, ip)
  select 'người dân', c.commune_id, 'ratings.create', 'rating', r.id::text,
    jsonb_build_object('score', c.score, 'channel', c.channel, 'dossierCode', c.dossier_code)
      || case when c.claimed_dossier_code is null then '{}'::jsonb
         else jsonb_build_object('claimedDossierCode', c.claimed_dossier_code) end,
    c.request_id, c.ip
  from r join c on c.commune_id = r.commune_id and c.client_id = r.client_id
  order by c.i
)
select c.i, c.counter_ok, c.official_ok, c.procedure_ok, c.dossier_ok, r.id as created_id,
  (select e.id from ratings e where e.commune_id = c.commune_id and e.client_id = c.client_id) as existing_id
from c
left join r on r.commune_id = c.commune_id and r.client_id = c.client_id
`,
);

const writers = new WeakMap<Kysely<DB>, RatingWriter>();

/** The one writer of a database (one per server process). */
export function ratingWriterOf(db: Kysely<DB>): RatingWriter {
  let w = writers.get(db);
  if (!w) {
    w = new RatingWriter(db);
    writers.set(db, w);
  }
  return w;
}
