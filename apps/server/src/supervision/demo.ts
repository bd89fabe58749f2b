import type { Kysely } from 'kysely';
import { type DemoCommunes, demoUserId } from '../capability.ts';
import type { DB } from '../db/schema.ts';

/**
 * Bình Giang 2026: MTTQ supervised the one-stop counter (answered by the commune), critiqued the
 * draft plan (answered), and Ban XDĐ checked the units' follow-up of difficulties (waiting).
 */
export async function seedSupervisionDemo(db: Kysely<DB>, communes: DemoCommunes): Promise<void> {
  const bg = communes.binhgiang!;
  const mttq = await demoUserId(db, 'mttq.binhgiang');
  const party = await demoUserId(db, 'bxdd.binhgiang');
  const coordinator = await demoUserId(db, 'vhxh.binhgiang');
  const leader = await demoUserId(db, 'chutich.binhgiang');
  await db
    .insertInto('supervision_entries')
    .values([
      {
        commune_id: bg.id,
        body: 'front',
        kind: 'critique',
        year: 2026,
        subject: 'Phản biện dự thảo Kế hoạch thực hiện mô hình “Chính quyền thân thiện” giai đoạn 2026-2030',
        held_on: '2026-04-02',
        unit_id: bg.units.VHXH!,
        findings:
          'Dự thảo bám sát Kế hoạch của thành phố; phần tổ chức thực hiện chưa nêu vai trò các thôn và các tổ chức chính trị - xã hội.',
        recommendations:
          'Bổ sung nhiệm vụ của các thôn, Hội Phụ nữ, Đoàn Thanh niên, Hội Nông dân, Hội Cựu chiến binh.',
        answer:
          'Đã tiếp thu, bổ sung mục V.7 và nhiệm vụ của các thôn trong Kế hoạch ban hành ngày 15/4/2026.',
        answered_on: '2026-04-14',
        answered_by: coordinator,
        created_by: mttq,
        updated_at: new Date('2026-04-14T03:00:00Z'),
      },
      {
        commune_id: bg.id,
        body: 'front',
        kind: 'supervision',
        year: 2026,
        subject: 'Giám sát việc tiếp đón, hướng dẫn người dân tại bộ phận một cửa',
        held_on: '2026-06-18',
        unit_id: bg.units.TTPVHCC!,
        findings:
          'Cán bộ đeo thẻ, niêm yết đủ thủ tục; 2 thủ tục chưa cập nhật mức phí mới; khu vực chờ thiếu quạt vào giờ cao điểm.',
        recommendations: 'Cập nhật niêm yết phí, lệ phí; bổ sung quạt tại khu vực chờ.',
        answer:
          'Trung tâm Phục vụ HCC đã cập nhật 2 thủ tục ngày 22/6 và lắp thêm 2 quạt treo tường ngày 25/6/2026.',
        answered_on: '2026-06-26',
        answered_by: leader,
        created_by: mttq,
        updated_at: new Date('2026-06-26T03:00:00Z'),
      },
      {
        commune_id: bg.id,
        body: 'party',
        kind: 'supervision',
        year: 2026,
        subject: 'Kiểm tra việc giải quyết vướng mắc các đơn vị báo cáo trong thực hiện Kế hoạch',
        held_on: '2026-11-20',
        unit_id: null,
        findings:
          'Các vướng mắc đều được trả lời; 1 vướng mắc về kinh phí pano tuyên truyền trả lời chậm 4 ngày.',
        recommendations: 'Phòng Văn hóa - Xã hội theo dõi thời hạn trả lời vướng mắc trên hệ thống.',
        created_by: party,
        updated_at: new Date('2026-11-20T03:00:00Z'),
      },
    ])
    .execute();
}
