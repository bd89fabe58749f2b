import type { Kysely } from 'kysely';
import { type DemoCommunes, demoUserId } from '../capability.ts';
import type { DB } from '../db/schema.ts';

const LINES_2026 = [
  {
    content: 'Tổ chức hội nghị quán triệt, triển khai mô hình “Chính quyền thân thiện”',
    amount: 12_000_000,
    approved: 12_000_000,
    source: 'commune',
  },
  {
    content: 'In pano, khẩu hiệu “4 xin, 4 luôn, 5 không” tại trụ sở và các thôn',
    amount: 25_500_000,
    approved: 22_000_000,
    source: 'commune',
  },
  {
    content: 'Nâng cấp trang thiết bị Trung tâm Phục vụ hành chính công (ghế chờ, máy lấy số)',
    amount: 85_000_000,
    approved: 80_000_000,
    source: 'city',
  },
  {
    content: 'Khảo sát mức độ hài lòng của người dân (in phiếu, mã QR)',
    amount: 6_500_000,
    approved: 6_500_000,
    source: 'commune',
  },
  {
    content: 'Khen thưởng tập thể, cá nhân tiêu biểu',
    amount: 15_000_000,
    approved: 15_000_000,
    source: 'other',
  },
] as const;

/** Xã Bình Giang's 2026 estimate, approved with some spending; a draft in Hồng Bàng to prove isolation. */
export async function seedBudgetDemo(db: Kysely<DB>, communes: DemoCommunes): Promise<void> {
  const binhGiang = communes.binhgiang!;
  const drafter = await demoUserId(db, 'kinhte.binhgiang');
  const leader = await demoUserId(db, 'chutich.binhgiang');
  const city = await demoUserId(db, 'snv.haiphong');
  const estimate = await db
    .insertInto('budget_estimates')
    .values({
      commune_id: binhGiang.id,
      year: 2026,
      unit_id: binhGiang.units.KT!,
      title: 'Dự toán kinh phí thực hiện mô hình “Chính quyền thân thiện” năm 2026',
      status: 'approved',
      submitted_by: drafter,
      submitted_at: new Date('2026-01-20T02:00:00Z'),
      decided_by: leader,
      decided_at: new Date('2026-02-03T03:00:00Z'),
      decision_note: 'Đồng ý; dòng pano và thiết bị điều chỉnh theo báo giá.',
      created_by: drafter,
      updated_at: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const lines = await db
    .insertInto('budget_lines')
    .values(
      LINES_2026.map((l, i) => ({
        commune_id: binhGiang.id,
        estimate_id: estimate.id,
        number: i + 1,
        content: l.content,
        amount: l.amount,
        source: l.source,
        approved_amount: l.approved,
        // the city's line: asked for by the tờ trình (demo/documents.ts links it when it issues
        // one), approved by Sở Nội vụ on 12/03/2026, not by the commune's chairman
        ...(l.source === 'city'
          ? {
              city_status: 'approved' as const,
              city_decided_by: city,
              city_decided_at: new Date('2026-03-12T03:00:00Z'),
            }
          : {}),
        updated_at: new Date(),
      })),
    )
    .returning(['id', 'number'])
    .execute();
  const line = (n: number) => lines.find((l) => l.number === n)!.id;
  await db
    .insertInto('budget_spendings')
    .values([
      {
        commune_id: binhGiang.id,
        line_id: line(1),
        spent_on: '2026-03-12',
        amount: 9_850_000,
        content: 'Hội trường, tài liệu hội nghị quán triệt ngày 12/3',
        created_by: drafter,
      },
      {
        commune_id: binhGiang.id,
        line_id: line(2),
        spent_on: '2026-04-02',
        amount: 14_200_000,
        content: 'In 6 pano tại nhà văn hóa các thôn',
        created_by: drafter,
      },
      {
        commune_id: binhGiang.id,
        line_id: line(4),
        spent_on: '2026-05-20',
        amount: 1_250_000,
        content: 'In 500 phiếu khảo sát và tem mã QR',
        created_by: drafter,
      },
    ])
    .execute();
  await db
    .insertInto('budget_estimates')
    .values({
      commune_id: communes.hongbang!.id,
      year: 2026,
      unit_id: communes.hongbang!.units.KT!,
      title: 'Dự toán kinh phí năm 2026 của phường Hồng Bàng',
      updated_at: new Date(),
    })
    .execute();
}
