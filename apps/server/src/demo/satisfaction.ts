import { addDays, elementOfQuestion, SIPAS_QUESTIONNAIRE, vietnamDate } from '@cqtt/domain';
import type { Insertable, Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';

/** Procedures of the commune's service centre (sample national codes, check before real use). */
const PROCEDURES = [
  { code: '1.001193', name: 'Đăng ký khai sinh', field: 'Hộ tịch' },
  { code: '1.000894', name: 'Đăng ký kết hôn', field: 'Hộ tịch' },
  { code: '1.000656', name: 'Đăng ký khai tử', field: 'Hộ tịch' },
  { code: '1.004873', name: 'Cấp Giấy xác nhận tình trạng hôn nhân', field: 'Hộ tịch' },
  { code: '2.000815', name: 'Chứng thực bản sao từ bản chính', field: 'Chứng thực' },
  { code: '2.000884', name: 'Chứng thực chữ ký trong giấy tờ, văn bản', field: 'Chứng thực' },
  { code: '1.001612', name: 'Đăng ký thường trú', field: 'Cư trú' },
  { code: '1.003596', name: 'Xác nhận hồ sơ hưởng chế độ bảo trợ xã hội', field: 'Bảo trợ xã hội' },
];

const COUNTERS = [
  { number: 1, name: 'Tư pháp - Hộ tịch' },
  { number: 2, name: 'Chứng thực' },
  { number: 3, name: 'Đất đai - Xây dựng' },
  { number: 4, name: 'Lao động - Thương binh và Xã hội' },
];

const OFFICIALS = [
  { fullName: 'Nguyễn Thị Hồng', title: 'Công chức Tư pháp - Hộ tịch', counter: 1, user: null },
  { fullName: 'Trần Thị Mai', title: 'Công chức Văn phòng - Thống kê', counter: 2, user: 'vpub.binhgiang' },
  { fullName: 'Đỗ Văn Toàn', title: 'Công chức Địa chính - Xây dựng', counter: 3, user: null },
  { fullName: 'Phạm Thị Yến', title: 'Công chức Văn hóa - Xã hội', counter: 4, user: null },
  { fullName: 'Lê Minh Tuấn', title: 'Công chức Tư pháp - Hộ tịch', counter: 1, user: null },
];

const COMMENTS = [
  'Cán bộ hướng dẫn rất tận tình, dễ hiểu.',
  'Phải chờ hơi lâu vì đông người.',
  'Thủ tục nhanh gọn, cảm ơn cán bộ.',
  'Nên có thêm ghế ngồi chờ.',
  'Cán bộ vui vẻ, nhiệt tình.',
  'Lần đầu đến không biết nộp ở quầy nào.',
];

/** A small deterministic generator so the demo is the same on every run. */
function rng(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1_103_515_245 + 12_345) % 2_147_483_648;
    return s / 2_147_483_648;
  };
}

function uuidFrom(r: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(r() * 16).toString(16)).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * The service centre of xã Bình Giang: counters, officials, procedures, the SIPAS
 * questionnaire, three months of ratings and questionnaire responses, dossiers; and a
 * little for Phường Hồng Bàng to prove isolation. Runs inside the demo seed's transaction.
 */
