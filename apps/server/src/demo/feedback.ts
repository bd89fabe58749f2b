import { addDays, addWorkingDays, VIETNAM_HOLIDAYS_2026_2027, vietnamDate } from '@cqtt/domain';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';

const HOLIDAY_NAMES: Record<string, string> = {
  '01-01': 'Tết Dương lịch',
  '04-30': 'Ngày Giải phóng miền Nam, thống nhất đất nước',
  '05-01': 'Ngày Quốc tế Lao động',
  '09-01': 'Quốc khánh',
  '09-02': 'Quốc khánh',
  '09-03': 'Quốc khánh (nghỉ thêm)',
  '05-03': 'Nghỉ bù ngày Quốc tế Lao động',
  '04-27': 'Giỗ Tổ Hùng Vương (nghỉ bù)',
  '04-16': 'Giỗ Tổ Hùng Vương',
};

/** The five categories the issue names, with their deadline in working days. */
export const DEMO_CATEGORIES = [
  {
    code: 'thu-tuc-hanh-chinh',
    name: 'Thủ tục hành chính',
    days: 7,
    description: 'Hồ sơ, giấy tờ, thời gian giải quyết, phí, lệ phí',
  },
  {
    code: 'thai-do-can-bo',
    name: 'Thái độ, tác phong cán bộ',
    days: 5,
    description: 'Việc thực hiện "4 xin, 4 luôn, 5 không" của cán bộ, công chức',
  },
  {
    code: 'ha-tang',
    name: 'Hạ tầng - môi trường',
    days: 10,
    description: 'Đường, điện chiếu sáng, thoát nước, rác thải, ô nhiễm',
  },
  {
    code: 'an-ninh',
    name: 'An ninh trật tự',
    days: 5,
    description: 'Trật tự công cộng, an toàn giao thông, tệ nạn',
  },
  { code: 'khac', name: 'Khác', days: 10, description: 'Các phản ánh, kiến nghị khác' },
] as const;

interface DemoItem {
  code: string;
  category: (typeof DEMO_CATEGORIES)[number]['code'];
  daysAgo: number;
  content: string;
  address?: string;
  name?: string;
  phone?: string;
  email?: string;
  allowPublish: boolean;
  /** steps after receipt, in order */
  steps: (
    | 'accept'
    | 'assign'
    | 'draft'
    | 'approve'
    | 'rate_ok'
    | 'rate_bad'
    | 'reject'
    | 'route_out'
    | 'merge'
  )[];
  unit?: string;
  answer?: string;
  note?: string;
}

const BINH_GIANG_ITEMS: DemoItem[] = [
  {
    code: 'PA-7KQ2M-X9HRT',
    category: 'ha-tang',
    daysAgo: 40,
    content:
      'Đèn chiếu sáng trên trục đường chính thôn Kẻ Sặt hỏng 3 bóng từ đầu tháng, buổi tối học sinh đi học về rất tối và nguy hiểm.',
    address: 'Trục đường chính thôn Kẻ Sặt, gần nhà văn hóa thôn',
    name: 'Nguyễn Văn Toàn',
    phone: '0912345678',
    allowPublish: true,
    steps: ['accept', 'assign', 'draft', 'approve', 'rate_ok'],
    unit: 'KT',
    answer:
      'UBND xã đã giao Phòng Kinh tế phối hợp đơn vị quản lý điện chiếu sáng thay 3 bóng đèn hỏng; việc thay thế đã hoàn thành. Cảm ơn ông/bà đã phản ánh.',
  },
  {
    code: 'PA-3HWN8-QZ5DK',
    category: 'thu-tuc-hanh-chinh',
    daysAgo: 30,
    content:
      'Tôi nộp hồ sơ đăng ký khai sinh cho con tại Trung tâm Phục vụ hành chính công đã 5 ngày chưa nhận được kết quả, đề nghị cho biết thời hạn.',
    name: 'Trần Thị Hương',
    phone: '0987 654 321',
    email: 'huong.tran@example.vn',
    allowPublish: true,
    steps: ['assign', 'draft', 'approve'],
    unit: 'TTPVHCC',
    answer:
      'Hồ sơ đăng ký khai sinh được giải quyết trong ngày làm việc; hồ sơ của bà bị chậm do thiếu giấy chứng sinh bản chính. Trung tâm đã liên hệ bổ sung và trả kết quả. Trung tâm xin lỗi vì chưa hướng dẫn đầy đủ ngay từ đầu.',
  },
  {
    code: 'PA-9MRT4-BC6XE',
    category: 'ha-tang',
    daysAgo: 38,
    content: 'Cống thoát nước đầu ngõ 5 thôn Tráng Liệt bị tắc, mỗi lần mưa nước tràn vào nhà dân.',
    address: 'Ngõ 5, thôn Tráng Liệt',
    name: 'Phạm Văn Lực',
    allowPublish: false,
    steps: ['accept', 'assign'],
    unit: 'KT',
  },
  {
    code: 'PA-K4P7Z-N2GSA',
    category: 'thai-do-can-bo',
    daysAgo: 3,
    content:
      'Cán bộ tiếp nhận hồ sơ buổi sáng thứ Hai không chào hỏi, trả lời cộc lốc khi tôi hỏi thủ tục chứng thực.',
    name: 'Lê Thị Bích',
    phone: '0905111222',
    allowPublish: false,
    steps: ['assign', 'draft'],
    unit: 'TTPVHCC',
    answer:
      'Trung tâm đã kiểm điểm cán bộ tiếp nhận hồ sơ về việc chưa thực hiện đúng "4 xin, 4 luôn". Trung tâm xin lỗi ông/bà.',
  },
  {
    code: 'PA-D8XY3-HT7WM',
    category: 'an-ninh',
    daysAgo: 1,
    content: 'Nhóm thanh niên tụ tập uống rượu, nẹt pô tại khu vực bờ đê thôn Hoàng Xá sau 23 giờ đêm.',
    address: 'Bờ đê thôn Hoàng Xá',
    allowPublish: true,
    steps: [],
  },
  {
    code: 'PA-R5CQ9-YF3PN',
    category: 'khac',
    daysAgo: 20,
    content: 'Đề nghị xã cho biết giá bán căn hộ chung cư tại thành phố.',
    allowPublish: false,
    steps: ['reject'],
    note: 'Nội dung không thuộc thẩm quyền và chức năng của UBND xã; đề nghị ông/bà liên hệ chủ đầu tư dự án.',
  },
  {
    code: 'PA-W6TN2-AJ8KQ',
    category: 'khac',
    daysAgo: 15,
    content: 'Tôi tố cáo cán bộ địa chính thu tiền ngoài quy định khi làm hồ sơ đất.',
    name: 'Đỗ Văn Nam',
    phone: '0978000111',
    allowPublish: false,
    steps: ['route_out'],
    note: 'Nội dung là tố cáo, được xử lý theo Luật Tố cáo 2018: đã chuyển Chủ tịch UBND xã để thụ lý theo quy định. Ông/bà sẽ nhận thông báo thụ lý bằng văn bản.',
  },
  {
    code: 'PA-H2ZM5-SE9RB',
    category: 'ha-tang',
    daysAgo: 39,
    content: 'Đèn đường ở thôn Kẻ Sặt không sáng, đề nghị sửa.',
    allowPublish: false,
    steps: ['merge'],
  },
];

