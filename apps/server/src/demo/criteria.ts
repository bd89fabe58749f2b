import { type CriteriaSetInput, maxTotal, registrationOnTime, validateCriteriaSet } from '@cqtt/domain';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { MEASURES } from '../measures/index.ts';

/**
 * The sample criteria set, clearly named as a sample: 100 points over the themes the
 * plan names. The real set is the city's (Quyết định 5049/QĐ-UBND) and is imported.
 */
export const SAMPLE_SET: CriteriaSetInput = {
  code: 'MAU-CQTT',
  name: 'Bộ tiêu chí mẫu “Chính quyền thân thiện” (dữ liệu mẫu, không phải bộ tiêu chí chính thức)',
  issuedBy: 'Dữ liệu mẫu của cqtt',
  decision: 'Mẫu — thay bằng bộ tiêu chí theo Quyết định 5049/QĐ-UBND khi thành phố nhập',
  effectiveFrom: '2026-01-01',
  groups: [
    {
      code: 'I',
      name: 'Lãnh đạo, chỉ đạo và thông tin, tuyên truyền',
      criteria: [
        {
          code: 'I.1',
          name: 'Ban hành kế hoạch và đăng ký mức độ đúng hạn',
          maxPoints: 8,
          passPoints: 6,
          responsibleUnit: 'VHXH',
          evidence: 'Kế hoạch năm; văn bản đăng ký mức độ gửi Sở Nội vụ',
          guidance: 'Đăng ký trước ngày 15/02: đủ điểm; sau hạn: 0 điểm.',
          indicators: [
            { code: 'I.1.1', name: 'Ban hành kế hoạch thực hiện mô hình của năm', maxPoints: 4 },
            {
              code: 'I.1.2',
              name: 'Đăng ký mức độ gửi thành phố trước ngày 15/02',
              maxPoints: 4,
              measure: 'criteria.registrationOnTime',
            },
          ],
        },
        {
          code: 'I.2',
          name: 'Thực hiện nhiệm vụ đúng tiến độ và tuyên truyền',
          maxPoints: 7,
          passPoints: 4,
          responsibleUnit: 'TTDVSNC',
          evidence: 'Báo cáo tiến độ; tin bài trên trang thông tin điện tử, loa truyền thanh',
          guidance: 'Điểm theo tỷ lệ nhiệm vụ hoàn thành đúng hạn.',
          indicators: [
            {
              code: 'I.2.1',
              name: 'Tỷ lệ nhiệm vụ của kế hoạch hoàn thành đúng hạn',
              maxPoints: 4,
              measure: 'plans.tasksOnTimeShare',
            },
            {
              code: 'I.2.2',
              name: 'Tỷ lệ thôn có hoạt động tuyên truyền về mô hình trong năm',
              maxPoints: 3,
              measure: 'outreach.villagesCovered',
            },
          ],
        },
      ],
    },
    {
      code: 'II',
      name: 'Thủ tục hành chính và Trung tâm Phục vụ hành chính công',
      criteria: [
        {
          code: 'II.1',
          name: 'Giải quyết thủ tục hành chính đúng hạn',
          maxPoints: 15,
          passPoints: 12,
          responsibleUnit: 'TTPVHCC',
          evidence: 'Số liệu trên hệ thống thông tin giải quyết TTHC',
          guidance: 'Tỷ lệ hồ sơ đúng hạn từ 98% trở lên: đủ điểm.',
          indicators: [
            {
              code: 'II.1.1',
              name: 'Tỷ lệ hồ sơ giải quyết đúng và trước hạn',
              maxPoints: 10,
              measure: 'satisfaction.dossiersOnTimeShare',
            },
            { code: 'II.1.2', name: 'Xin lỗi người dân khi hồ sơ trễ hạn', maxPoints: 5 },
          ],
        },
        {
          code: 'II.2',
          name: 'Cơ sở vật chất và dịch vụ công trực tuyến',
          maxPoints: 10,
          passPoints: 6,
          responsibleUnit: 'TTPVHCC',
          evidence: 'Ảnh khu vực tiếp đón; số liệu dịch vụ công trực tuyến',
          guidance: '',
          indicators: [
            { code: 'II.2.1', name: 'Khu vực tiếp đón có ghế ngồi, nước uống, hướng dẫn', maxPoints: 4 },
            { code: 'II.2.2', name: 'Tỷ lệ hồ sơ trực tuyến toàn trình', maxPoints: 6 },
          ],
        },
      ],
    },
    {
      code: 'III',
      name: 'Văn hóa công vụ “4 xin, 4 luôn, 5 không”',
      criteria: [
        {
          code: 'III.1',
          name: 'Thực hiện quy tắc ứng xử tại bộ phận một cửa',
          maxPoints: 15,
          passPoints: 10,
          responsibleUnit: 'VP',
          evidence: 'Quy chế văn hóa công vụ; biên bản kiểm tra; phiếu đánh giá cán bộ',
          guidance: 'Mỗi trường hợp vi phạm bị phản ánh và xác minh đúng: trừ 1 điểm.',
          indicators: [
            { code: 'III.1.1', name: 'Niêm yết và thực hiện “4 xin, 4 luôn”', maxPoints: 8 },
            { code: 'III.1.2', name: 'Không có vi phạm “5 không” được xác minh', maxPoints: 7 },
          ],
        },
      ],
    },
    {
      code: 'IV',
      name: 'Tiếp nhận, trả lời phản ánh, kiến nghị của người dân',
      criteria: [
        {
          code: 'IV.1',
          name: 'Trả lời phản ánh, kiến nghị đúng hạn',
          maxPoints: 15,
          passPoints: 9,
          responsibleUnit: 'VP',
          evidence: 'Sổ theo dõi phản ánh, kiến nghị; văn bản trả lời',
          guidance: '',
          indicators: [
            {
              code: 'IV.1.1',
              name: 'Tỷ lệ phản ánh, kiến nghị được trả lời đúng hạn',
              maxPoints: 10,
              measure: 'feedback.answeredOnTimeShare',
            },
            { code: 'IV.1.2', name: 'Tổ chức đối thoại với Nhân dân', maxPoints: 5 },
          ],
        },
      ],
    },
    {
      code: 'V',
      name: 'Sự hài lòng của người dân',
      criteria: [
        {
          code: 'V.1',
          name: 'Chỉ số hài lòng về sự phục vụ hành chính',
          maxPoints: 15,
          passPoints: 9,
          responsibleUnit: 'VHXH',
          evidence: 'Kết quả khảo sát theo phiếu (SIPAS)',
          guidance: 'Điểm theo tỷ lệ người dân hài lòng.',
          indicators: [
            { code: 'V.1.1', name: 'Chỉ số hài lòng chung', maxPoints: 10, measure: 'satisfaction.index' },
            {
              code: 'V.1.2',
              name: 'Đánh giá tại quầy (một chạm)',
              maxPoints: 5,
              measure: 'satisfaction.counterIndex',
            },
          ],
        },
      ],
    },
    {
      code: 'VI',
      name: 'Dân chủ ở cơ sở và đời sống văn hóa ở thôn',
      criteria: [
        {
          code: 'VI.1',
          name: 'Thực hiện dân chủ ở cơ sở, đời sống văn hóa ở thôn',
          maxPoints: 15,
          passPoints: 9,
          responsibleUnit: 'MTTQ',
          evidence: 'Biên bản hội nghị thôn; danh sách thôn đạt danh hiệu văn hóa',
          guidance: '',
          indicators: [
            { code: 'VI.1.1', name: 'Công khai, lấy ý kiến Nhân dân theo Luật Dân chủ cơ sở', maxPoints: 8 },
            {
              code: 'VI.1.2',
              name: 'Tỷ lệ thôn đạt danh hiệu “Thôn văn hóa”',
              maxPoints: 7,
              measure: 'villages.cultureTitleShare',
            },
          ],
        },
      ],
    },
  ],
  levels: [
    { level: 1, minTotal: 50 },
    { level: 2, minTotal: 65, mandatory: ['I.1'] },
    { level: 3, minTotal: 80, mandatory: ['I.1', 'II.1'], minGroupShare: 0.6 },
    {
      level: 4,
      minTotal: 90,
      mandatory: ['I.1', 'II.1', 'III.1'],
      minGroupShare: 0.75,
      minIndex: { 'plans.tasksOnTimeShare': 0.9, 'satisfaction.index': 0.9 },
    },
  ],
};

