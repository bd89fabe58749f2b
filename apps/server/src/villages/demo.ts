import { vietnamDate } from '@cqtt/domain';
import type { Kysely } from 'kysely';
import { type DemoCommunes, demoUserId } from '../capability.ts';
import type { DB } from '../db/schema.ts';
import { queueDifficulty } from '../feedback/difficulties.ts';

const ALL = ['democracy', 'outreach', 'feedback', 'conduct', 'procedures'];

/**
 * thon1.binhgiang heads Thôn Ngọc Quán; 2025 reviewed results for every village, 2026 partly
 * entered; Thôn Ngọc Quán reported a difficulty on task 2 three days ago (the villages' cultural movement), waiting
 * for its answer in the queue, so the demo shows villages reporting like units.
 */
export async function seedVillageDemo(db: Kysely<DB>, communes: DemoCommunes): Promise<void> {
  const bg = communes.binhgiang!;
  const villages = await db
    .selectFrom('villages')
    .select(['id', 'name', 'households'])
    .where('commune_id', '=', bg.id)
    .orderBy('name')
    .execute();
  const id = (name: string) => villages.find((v) => v.name === name)!.id;
  const head = await demoUserId(db, 'thon1.binhgiang');
  const coordinator = await demoUserId(db, 'vhxh.binhgiang');
  await db
    .insertInto('village_heads')
    .values({ commune_id: bg.id, user_id: head, village_id: id('Thôn Ngọc Quán') })
    .execute();
  const results2025: Record<string, [number, string[], boolean]> = {
    'Thôn Ngọc Quán': [0.9, ALL, true],
    'Thôn Tráng Liệt': [0.86, ALL, true],
    'Thôn Kẻ Sặt': [0.83, ALL, true],
    'Thôn Hoàng Xá': [0.78, ['democracy', 'outreach', 'conduct'], false],
    'Thôn Lương Ngọc': [0.81, ALL.slice(0, 4), false],
    'Thôn Cậy': [0.88, ALL, true],
  };
  for (const v of villages) {
    const [share, items, achieved] = results2025[v.name]!;
    const households = v.households ?? 300;
    await db
      .insertInto('village_assessments')
      .values({
        commune_id: bg.id,
        village_id: v.id,
        year: 2025,
        households,
        cultural_families: Math.floor(households * share),
        model_items: items,
        propose_title: share >= 0.8,
        status: 'reviewed',
        title_achieved: achieved,
        review_note: achieved
          ? 'Đạt danh hiệu Thôn văn hóa'
          : 'Chưa đạt: còn tiêu chí của mô hình chưa thực hiện',
        reviewed_by: coordinator,
        reviewed_at: new Date('2025-12-10T03:00:00Z'),
        created_by: coordinator,
        updated_at: new Date(),
      })
      .execute();
  }
  await db
    .insertInto('village_assessments')
    .values({
      commune_id: bg.id,
      village_id: id('Thôn Tráng Liệt'),
      year: 2026,
      households: 385,
      cultural_families: 340,
      model_items: ALL,
      propose_title: true,
      status: 'submitted',
      note: 'Thôn duy trì bảng tin mô hình, loa phát thanh 3 buổi/tuần',
      created_by: coordinator,
      updated_at: new Date(),
    })
    .execute();
  await seedVillageDifficulty(db, bg.id, id('Thôn Ngọc Quán'), head);
}

/** Thôn Ngọc Quán's difficulty of this year, reported by its head as the console would record it. */
async function seedVillageDifficulty(db: Kysely<DB>, communeId: string, villageId: string, head: string) {
  const task = await db
    .selectFrom('plan_tasks')
    .select('id')
    .where('commune_id', '=', communeId)
    .where('number', '=', 2)
    .executeTakeFirst();
  if (!task) return;
  // three days ago: waiting, not yet overdue, in the year of the demo's today
  const at = new Date(Date.now() - 3 * 86_400_000);
  const year = Number(vietnamDate(at).slice(0, 4));
  const content =
    'Nhà văn hóa thôn Ngọc Quán xuống cấp: mái tôn bị dột, hệ thống loa truyền thanh hỏng từ tháng 9, thiếu bàn ghế cho các buổi sinh hoạt. ' +
    'Thôn chưa tổ chức được hội nghị tuyên truyền về mô hình “Chính quyền thân thiện” và khó tổ chức bình xét danh hiệu gia đình văn hóa cuối năm. ' +
    'Đề nghị Ủy ban nhân dân xã xem xét hỗ trợ kinh phí sửa chữa mái và thay loa trước khi thôn tổ chức bình xét cuối năm.';
  const d = await db
    .insertInto('difficulties')
    .values({
      commune_id: communeId,
      task_id: task.id,
      year,
      unit_id: null,
      village_id: villageId,
      author_id: head,
      content,
      answer: null,
      answered_by: null,
      answered_at: null,
      created_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await queueDifficulty(db, {
    communeId,
    difficultyId: d.id,
    unitId: null,
    villageId,
    content,
    actorId: head,
    at,
  });
}
