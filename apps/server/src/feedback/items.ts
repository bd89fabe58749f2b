import {
  answeredOnTime,
  FEEDBACK_STATUS_LABELS,
  type FeedbackAction,
  type FeedbackStatus,
  foldVietnamese,
  isOverdue,
  nextStatus,
  vietnamDate,
  workingDaysBetween,
} from '@cqtt/domain';
import { type Kysely, sql } from 'kysely';
import { containsPattern, foldSql } from '../db/fold.ts';
import type { DB } from '../db/schema.ts';
import { AppError, notFound } from '../http/errors.ts';
import type { Actor, RequestContext } from '../http/route.ts';
import { resolveCommuneId, visibleCommuneIds } from '../org/scope.ts';
import { seesItem, seesPersonalData, seesWholeQueue } from './access.ts';
import { holidaysOf } from './calendar.ts';

/** Statuses still waiting for the commune's answer. */
export const OPEN_STATUSES: FeedbackStatus[] = ['received', 'accepted', 'assigned', 'drafted', 'approved'];

export const ITEM_COLUMNS = [
  'i.commune_id',
  'i.id',
  'i.kind',
  'i.tracking_code',
  'i.source',
  'i.category_id',
  'c.code as category_code',
  'c.name as category_name',
  'i.content',
  'i.address',
  'i.lat',
  'i.lng',
  'i.name',
  'i.phone',
  'i.email',
  'i.allow_publish',
  'i.status',
  'i.received_on',
  'i.deadline',
  'i.unit_id',
  'u.name as unit_name',
  'i.village_id',
  'v.name as village_name',
  'i.merged_into_id',
  'i.decision_note',
  'i.answer',
  'i.answered_on',
  'i.rating',
  'i.rated_at',
  'i.difficulty_id',
  'i.created_at',
] as const;

export function itemsQuery(db: Kysely<DB>) {
  return db
    .selectFrom('feedback_items as i')
    .leftJoin('feedback_categories as c', (j) =>
      j.onRef('c.commune_id', '=', 'i.commune_id').onRef('c.id', '=', 'i.category_id'),
    )
    .leftJoin('units as u', (j) =>
      j.onRef('u.commune_id', '=', 'i.commune_id').onRef('u.id', '=', 'i.unit_id'),
    )
    .leftJoin('villages as v', (j) =>
      j.onRef('v.commune_id', '=', 'i.commune_id').onRef('v.id', '=', 'i.village_id'),
    );
}

export type ItemRow = Awaited<ReturnType<ReturnType<typeof selectItems>['executeTakeFirstOrThrow']>>;
function selectItems(db: Kysely<DB>) {
  return itemsQuery(db).select(ITEM_COLUMNS);
}

/** Who may take which action on an item (the status machine says whether it may be taken now). */
export function actorMay(
  actor: Actor,
  item: Pick<ItemRow, 'kind' | 'unit_id' | 'commune_id'>,
  action: FeedbackAction,
) {
  if (actor.communeId !== item.commune_id) return false;
  if (item.kind === 'difficulty') return false; // answered through the plans' difficulty answer
  const roles = actor.roles as string[];
  switch (action) {
    case 'accept':
    case 'reject':
    case 'merge':
    case 'route_out':
    case 'assign':
      return roles.includes('coordinator') || roles.includes('admin');
    case 'draft':
      return (
        roles.includes('coordinator') ||
        (roles.includes('focal') && !!actor.unitId && actor.unitId === item.unit_id)
      );
    case 'return':
    case 'approve':
      return roles.includes('leader');
    case 'publish':
      return roles.includes('leader') || roles.includes('coordinator');
    case 'rate':
      return false;
  }
}

export function actionsFor(actor: Actor, item: ItemRow): FeedbackAction[] {
  const status = item.status as FeedbackStatus;
  const all: FeedbackAction[] = [
    'accept',
    'reject',
    'merge',
    'route_out',
    'assign',
    'draft',
    'return',
    'approve',
    'publish',
  ];
  return all.filter((a) => nextStatus(status, a) !== null && actorMay(actor, item, a));
}

const num = (v: string | number | null) => (v === null ? null : Number(v));

