import { maskPersonalData, normalizeTrackingCode } from '@cqtt/domain';
import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { AppError, fromDatabaseError } from '../http/errors.ts';
import { consumeRateLimit } from '../http/rate-limit.ts';
import { findPublicCommune } from '../public/routes.ts';
import { activeCategories } from './categories.ts';
import { LOOKUP_LIMIT } from './public-view.ts';
import { limitFeedbackPosts, SubmitBody, submitFeedback } from './submit.ts';

/**
 * Open311 GeoReport v2 (https://wiki.open311.org/GeoReport_v2), JSON format, so
 * existing civic apps can talk to cqtt. The jurisdiction is the commune:
 * jurisdiction_id = its code (HP-BINHGIANG), required on every call since one
 * deployment serves many communes. Services are the commune's categories.
 *
 * The feed lists only what the staff published (an answer approved and published)
 * and the sender allowed to publish, its texts masked by the citizens' page rule
 * (maskPersonalData). Its service_request_id is the item's public id, never the
 * tracking code: the code is the sender's secret (it rates the answer), answered
 * once by POST and looked up by its sender only (GET requests/{code}.json, under the
 * lookup limit). POST asks for consent to publish like the web form does: the
 * attribute allow_publish (services/{code}.json), "false" when not given. Errors
 * follow the spec: an array of {code, description} with the HTTP status.
 */
class Open311Error extends Error {
  constructor(
    readonly status: number,
    description: string,
  ) {
    super(description);
  }
}

function fail(reply: FastifyReply, status: number, description: string) {
  return reply.code(status).send([{ code: status, description }]);
}

const one = (v: unknown): string | undefined =>
  typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : undefined;

async function jurisdiction(db: Kysely<DB>, query: Record<string, unknown>) {
  const id = one(query.jurisdiction_id)?.trim();
  if (!id) throw new Open311Error(400, 'Thiếu jurisdiction_id (mã xã, phường, đặc khu, ví dụ HP-BINHGIANG).');
  if (!/^[A-Za-z0-9_-]{1,40}$/.test(id)) throw new Open311Error(400, 'jurisdiction_id không hợp lệ.');
  try {
    return await findPublicCommune(db, id);
  } catch {
    throw new Open311Error(404, `Không có xã, phường, đặc khu với jurisdiction_id «${id}».`);
  }
}

/** open (still being handled) or closed (answered, refused or merged), as the spec knows only these two. */
const openOrClosed = (status: string) =>
  ['received', 'accepted', 'assigned', 'drafted', 'approved'].includes(status) ? 'open' : 'closed';

/** What the staff published: an answer approved and published (and maybe rated since). */
const PUBLISHED = ['published', 'rated'];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function requests(db: Kysely<DB>, communeId: string) {
  return db
    .selectFrom('feedback_items as i')
    .innerJoin('feedback_categories as c', (j) =>
      j.onRef('c.commune_id', '=', 'i.commune_id').onRef('c.id', '=', 'i.category_id'),
    )
    .leftJoin('units as u', (j) =>
      j.onRef('u.commune_id', '=', 'i.commune_id').onRef('u.id', '=', 'i.unit_id'),
    )
    .select([
      'i.id',
      'i.status',
      'i.content',
      'i.answer',
      'i.address',
      'i.lat',
      'i.lng',
      'i.name',
      'i.phone',
      'i.email',
      'i.deadline',
      'i.created_at',
      'i.updated_at',
      'c.code as service_code',
      'c.name as service_name',
      'u.name as unit_name',
    ])
    .where('i.commune_id', '=', communeId)
    .where('i.kind', '=', 'feedback');
}

/** The public feed: published by the staff and allowed by the sender. */
function publishedRequests(db: Kysely<DB>, communeId: string) {
  return requests(db, communeId).where('i.allow_publish', '=', true).where('i.status', 'in', PUBLISHED);
}

type RequestRow = Awaited<ReturnType<ReturnType<typeof requests>['execute']>>[number];

function toRequest(r: RequestRow, communeName: string, id: string) {
  const person = { name: r.name, phone: r.phone, email: r.email };
  const published = PUBLISHED.includes(r.status);
  return {
    service_request_id: id,
    status: openOrClosed(r.status),
    status_notes: published
      ? maskPersonalData(r.answer, person)
      : r.status === 'merged'
        ? 'Đã gộp với phản ánh trùng nội dung.'
        : '',
    service_name: r.service_name,
    service_code: r.service_code,
    description: maskPersonalData(r.content, person),
    agency_responsible: r.unit_name ?? communeName,
    service_notice: '',
    requested_datetime: new Date(r.created_at).toISOString(),
    updated_datetime: new Date(r.updated_at).toISOString(),
    expected_datetime: `${r.deadline}T17:00:00+07:00`,
    address: maskPersonalData(r.address, person),
    address_id: '',
    zipcode: '',
    lat: r.lat === null ? null : Number(r.lat),
    long: r.lng === null ? null : Number(r.lng),
    media_url: '',
  };
}