export async function seedSatisfaction(db: Kysely<DB>, now = new Date()): Promise<void> {
  const communes = await db.selectFrom('communes').select(['id', 'code']).execute();
  const id = (code: string) => communes.find((c) => c.code === code)!.id;
  const binhGiang = id('HP-BINHGIANG');
  const hongBang = id('HP-HONGBANG');
  const today = vietnamDate(now);
  const r = rng(2026);

  for (const communeId of [binhGiang, hongBang]) {
    await db
      .insertInto('questionnaires')
      .values({
        commune_id: communeId,
        version: 1,
        title: SIPAS_QUESTIONNAIRE.title,
        elements: JSON.stringify(SIPAS_QUESTIONNAIRE.elements),
        is_active: true,
        created_by: null,
      })
      .execute();
  }
  await db
    .insertInto('procedures')
    .values(PROCEDURES.map((p) => ({ commune_id: binhGiang, ...p, updated_at: now })))
    .execute();
  const counters = await db
    .insertInto('service_counters')
    .values(COUNTERS.map((c) => ({ commune_id: binhGiang, ...c, updated_at: now })))
    .returning(['id', 'number'])
    .execute();
  const users = await db.selectFrom('users').select(['id', 'username']).execute();
  const officials = await db
    .insertInto('service_officials')
    .values(
      OFFICIALS.map((o) => ({
        commune_id: binhGiang,
        full_name: o.fullName,
        title: o.title,
        counter_id: counters.find((c) => c.number === o.counter)!.id,
        user_id: o.user ? users.find((u) => u.username === o.user)!.id : null,
        updated_at: now,
      })),
    )
    .returning(['id', 'counter_id'])
    .execute();

  // Hồng Bàng: one counter and a few ratings of its own.
  const hbCounter = await db
    .insertInto('service_counters')
    .values({ commune_id: hongBang, number: 1, name: 'Một cửa', updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();

  const dossiers: Insertable<DB['dossiers']>[] = [];
  const ratings = [];
  for (let i = 0; i < 160; i++) {
    const day = addDays(today, -Math.floor(r() * 90) - 1);
    const official = officials[Math.floor(r() * officials.length)]!;
    const procedure = PROCEDURES[Math.floor(r() * PROCEDURES.length)]!;
    const roll = r();
    const score = roll < 0.62 ? 5 : roll < 0.9 ? 4 : roll < 0.96 ? 3 : roll < 0.985 ? 2 : 1;
    const withDossier = r() < 0.7;
    const code = `000.00.${String(30 + (i % 9)).padStart(2, '0')}.H26-${day.replaceAll('-', '').slice(2)}-${String(i).padStart(4, '0')}`;
    if (withDossier) {
      const due = addDays(day, 3);
      const late = r() < 0.08;
      dossiers.push({
        commune_id: binhGiang,
        code,
        procedure_code: procedure.code,
        received_on: addDays(day, -3),
        due_on: due,
        returned_on: late ? addDays(due, 2) : day,
        status: 'returned',
      });
    }
    const done = ['xin_chao', 'xin_cam_on', 'luon_lang_nghe', 'luon_giup_do', 'luon_mim_cuoi'].filter(
      () => r() < (score >= 4 ? 0.8 : 0.3),
    );
    const breaches = score <= 2 && r() < 0.7 ? ['khong_tre_hen'] : [];
    const at = new Date(
      `${day}T${String(1 + Math.floor(r() * 9)).padStart(2, '0')}:${String(Math.floor(r() * 60)).padStart(2, '0')}:00Z`,
    );
    ratings.push({
      commune_id: binhGiang,
      client_id: uuidFrom(r),
      counter_id: official.counter_id,
      official_id: official.id,
      procedure_code: procedure.code,
      dossier_code: withDossier ? code : null,
      score,
      conduct_done: done,
      conduct_breaches: breaches,
      comment: r() < 0.2 ? COMMENTS[Math.floor(r() * COMMENTS.length)]! : '',
      channel: (r() < 0.6 ? 'qr' : 'kiosk') as 'qr' | 'kiosk',
      created_at: at,
      rated_on: day,
    });
  }
  await db.insertInto('ratings').values(ratings).execute();
  await db.insertInto('dossiers').values(dossiers).execute();
  // A few dossiers still in progress, one of them overdue.
  await db
    .insertInto('dossiers')
    .values([
      {
        commune_id: binhGiang,
        code: 'DEMO-DANG-XU-LY-1',
        procedure_code: '1.001612',
        received_on: addDays(today, -2),
        due_on: addDays(today, 5),
        returned_on: null,
        status: 'processing',
      },
      {
        commune_id: binhGiang,
        code: 'DEMO-DANG-XU-LY-2',
        procedure_code: '1.003596',
        received_on: addDays(today, -20),
        due_on: addDays(today, -4),
        returned_on: null,
        status: 'processing',
      },
    ])
    .execute();
  await db
    .insertInto('ratings')
    .values(
      [5, 4, 2].map((score, i) => ({
        commune_id: hongBang,
        client_id: uuidFrom(r),
        counter_id: hbCounter.id,
        score,
        comment: i === 2 ? 'Phường Hồng Bàng: chờ lâu.' : '',
        channel: 'qr' as const,
        created_at: now,
        rated_on: addDays(today, -i - 1),
      })),
    )
    .execute();

  const questionnaire = await db
    .selectFrom('questionnaires')
    .select('id')
    .where('commune_id', '=', binhGiang)
    .executeTakeFirstOrThrow();
  const elementOf = elementOfQuestion(SIPAS_QUESTIONNAIRE);
  const keys = [...elementOf.keys()];
  for (let i = 0; i < 40; i++) {
    const day = addDays(today, -Math.floor(r() * 90) - 1);
    const answers: Record<string, number> = {};
    for (const k of keys) {
      // feedback handling is often left blank by people who never complained
      if (k.startsWith('gop_y') && r() < 0.6) continue;
      const roll = r();
      answers[k] = roll < 0.55 ? 5 : roll < 0.87 ? 4 : roll < 0.95 ? 3 : 2;
    }
    const row = await db
      .insertInto('survey_responses')
      .values({
        commune_id: binhGiang,
        questionnaire_id: questionnaire.id,
        client_id: uuidFrom(r),
        answers: JSON.stringify(answers),
        created_at: new Date(`${day}T03:00:00Z`),
        responded_on: day,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('survey_answers')
      .values(
        Object.entries(answers).map(([k, score]) => ({
          commune_id: binhGiang,
          response_id: row.id,
          element_key: elementOf.get(k)!,
          question_key: k,
          score,
          responded_on: day,
        })),
      )
      .execute();
  }
}