export function listView(actor: Actor, r: ItemRow, today: string, holidays: Set<string>) {
  const personal = seesPersonalData(actor, r);
  const status = r.status as FeedbackStatus;
  return {
    id: r.id,
    kind: r.kind,
    trackingCode: r.tracking_code,
    source: r.source,
    category: r.category_id
      ? { id: r.category_id, code: r.category_code ?? '', name: r.category_name ?? '' }
      : null,
    content: r.content,
    address: r.address,
    lat: num(r.lat),
    lng: num(r.lng),
    contact: personal ? { name: r.name, phone: r.phone, email: r.email } : null,
    allowPublish: r.allow_publish,
    status,
    statusLabel: FEEDBACK_STATUS_LABELS[status],
    receivedOn: r.received_on,
    deadline: r.deadline,
    overdue: isOverdue(status, r.deadline, today),
    workingDaysLeft: OPEN_STATUSES.includes(status) ? workingDaysBetween(today, r.deadline, holidays) : null,
    onTime: r.answered_on ? answeredOnTime(r.answered_on, r.deadline) : null,
    unit: r.unit_id ? { id: r.unit_id, name: r.unit_name ?? '' } : null,
    /** The village whose head reported a difficulty. */
    village: r.village_id ? { id: r.village_id, name: r.village_name ?? '' } : null,
    answer: r.answer,
    answeredOn: r.answered_on,
    rating: r.rating,
    difficultyId: r.difficulty_id,
    createdAt: new Date(r.created_at).toISOString(),
  };
}
export type ItemListView = ReturnType<typeof listView>;

export interface QueueFilter {
  communeId?: string;
  kind?: 'feedback' | 'difficulty';
  status?: FeedbackStatus | 'open' | 'overdue';
  categoryId?: string;
  unitId?: string;
  q?: string;
  page: number;
  pageSize: number;
}