/** The sample set for Hải Phòng, Bình Giang's 2026 registration and assessment, a late registration of Hồng Bàng. */
export async function seedCriteria(trx: Kysely<DB>): Promise<void> {
  const { set, problems } = validateCriteriaSet(
    SAMPLE_SET,
    MEASURES.map((m) => m.key),
  );
  if (!set) throw new Error(`Bộ tiêu chí mẫu không hợp lệ: ${JSON.stringify(problems)}`);
  const city = await trx.selectFrom('cities').select('id').where('code', '=', 'HP').executeTakeFirstOrThrow();
  const row = await trx
    .insertInto('criteria_sets')
    .values({
      city_id: city.id,
      code: set.code,
      version: 1,
      name: set.name,
      issued_by: set.issuedBy,
      decision: set.decision,
      effective_from: set.effectiveFrom,
      definition: JSON.stringify(set),
      max_total: maxTotal(set),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const commune = (code: string) =>
    trx.selectFrom('communes').select('id').where('code', '=', code).executeTakeFirstOrThrow();
  const user = (username: string) =>
    trx
      .selectFrom('users')
      .select(['id', 'full_name'])
      .where('username', '=', username)
      .executeTakeFirstOrThrow();
  const bg = await commune('HP-BINHGIANG');
  const hb = await commune('HP-HONGBANG');
  const coordinator = await user('vhxh.binhgiang');
  const hbUser = await user('vhxh.hongbang');
  const onTime = new Date('2026-02-10T02:30:00Z');
  const late = new Date('2026-02-20T03:00:00Z');
  await trx
    .insertInto('level_registrations')
    .values([
      {
        commune_id: bg.id,
        year: 2026,
        target_level: 3,
        justification:
          'Xã đã triển khai đầy đủ kế hoạch, Trung tâm Phục vụ hành chính công hoạt động ổn định.',
        sent_at: onTime,
        sent_by: coordinator.id,
        on_time: registrationOnTime(onTime, 2026),
      },
      {
        commune_id: hb.id,
        year: 2026,
        target_level: 2,
        justification: 'Phường đăng ký mức 2 trong năm đầu thực hiện.',
        sent_at: late,
        sent_by: hbUser.id,
        on_time: registrationOnTime(late, 2026),
      },
    ])
    .execute();
  // Bình Giang's 2026 assessment went through the whole commune workflow and was sent to the
  // city on 05/11, before the 12/11 deadline (task 5); the city has not appraised it yet.
  const submittedAt = new Date('2026-11-05T03:00:00Z');
  const assessment = await trx
    .insertInto('assessments')
    .values({
      commune_id: bg.id,
      year: 2026,
      criteria_set_id: row.id,
      status: 'submitted',
      submitted_at: submittedAt,
      created_by: coordinator.id,
      updated_at: submittedAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const mttq = await user('mttq.binhgiang');
  const leader = await user('chutich.binhgiang');
  const steps: [string, string, { id: string; full_name: string }, string, string][] = [
    ['open', 'self_scoring', coordinator, '2026-10-01T02:00:00Z', ''],
    ['consolidate', 'consolidated', coordinator, '2026-10-20T02:00:00Z', ''],
    ['finish_review', 'reviewed', mttq, '2026-10-28T03:00:00Z', 'MTTQ xã nhất trí kết quả tự chấm.'],
    ['approve', 'approved', leader, '2026-11-03T08:00:00Z', ''],
    ['submit', 'submitted', coordinator, '2026-11-05T03:00:00Z', ''],
  ];
  await trx
    .insertInto('assessment_events')
    .values(
      steps.map(([action, status, who, at, note]) => ({
        commune_id: bg.id,
        assessment_id: assessment.id,
        action,
        status,
        actor_id: who.id,
        actor_name: who.full_name,
        note,
        at: new Date(at),
      })),
    )
    .execute();
  const scores: [string, number, string][] = [
    ['I.1.1', 400, 'Kế hoạch thực hiện mô hình ban hành ngày 15/4/2026.'],
    ['I.1.2', 400, 'Đăng ký mức 3 gửi Sở Nội vụ ngày 10/02/2026.'],
    ['I.2.1', 300, 'Theo số liệu tiến độ nhiệm vụ của hệ thống.'],
    ['I.2.2', 300, 'Các thôn đều có hoạt động tuyên truyền.'],
    ['II.1.1', 900, 'Tỷ lệ hồ sơ đúng hạn 97,8%.'],
    ['II.1.2', 500, 'Đã gửi thư xin lỗi đủ 12 trường hợp trễ hạn.'],
    ['II.2.1', 400, 'Khu vực chờ có ghế, nước uống, bảng hướng dẫn.'],
    ['II.2.2', 400, 'Tỷ lệ hồ sơ trực tuyến toàn trình 64%.'],
    ['III.1.1', 700, 'Niêm yết tại bộ phận một cửa; 1 lần nhắc nhở.'],
    ['III.1.2', 700, 'Không có vi phạm được xác minh.'],
    ['IV.1.1', 800, 'Theo số liệu phản ánh, kiến nghị của hệ thống.'],
    ['IV.1.2', 400, 'Tổ chức 2 hội nghị đối thoại với Nhân dân.'],
    ['V.1.1', 900, 'Theo phiếu khảo sát của hệ thống.'],
    ['V.1.2', 400, 'Theo đánh giá tại quầy.'],
    ['VI.1.1', 700, 'Công khai đầy đủ tại nhà văn hóa các thôn.'],
    ['VI.1.2', 500, 'Theo kết quả bình xét các thôn.'],
  ];
  for (const [code, points, note] of scores) {
    const at = new Date('2026-10-05T03:00:00Z');
    await trx
      .insertInto('assessment_scores')
      .values({
        commune_id: bg.id,
        assessment_id: assessment.id,
        indicator_code: code,
        self_points: points,
        self_note: note,
        self_by: coordinator.id,
        self_at: at,
        measure_value: null,
        measure_figures: null,
        proposed_points: null,
        review_points: null,
        review_reason: null,
        review_by: null,
        review_at: null,
        city_points: null,
        city_reason: null,
        city_by: null,
        city_at: null,
      })
      .execute();
    await trx
      .insertInto('score_changes')
      .values({
        commune_id: bg.id,
        assessment_id: assessment.id,
        indicator_code: code,
        stage: 'self',
        points,
        note,
        actor_id: coordinator.id,
        actor_name: coordinator.full_name,
        at,
      })
      .execute();
  }
}