/** The consent to publish, as the attribute allow_publish carries it (like the web form's box). */
const CONSENT_ATTRIBUTE = {
  variable: true,
  code: 'allow_publish',
  datatype: 'singlevaluelist',
  required: false,
  datatype_description: 'Gửi attribute[allow_publish]=true nếu người gửi đồng ý; không gửi là không đồng ý.',
  order: 1,
  description:
    'Đồng ý công khai nội dung phản ánh và câu trả lời trên trang của xã (ẩn họ tên, số điện thoại, thư điện tử).',
  values: [
    { key: 'true', name: 'Đồng ý công khai' },
    { key: 'false', name: 'Không đồng ý' },
  ],
};

function consentOf(body: Record<string, unknown>): boolean {
  const raw = one(body['attribute[allow_publish]']);
  if (raw === undefined || raw === '') return false;
  if (raw === 'true') return true;
  if (raw === 'false') return false;
  throw new Open311Error(400, 'attribute[allow_publish] chỉ nhận true hoặc false.');
}

const DATE = /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/;
function dateParam(query: Record<string, unknown>, key: string): Date | undefined {
  const v = one(query[key]);
  if (v === undefined || v === '') return undefined;
  const d = new Date(v);
  if (!DATE.test(v) || Number.isNaN(d.getTime()))
    throw new Open311Error(400, `${key} phải theo ISO 8601, ví dụ 2026-11-01T00:00:00Z.`);
  return d;
}

