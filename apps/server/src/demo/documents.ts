/**
 * The demo's register of issued documents: Bình Giang's level registration letter (10/02/2026),
 * its tờ trình asking the city to fund a line (25/02/2026), its plan (15/04/2026) and its self-assessment report, frozen when it was sent to the city
 * (05/11/2026). They are issued through the documents capability (documents/service.ts), each
 * DOCX stored once through the FileStore, so the demo holds what a commune would.
 */
import type { Kysely } from 'kysely';
import { loadConfig } from '../config.ts';
import type { DB } from '../db/schema.ts';
import { handlerOf } from '../documents/kinds.ts';
import { insertDraft, issuing } from '../documents/service.ts';
import type { FileStore } from '../files/store.ts';
import type { Actor, RequestContext } from '../http/route.ts';

export async function seedDemoDocuments(db: Kysely<DB>, files: FileStore): Promise<void> {
  const coordinator = await db
    .selectFrom('users')
    .selectAll()
    .where('username', '=', 'vhxh.binhgiang')
    .executeTakeFirstOrThrow();
  const actor: Actor = {
    userId: coordinator.id,
    username: coordinator.username,
    fullName: coordinator.full_name,
    roles: coordinator.roles as Actor['roles'],
    cityId: coordinator.city_id,
    communeId: coordinator.commune_id,
    unitId: coordinator.unit_id,
    via: 'session',
  };
  const config = { ...loadConfig({ NODE_ENV: 'test' }), files };
  const ctx: RequestContext = { db, config, actor, requestId: 'seed-demo', ip: 'local', userAgent: '' };
  const communeId = coordinator.commune_id!;
  const signer = { name: 'Vũ Đăng Chương', title: 'Chủ tịch' };
  const steps = [
    { kind: 'registration-letter', date: '2026-02-10' },
    // the tờ trình asking the city to fund its line (task 8); the city approved it on 12/03
    { kind: 'budget-proposal', date: '2026-02-25' },
    { kind: 'plan', date: '2026-04-15' },
    { kind: 'self-assessment-report', date: '2026-11-05' },
  ] as const;
  for (const step of steps) {
    const handler = handlerOf(step.kind);
    const prepared = await handler.prepare(ctx, communeId, { year: 2026 });
    if (step.kind === 'self-assessment-report') {
      prepared.sections = {
        results:
          'Các nhiệm vụ trọng tâm của Kế hoạch được triển khai đúng tiến độ; Trung tâm Phục vụ hành chính công giải quyết hồ sơ đúng hạn trên 97%; các thôn đều có hoạt động tuyên truyền về mô hình.',
        shortcomings:
          'Tỷ lệ hồ sơ trực tuyến toàn trình còn thấp; một số thôn chưa duy trì bảng tin mô hình thường xuyên.',
        proposals:
          'Ủy ban nhân dân xã kính đề nghị Sở Nội vụ thẩm định, trình Ủy ban nhân dân thành phố công nhận xã Bình Giang đạt chuẩn “Chính quyền thân thiện” mức độ 3 năm 2026.',
      };
    }
    if (step.kind === 'budget-proposal') {
      prepared.sections = {
        reason:
          'Trang thiết bị của Trung tâm Phục vụ hành chính công (ghế chờ, máy lấy số thứ tự) đã xuống cấp, chưa đáp ứng yêu cầu phục vụ người dân theo mô hình “Chính quyền thân thiện”; ngân sách xã năm 2026 không đủ để bố trí.',
      };
    }
    const draft = await insertDraft(db, actor, communeId, { kind: step.kind, year: 2026 }, prepared);
    const data = await handler.data(ctx, draft);
    await issuing(
      ctx,
      { communeId, docId: draft.id },
      signer,
      data,
      (claim) => db.transaction().execute((trx) => claim(trx)),
      step.date,
    );
    if (step.kind === 'budget-proposal' && draft.record_id) {
      // the line the city approved on 12/03 was asked for by this tờ trình
      await db
        .updateTable('budget_lines')
        .set({ proposal_document_id: draft.id })
        .where('commune_id', '=', communeId)
        .where('estimate_id', '=', draft.record_id)
        .where('source', '=', 'city')
        .execute();
    }
  }
}