export async function listQueue(ctx: RequestContext, filter: QueueFilter) {
  const actor = ctx.actor!;
  const communeId = await resolveCommuneId(ctx.db, actor, filter.communeId);
  const today = vietnamDate(new Date());
  let q = itemsQuery(ctx.db).where('i.commune_id', '=', communeId);
  if (!seesWholeQueue(actor)) {
    if (!actor.unitId) return { items: [], total: 0, page: filter.page, pageSize: filter.pageSize };
    q = q.where('i.unit_id', '=', actor.unitId);
  }
  if (filter.kind) q = q.where('i.kind', '=', filter.kind);
  if (filter.status === 'open') q = q.where('i.status', 'in', OPEN_STATUSES);
  else if (filter.status === 'overdue')
    q = q.where('i.status', 'in', OPEN_STATUSES).where('i.deadline', '<', today);
  else if (filter.status) q = q.where('i.status', '=', filter.status);
  if (filter.categoryId) q = q.where('i.category_id', '=', filter.categoryId);
  if (filter.unitId) q = q.where('i.unit_id', '=', filter.unitId);
  const needle = filter.q ? foldVietnamese(filter.q.trim()) : '';
  if (needle) {
    const pattern = containsPattern(needle);
    const personal =
      seesWholeQueue(actor) &&
      !actor.roles.includes('supervisor') &&
      !actor.roles.includes('party') &&
      !actor.roles.includes('city');
    q = q.where((eb) =>
      eb.or([
        eb(foldSql(eb.ref('i.content')), 'like', pattern),
        eb(foldSql(eb.ref('i.address')), 'like', pattern),
        eb(foldSql(sql<string>`coalesce(i.tracking_code, '')`), 'like', pattern),
        eb(foldSql(sql<string>`coalesce(c.name, '')`), 'like', pattern),
        ...(personal
          ? [eb(foldSql(eb.ref('i.name')), 'like', pattern), eb(foldSql(eb.ref('i.phone')), 'like', pattern)]
          : []),
      ]),
    );
  }
  const total = Number(
    (await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n,
  );
  const rows = await q
    .select(ITEM_COLUMNS)
    // open items first, the nearest deadline first; then the latest answered
    .orderBy(
      sql`case when i.status in ('received','accepted','assigned','drafted','approved') then 0 else 1 end`,
    )
    .orderBy(
      sql`case when i.status in ('received','accepted','assigned','drafted','approved') then i.deadline end`,
    )
    .orderBy('i.created_at', 'desc')
    .limit(filter.pageSize)
    .offset((filter.page - 1) * filter.pageSize)
    .execute();
  const holidays = await holidaysOf(ctx.db, communeId);
  return {
    items: rows.map((r) => listView(actor, r as ItemRow, today, holidays)),
    total,
    page: filter.page,
    pageSize: filter.pageSize,
  };
}

/** The item an actor may see, or a 404 (another commune's, or another unit's). */
export async function findItem(ctx: RequestContext, id: string): Promise<ItemRow> {
  const actor = ctx.actor!;
  const row = await selectItems(ctx.db)
    .where('i.id', '=', id)
    .where('i.commune_id', 'in', visibleCommuneIds(ctx.db, actor))
    .executeTakeFirst();
  if (!row || !seesItem(actor, row)) throw notFound('Phản ánh, kiến nghị');
  return row as ItemRow;
}

export async function itemDetail(ctx: RequestContext, id: string) {
  const actor = ctx.actor!;
  const row = await findItem(ctx, id);
  const today = vietnamDate(new Date());
  const holidays = await holidaysOf(ctx.db, row.commune_id);
  const [events, files, merged, difficulty] = await Promise.all([
    ctx.db
      .selectFrom('feedback_events as e')
      .leftJoin('users as a', 'a.id', 'e.actor_id')
      .select(['e.action', 'e.status', 'e.note', 'e.at', 'a.id as actor_id', 'a.full_name'])
      .where('e.commune_id', '=', row.commune_id)
      .where('e.item_id', '=', row.id)
      .orderBy('e.at')
      .orderBy('e.id')
      .execute(),
    ctx.db
      .selectFrom('feedback_files as ff')
      .innerJoin('files as f', (j) =>
        j.onRef('f.commune_id', '=', 'ff.commune_id').onRef('f.id', '=', 'ff.file_id'),
      )
      .select(['f.id', 'f.name', 'f.size', 'f.mime'])
      .where('ff.commune_id', '=', row.commune_id)
      .where('ff.item_id', '=', row.id)
      .orderBy('f.created_at')
      .execute(),
    ctx.db
      .selectFrom('feedback_items')
      .select(['id', 'tracking_code', 'status'])
      .where('commune_id', '=', row.commune_id)
      .where((eb) =>
        eb.or([
          eb('merged_into_id', '=', row.id),
          ...(row.merged_into_id ? [eb('id', '=', row.merged_into_id)] : []),
        ]),
      )
      .execute(),
    row.difficulty_id
      ? ctx.db
          .selectFrom('difficulties as d')
          .innerJoin('plan_tasks as t', (j) =>
            j.onRef('t.commune_id', '=', 'd.commune_id').onRef('t.id', '=', 'd.task_id'),
          )
          .select(['d.task_id', 'd.year', 't.plan_id', 't.number', 't.content'])
          .where('d.commune_id', '=', row.commune_id)
          .where('d.id', '=', row.difficulty_id)
          .executeTakeFirst()
      : Promise.resolve(undefined),
  ]);
  const into = merged.find((m) => m.id === row.merged_into_id);
  return {
    ...listView(actor, row, today, holidays),
    decisionNote: row.decision_note,
    mergedInto: into ? { id: into.id, trackingCode: into.tracking_code } : null,
    duplicates: merged
      .filter((m) => m.id !== row.merged_into_id)
      .map((m) => ({ id: m.id, trackingCode: m.tracking_code })),
    task: difficulty
      ? {
          id: difficulty.task_id,
          planId: difficulty.plan_id,
          year: difficulty.year,
          number: difficulty.number,
          content: difficulty.content,
        }
      : null,
    // The sender's files go with the sender's contact: a photo or a scan names and shows the
    // person. Those who may not see the contact (MTTQ, the city) see how many there are.
    files: seesPersonalData(actor, row) ? files : [],
    filesWithheld: seesPersonalData(actor, row) ? 0 : files.length,
    history: events.map((e) => ({
      action: e.action,
      status: e.status as FeedbackStatus,
      note: e.note,
      at: new Date(e.at).toISOString(),
      actor: e.actor_id ? { id: e.actor_id, fullName: e.full_name ?? '' } : null,
    })),
    actions: actionsFor(actor, row),
  };
}

/** Writes one step of an item's history. */
export async function addEvent(
  trx: Kysely<DB>,
  e: {
    communeId: string;
    itemId: string;
    action: string;
    status: string;
    note?: string;
    actorId: string | null;
    at?: Date;
  },
) {
  await trx
    .insertInto('feedback_events')
    .values({
      commune_id: e.communeId,
      item_id: e.itemId,
      action: e.action,
      status: e.status,
      note: e.note ?? '',
      actor_id: e.actorId,
      ...(e.at ? { at: e.at } : {}),
    })
    .execute();
}

export const refused = (action: string, status: FeedbackStatus) =>
  new AppError(
    'conflict',
    409,
    `Không thể ${action} khi phản ánh đang ở trạng thái «${FEEDBACK_STATUS_LABELS[status]}».`,
  );