/** Registers the GeoReport v2 endpoints in their own context (form bodies, spec error format). */
export async function open311Routes(app: FastifyInstance) {
  await app.register(async (scope) => {
    scope.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string', bodyLimit: 64 * 1024 },
      (_req, body, done) => {
        const params = new URLSearchParams(String(body));
        const out: Record<string, string> = {};
        for (const [k, v] of params) if (!(k in out)) out[k] = v;
        done(null, out);
      },
    );

    scope.setErrorHandler((error: FastifyError, req, reply) => {
      if (error instanceof Open311Error) return fail(reply, error.status, error.message);
      const known = error instanceof AppError ? error : fromDatabaseError(error);
      if (known) return fail(reply, known.status, known.message);
      if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE')
        return fail(reply, 415, 'Hãy gửi dữ liệu dạng application/x-www-form-urlencoded theo GeoReport v2.');
      if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return fail(reply, 413, 'Dữ liệu gửi lên quá lớn.');
      const status = error.statusCode ?? 500;
      if (status >= 400 && status < 500) return fail(reply, status, 'Yêu cầu không hợp lệ.');
      req.log.error({ err: error }, 'unexpected error (open311)');
      return fail(reply, 500, `Đã có lỗi ngoài dự kiến; mã yêu cầu ${req.id}.`);
    });

    scope.get('/open311/v2/services.json', async (req) => {
      const commune = await jurisdiction(req.ctx.db, req.query as Record<string, unknown>);
      const categories = await activeCategories(req.ctx.db, commune.id);
      return categories.map((c) => ({
        service_code: c.code,
        service_name: c.name,
        description: `${c.description}${c.description ? '. ' : ''}Thời hạn trả lời: ${c.deadlineDays} ngày làm việc.`,
        // the consent to publish is asked as an attribute (services/{code}.json)
        metadata: true,
        type: 'realtime',
        keywords: '',
        group: 'Phản ánh, kiến nghị',
      }));
    });

    scope.get('/open311/v2/services/:code.json', async (req) => {
      const commune = await jurisdiction(req.ctx.db, req.query as Record<string, unknown>);
      const code = (req.params as { code: string }).code ?? '';
      const category = (await activeCategories(req.ctx.db, commune.id)).find((c) => c.code === code);
      if (!category)
        throw new Open311Error(404, `service_code «${code.slice(0, 40)}» không có ở ${commune.name}.`);
      return { service_code: category.code, attributes: [CONSENT_ATTRIBUTE] };
    });

    scope.post('/open311/v2/requests.json', async (req, reply) => {
      if (!String(req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded'))
        throw new Open311Error(400, 'GeoReport v2: hãy gửi dữ liệu dạng application/x-www-form-urlencoded.');
      const body = (req.body ?? {}) as Record<string, unknown>;
      if (typeof req.body !== 'object' || req.body === null)
        throw new Open311Error(400, 'Thiếu dữ liệu yêu cầu (application/x-www-form-urlencoded).');
      const commune = await jurisdiction(req.ctx.db, body);
      const serviceCode = one(body.service_code)?.trim();
      if (!serviceCode) throw new Open311Error(400, 'Thiếu service_code (mã lĩnh vực, xem services.json).');
      const allowPublish = consentOf(body);
      const lat = one(body.lat);
      const long = one(body.long);
      const address = (one(body.address_string) ?? '').trim();
      if (!(lat && long) && !address && !one(body.address_id))
        throw new Open311Error(400, 'Cần vị trí: lat và long, hoặc address_string.');
      if ((lat && Number.isNaN(Number(lat))) || (long && Number.isNaN(Number(long))))
        throw new Open311Error(400, 'lat và long phải là số (WGS84).');
      await limitFeedbackPosts(req.ctx);
      const name = [one(body.first_name), one(body.last_name)]
        .map((s) => s?.trim())
        .filter(Boolean)
        .join(' ');
      const parsed = SubmitBody.safeParse({
        communeCode: commune.code,
        categoryCode: serviceCode,
        content: one(body.description) ?? '',
        ...(name ? { name } : {}),
        ...(one(body.phone)?.trim() ? { phone: one(body.phone) } : {}),
        ...(one(body.email)?.trim() ? { email: one(body.email) } : {}),
        ...(address ? { address } : {}),
        ...(lat && long ? { lat: Number(lat), lng: Number(long) } : {}),
        // published only if the sender says so, as on the web form; the contact never is
        allowPublish,
      });
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        const field =
          { content: 'description', categoryCode: 'service_code', lng: 'long', name: 'first_name' }[
            String(issue.path[0])
          ] ?? String(issue.path[0] ?? '');
        throw new Open311Error(400, `${field}: ${issue.message}`);
      }
      let created: { trackingCode: string };
      try {
        created = await submitFeedback(req.ctx, parsed.data, [], 'open311');
      } catch (error) {
        if (error instanceof AppError && error.status === 400 && /Lĩnh vực/.test(error.message))
          throw new Open311Error(400, `service_code «${serviceCode}» không có ở ${commune.name}.`);
        throw error;
      }
      return reply.code(200).send([
        {
          // the sender's secret: it follows and rates the answer; no list ever shows it
          service_request_id: created.trackingCode,
          service_notice: `Đã tiếp nhận. Theo dõi bằng mã ${created.trackingCode} tại trang của ${commune.name}; giữ kín mã này.${
            allowPublish ? ' Câu trả lời sẽ được công khai (ẩn thông tin cá nhân).' : ''
          }`,
          account_id: null,
        },
      ]);
    });

    scope.get('/open311/v2/requests/:id.json', async (req) => {
      const query = req.query as Record<string, unknown>;
      const commune = await jurisdiction(req.ctx.db, query);
      const id = (req.params as { id: string }).id ?? '';
      if (UUID.test(id)) {
        // a published request, by the public id the feed shows
        const row = await publishedRequests(req.ctx.db, commune.id).where('i.id', '=', id).executeTakeFirst();
        if (!row) throw new Open311Error(404, 'Không có yêu cầu công khai với mã này.');
        return [toRequest(row, commune.name, row.id)];
      }
      // its sender following it by the tracking code: under the same limit as the web page
      await consumeRateLimit(req.ctx.db, LOOKUP_LIMIT, req.ctx.ip);
      const code = normalizeTrackingCode(id);
      const row = code
        ? await requests(req.ctx.db, commune.id).where('i.tracking_code', '=', code).executeTakeFirst()
        : undefined;
      if (!row || !code) throw new Open311Error(404, 'Không có yêu cầu với mã này.');
      return [toRequest(row, commune.name, code)];
    });

    scope.get('/open311/v2/requests.json', async (req) => {
      const query = req.query as Record<string, unknown>;
      const commune = await jurisdiction(req.ctx.db, query);
      let q = publishedRequests(req.ctx.db, commune.id);
      const ids = one(query.service_request_id);
      if (ids) {
        // public ids only: a tracking code names nothing in the feed
        const wanted = ids
          .split(',')
          .map((s) => s.trim())
          .filter((s) => UUID.test(s))
          .slice(0, 100);
        if (wanted.length === 0) return [];
        q = q.where('i.id', 'in', wanted);
      } else {
        const codes = one(query.service_code)
          ?.split(',')
          .map((s) => s.trim())
          .filter(Boolean);
        if (codes?.length) q = q.where('c.code', 'in', codes.slice(0, 50));
        const status = one(query.status)
          ?.split(',')
          .map((s) => s.trim());
        if (status?.length) {
          if (status.some((s) => s !== 'open' && s !== 'closed'))
            throw new Open311Error(400, 'status chỉ nhận open hoặc closed.');
          if (!status.includes('open'))
            q = q.where('i.status', 'not in', ['received', 'accepted', 'assigned', 'drafted', 'approved']);
          if (!status.includes('closed'))
            q = q.where('i.status', 'in', ['received', 'accepted', 'assigned', 'drafted', 'approved']);
        }
        const end = dateParam(query, 'end_date') ?? new Date();
        const start = dateParam(query, 'start_date') ?? new Date(end.getTime() - 90 * 86_400_000);
        if (start > end) throw new Open311Error(400, 'start_date phải trước end_date.');
        if (end.getTime() - start.getTime() > 90 * 86_400_000)
          throw new Open311Error(400, 'Khoảng start_date - end_date tối đa 90 ngày.');
        q = q.where('i.created_at', '>=', start).where('i.created_at', '<=', end);
      }
      const rows = await q.orderBy('i.created_at', 'desc').limit(1000).execute();
      return rows.map((r) => toRequest(r, commune.name, r.id));
    });
  });
}
