import type { Kysely } from 'kysely';
import { type DemoCommunes, demoUserId } from '../capability.ts';
import type { DB } from '../db/schema.ts';

/**
 * 2025: two rewards decided; 2026: a collective rewarded on 01/12 (task 6 of the plan, "Tháng 12
 * hằng năm"), and a nomination with MTTQ's comment, waiting for the chairman.
 */
export async function seedRewardsDemo(db: Kysely<DB>, communes: DemoCommunes): Promise<void> {
  const bg = communes.binhgiang!;
  const coordinator = await demoUserId(db, 'vhxh.binhgiang');
  const mttq = await demoUserId(db, 'mttq.binhgiang');
  const leader = await demoUserId(db, 'chutich.binhgiang');
  const base = {
    commune_id: bg.id,
    nominated_by: coordinator,
    nominating_unit_id: bg.units.VHXH!,
    updated_at: new Date(),
  };
  await db
    .insertInto('rewards')
    .values([
      {
        ...base,
        year: 2025,
        nominee_kind: 'collective',
        nominee_name: 'Trung tâm Phục vụ hành chính công xã',
        unit_id: bg.units.TTPVHCC!,
        achievements: '100% hồ sơ giải quyết đúng hạn; mức độ hài lòng của người dân đạt 96%.',
        status: 'awarded',
        mttq_comment: 'Nhất trí đề nghị.',
        commented_by: mttq,
        commented_at: new Date('2025-12-05T02:00:00Z'),
        form: 'Giấy khen của Chủ tịch UBND xã',
        decision_number: '312/QĐ-UBND',
        decision_date: '2025-12-20',
        decided_by: leader,
        decided_at: new Date('2025-12-20T03:00:00Z'),
      },
      {
        ...base,
        year: 2025,
        nominee_kind: 'individual',
        nominee_name: 'Nguyễn Văn Hùng',
        nominee_position: 'Trưởng thôn Ngọc Quán',
        achievements:
          'Vận động 90% hộ gia đình đạt danh hiệu Gia đình văn hóa; duy trì bảng tin mô hình tại thôn.',
        status: 'awarded',
        form: 'Giấy khen của Chủ tịch UBND xã',
        decision_number: '312/QĐ-UBND',
        decision_date: '2025-12-20',
        decided_by: leader,
        decided_at: new Date('2025-12-20T03:00:00Z'),
      },
      {
        ...base,
        year: 2026,
        nominee_kind: 'collective',
        nominee_name: 'Văn phòng HĐND và UBND xã',
        unit_id: bg.units.VP!,
        achievements:
          'Trình ký, phát hành văn bản đúng hạn 100%; số hóa 2.000 hồ sơ lưu trữ; tổ chức chu đáo các hội nghị của mô hình.',
        status: 'awarded',
        mttq_comment: 'Nhất trí đề nghị.',
        commented_by: mttq,
        commented_at: new Date('2026-11-25T02:00:00Z'),
        form: 'Giấy khen của Chủ tịch UBND xã',
        decision_number: '285/QĐ-UBND',
        decision_date: '2026-12-01',
        decided_by: leader,
        decided_at: new Date('2026-12-01T03:00:00Z'),
      },
      {
        ...base,
        year: 2026,
        nominee_kind: 'individual',
        nominee_name: 'Phạm Văn Đức',
        nominee_position: 'Công chức Trung tâm Phục vụ hành chính công',
        unit_id: bg.units.TTPVHCC!,
        achievements:
          'Tiếp nhận hơn 1.200 hồ sơ, không hồ sơ trễ hạn; hướng dẫn người cao tuổi nộp hồ sơ trực tuyến.',
        mttq_comment: 'Nhất trí; đề nghị nêu gương trên đài truyền thanh xã.',
        commented_by: mttq,
        commented_at: new Date('2026-11-10T02:00:00Z'),
      },
    ])
    .execute();
}