/**
 * Demo feedback: the city's public holidays, each commune's categories, and
 * xã Bình Giang's queue in every state (one item for phường Hồng Bàng to prove
 * the isolation). Dates are counted back from today so the demo stays current.
 */
export async function seedFeedbackDemo(trx: Kysely<DB>, now = new Date()): Promise<void> {
  const cities = await trx.selectFrom('cities').select('id').execute();
  for (const city of cities)
    await trx
      .insertInto('holidays')
      .values(
        VIETNAM_HOLIDAYS_2026_2027.map((day) => ({
          city_id: city.id,
          commune_id: null,
          day,
          name: HOLIDAY_NAMES[day.slice(5)] ?? 'Tết Nguyên đán',
        })),
      )
      .execute();
  const communes = await trx.selectFrom('communes').select(['id', 'code']).execute();
  const categoryIds: Record<string, Record<string, { id: string; days: number }>> = {};
  for (const c of communes) {
    const rows = await trx
      .insertInto('feedback_categories')
      .values(
        DEMO_CATEGORIES.map((cat, i) => ({
          commune_id: c.id,
          code: cat.code,
          name: cat.name,
          description: cat.description,
          deadline_days: cat.days,
          sort_order: i + 1,
          updated_at: now,
        })),
      )
      .returning(['id', 'code', 'deadline_days'])
      .execute();
    categoryIds[c.code] = Object.fromEntries(rows.map((r) => [r.code, { id: r.id, days: r.deadline_days }]));
  }
  const binhGiang = communes.find((c) => c.code === 'HP-BINHGIANG')!;
  const users = await trx
    .selectFrom('users')
    .select(['id', 'username'])
    .where('commune_id', '=', binhGiang.id)
    .execute();
  const userId = (name: string) => users.find((u) => u.username === name)?.id ?? null;
  const units = await trx
    .selectFrom('units')
    .select(['id', 'code', 'name'])
    .where('commune_id', '=', binhGiang.id)
    .execute();
  const unitOf = (code?: string) => (code ? (units.find((u) => u.code === code)?.id ?? null) : null);
  const focalOf: Record<string, string> = { TTPVHCC: 'ttpvhcc.binhgiang', VP: 'vpub.binhgiang' };
  const holidays = new Set(VIETNAM_HOLIDAYS_2026_2027);
  const today = vietnamDate(now);
  const ids: Record<string, string> = {};
  for (const item of BINH_GIANG_ITEMS) {
    const cat = categoryIds['HP-BINHGIANG']![item.category]!;
    const receivedOn = addDays(today, -item.daysAgo);
    const deadline = addWorkingDays(receivedOn, cat.days, holidays);
    let at = new Date(now.getTime() - item.daysAgo * 86_400_000);
    const next = (hours: number) => {
      at = new Date(Math.min(at.getTime() + hours * 3_600_000, now.getTime()));
      return at;
    };
    const events: { action: string; status: string; note: string; actor: string | null; at: Date }[] = [
      { action: 'receive', status: 'received', note: '', actor: null, at },
    ];
    let status = 'received';
    let answeredOn: string | null = null;
    let rating: 'satisfied' | 'unsatisfied' | null = null;
    const unitName = item.unit ? (units.find((u) => u.code === item.unit)?.name ?? '') : '';
    for (const step of item.steps) {
      const stepAt = next(step === 'approve' ? 70 : step === 'draft' ? 60 : 20);
      const day = vietnamDate(stepAt);
      switch (step) {
        case 'accept':
          status = 'accepted';
          events.push({ action: 'accept', status, note: '', actor: 'vhxh.binhgiang', at: stepAt });
          break;
        case 'assign':
          status = 'assigned';
          events.push({ action: 'assign', status, note: unitName, actor: 'vhxh.binhgiang', at: stepAt });
          break;
        case 'draft':
          status = 'drafted';
          events.push({
            action: 'draft',
            status,
            note: '',
            actor: focalOf[item.unit ?? ''] ?? 'vhxh.binhgiang',
            at: stepAt,
          });
          break;
        case 'approve':
          events.push({
            action: 'approve',
            status: 'approved',
            note: '',
            actor: 'chutich.binhgiang',
            at: stepAt,
          });
          status = 'published';
          answeredOn = day;
          events.push({ action: 'publish', status, note: '', actor: 'chutich.binhgiang', at: stepAt });
          break;
        case 'rate_ok':
        case 'rate_bad':
          status = 'rated';
          rating = step === 'rate_ok' ? 'satisfied' : 'unsatisfied';
          events.push({ action: 'rate', status, note: rating, actor: null, at: stepAt });
          break;
        case 'reject':
          status = 'rejected';
          answeredOn = day;
          events.push({
            action: 'reject',
            status,
            note: item.note ?? '',
            actor: 'vhxh.binhgiang',
            at: stepAt,
          });
          break;
        case 'route_out':
          status = 'routed_out';
          answeredOn = day;
          events.push({
            action: 'route_out',
            status,
            note: item.note ?? '',
            actor: 'vhxh.binhgiang',
            at: stepAt,
          });
          break;
        case 'merge':
          status = 'merged';
          answeredOn = day;
          events.push({
            action: 'merge',
            status,
            note: 'Gộp vào PA-7KQ2M-X9HRT',
            actor: 'vhxh.binhgiang',
            at: stepAt,
          });
          break;
      }
    }
    const row = await trx
      .insertInto('feedback_items')
      .values({
        commune_id: binhGiang.id,
        kind: 'feedback',
        tracking_code: item.code,
        source: 'web',
        category_id: cat.id,
        content: item.content,
        address: item.address ?? '',
        lat: null,
        lng: null,
        name: item.name ?? '',
        phone: item.phone ?? '',
        email: item.email ?? '',
        allow_publish: item.allowPublish,
        status,
        received_on: receivedOn,
        deadline,
        unit_id: unitOf(item.unit),
        merged_into_id: item.steps.includes('merge') ? (ids['PA-7KQ2M-X9HRT'] ?? null) : null,
        decision_note: item.note ?? '',
        answer: item.answer && item.steps.includes('draft') ? item.answer : '',
        answered_on: answeredOn,
        rating,
        rated_at: rating ? at : null,
        difficulty_id: null,
        created_at: events[0]!.at,
        updated_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    ids[item.code] = row.id;
    await trx
      .insertInto('feedback_events')
      .values(
        events.map((e) => ({
          commune_id: binhGiang.id,
          item_id: row.id,
          action: e.action,
          status: e.status,
          note: e.note,
          actor_id: e.actor ? userId(e.actor) : null,
          at: e.at,
        })),
      )
      .execute();
  }
  // one answered item in phường Hồng Bàng, to prove the isolation
  const hongBang = communes.find((c) => c.code === 'HP-HONGBANG');
  if (hongBang) {
    const cat = categoryIds['HP-HONGBANG']!['ha-tang']!;
    const receivedOn = addDays(today, -12);
    const row = await trx
      .insertInto('feedback_items')
      .values({
        commune_id: hongBang.id,
        kind: 'feedback',
        tracking_code: 'PA-B3NX6-MQ4TZ',
        source: 'web',
        category_id: cat.id,
        content: 'Rác thải tồn đọng ở đầu tổ dân phố số 1 ba ngày chưa được thu gom.',
        name: 'Hoàng Thị Mơ',
        phone: '0933444555',
        allow_publish: true,
        status: 'received',
        received_on: receivedOn,
        deadline: addWorkingDays(receivedOn, cat.days, holidays),
        unit_id: null,
        merged_into_id: null,
        answered_on: null,
        rating: null,
        rated_at: null,
        difficulty_id: null,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('feedback_events')
      .values({
        commune_id: hongBang.id,
        item_id: row.id,
        action: 'receive',
        status: 'received',
        actor_id: null,
      })
      .execute();
  }
}
