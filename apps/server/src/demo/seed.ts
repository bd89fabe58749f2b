import type { Kysely } from 'kysely';
import { recordAudit } from '../audit/service.ts';
import { hashPassword } from '../auth/passwords.ts';
import { CAPABILITIES } from '../capabilities.ts';
import type { DemoCommunes } from '../capability.ts';
import type { DB } from '../db/schema.ts';
import type { FileStore } from '../files/store.ts';
import { seedDemoDocuments } from './documents.ts';
import { BINH_GIANG_PLAN, BINH_GIANG_TASKS } from './plan.ts';

/** The units the plan of xã Bình Giang names, with what the plan asks of each. */
export const PLAN_UNITS = [
  {
    code: 'VHXH',
    name: 'Phòng Văn hóa - Xã hội',
    description: 'Đầu mối: hướng dẫn, kiểm tra, tổng hợp chấm điểm, xây dựng báo cáo, đề xuất khen thưởng',
    kind: 'office',
  },
  {
    code: 'TTPVHCC',
    name: 'Trung tâm Phục vụ hành chính công',
    description: 'Cải cách thủ tục hành chính, bộ phận một cửa',
    kind: 'office',
  },
  {
    code: 'VP',
    name: 'Văn phòng HĐND và UBND',
    description: 'Thủ tục hành chính, hội nghị, trình ký văn bản của lãnh đạo',
    kind: 'office',
  },
  {
    code: 'KT',
    name: 'Phòng Kinh tế',
    description: 'Dự toán kinh phí, đề xuất thành phố bố trí ngân sách hằng năm',
    kind: 'office',
  },
  {
    code: 'TTDVSNC',
    name: 'Trung tâm Dịch vụ sự nghiệp công',
    description: 'Tuyên truyền gương điển hình, phản ánh đơn vị thực hiện chưa nghiêm túc',
    kind: 'office',
  },
  {
    code: 'MTTQ',
    name: 'Ủy ban Mặt trận Tổ quốc Việt Nam xã',
    description: 'Tuyên truyền, giám sát và phản biện xã hội, tham gia chấm điểm',
    kind: 'front',
  },
  {
    code: 'BXDD',
    name: 'Ban Xây dựng Đảng',
    description: 'Nắm bắt khó khăn, kiểm tra, giám sát, tham gia chấm điểm',
    kind: 'party',
  },
  // the socio-political organisations (plan, section V.7): units that lead or coordinate tasks and report
  {
    code: 'HPN',
    name: 'Hội Liên hiệp Phụ nữ xã',
    description: 'Tuyên truyền trong hội viên, giám sát và phản biện xã hội',
    kind: 'organisation',
  },
  {
    code: 'DTN',
    name: 'Đoàn Thanh niên Cộng sản Hồ Chí Minh xã',
    description: 'Tuyên truyền trong đoàn viên, thanh niên; hỗ trợ người dân tại bộ phận một cửa',
    kind: 'organisation',
  },
  {
    code: 'HND',
    name: 'Hội Nông dân xã',
    description: 'Tuyên truyền trong hội viên, giám sát và phản biện xã hội',
    kind: 'organisation',
  },
  {
    code: 'HCCB',
    name: 'Hội Cựu chiến binh xã',
    description: 'Tuyên truyền trong hội viên, giám sát và phản biện xã hội',
    kind: 'organisation',
  },
] as const;

const BINH_GIANG_VILLAGES = [
  { name: 'Thôn Ngọc Quán', head: 'Nguyễn Văn Hùng', households: 412 },
  { name: 'Thôn Tráng Liệt', head: 'Phạm Thị Lan', households: 385 },
  { name: 'Thôn Kẻ Sặt', head: 'Trần Văn Minh', households: 506 },
  { name: 'Thôn Hoàng Xá', head: 'Lê Thị Hoa', households: 298 },
  { name: 'Thôn Lương Ngọc', head: 'Vũ Văn Thắng', households: 351 },
  { name: 'Thôn Cậy', head: 'Đỗ Thị Thu', households: 276 },
];

/** Demo accounts of xã Bình Giang and the city; all share the demo password. */
export const DEMO_ACCOUNTS = [
  {
    username: 'admin',
    fullName: 'Quản trị hệ thống xã Bình Giang',
    roles: ['admin'],
    unit: 'VP',
    commune: 'binhgiang',
  },
  {
    username: 'vhxh.binhgiang',
    fullName: 'Nguyễn Thị Thu Hà',
    roles: ['coordinator'],
    unit: 'VHXH',
    commune: 'binhgiang',
  },
  {
    username: 'ttpvhcc.binhgiang',
    fullName: 'Phạm Văn Đức',
    roles: ['focal'],
    unit: 'TTPVHCC',
    commune: 'binhgiang',
  },
  {
    username: 'vpub.binhgiang',
    fullName: 'Trần Thị Mai',
    roles: ['focal'],
    unit: 'VP',
    commune: 'binhgiang',
  },
  {
    username: 'mttq.binhgiang',
    fullName: 'Lê Văn Bình',
    roles: ['supervisor'],
    unit: 'MTTQ',
    commune: 'binhgiang',
  },
  {
    username: 'bxdd.binhgiang',
    fullName: 'Nguyễn Văn Khải',
    roles: ['party'],
    unit: 'BXDD',
    commune: 'binhgiang',
  },
  {
    username: 'chutich.binhgiang',
    fullName: 'Vũ Đăng Chương',
    roles: ['leader'],
    unit: 'VP',
    commune: 'binhgiang',
  },
  {
    username: 'thon1.binhgiang',
    fullName: 'Nguyễn Văn Hùng',
    roles: ['village'],
    unit: null,
    commune: 'binhgiang',
  },
  {
    username: 'kinhte.binhgiang',
    fullName: 'Đỗ Văn Toàn',
    roles: ['focal'],
    unit: 'KT',
    commune: 'binhgiang',
  },
  {
    username: 'ttdvsnc.binhgiang',
    fullName: 'Lương Thị Hồng',
    roles: ['focal'],
    unit: 'TTDVSNC',
    commune: 'binhgiang',
  },
  {
    username: 'vhxh.hongbang',
    fullName: 'Đặng Thị Ngọc',
    roles: ['coordinator'],
    unit: 'VHXH',
    commune: 'hongbang',
  },
  {
    username: 'vhxh.cathai',
    fullName: 'Hoàng Văn Long',
    roles: ['coordinator'],
    unit: 'VHXH',
    commune: 'cathai',
  },
  {
    username: 'vhxh.badinh',
    fullName: 'Bùi Thị Hạnh',
    roles: ['coordinator'],
    unit: 'VHXH',
    commune: 'badinh',
  },
  {
    username: 'snv.haiphong',
    fullName: 'Cán bộ Sở Nội vụ Hải Phòng',
    roles: ['city'],
    unit: null,
    commune: null,
    city: 'HP',
  },
  {
    username: 'snv.hanoi',
    fullName: 'Cán bộ Sở Nội vụ Hà Nội',
    roles: ['city'],
    unit: null,
    commune: null,
    city: 'HN',
  },
] as const;

// Codes are the deployment's own identifiers for the demo; a real deployment
// enters each unit's official code (mã đơn vị hành chính).
const CITIES = [
  { key: 'HP', code: 'HP', name: 'Thành phố Hải Phòng' },
  { key: 'HN', code: 'HN', name: 'Thành phố Hà Nội' },
] as const;
const COMMUNES = [
  { key: 'binhgiang', city: 'HP', code: 'HP-BINHGIANG', name: 'Xã Bình Giang', kind: 'xa' },
  { key: 'hongbang', city: 'HP', code: 'HP-HONGBANG', name: 'Phường Hồng Bàng', kind: 'phuong' },
  { key: 'cathai', city: 'HP', code: 'HP-CATHAI', name: 'Đặc khu Cát Hải', kind: 'dac_khu' },
  { key: 'badinh', city: 'HN', code: 'HN-BADINH', name: 'Phường Ba Đình', kind: 'phuong' },
] as const;

export async function isEmpty(db: Kysely<DB>): Promise<boolean> {
  return !(await db.selectFrom('cities').select('id').limit(1).executeTakeFirst());
}

/**
 * Creates the demo data: two cities, four communes with their units, Bình Giang's villages, the
 * demo accounts. With a file store, Bình Giang's issued documents too (their DOCX files live in
 * the store): the registration letter, the plan and the self-assessment report of 2026.
 */
export async function seedDemo(
  db: Kysely<DB>,
  password: string,
  options: { files?: FileStore } = {},
): Promise<void> {
  const hash = await hashPassword(password);
  await db.transaction().execute(async (trx) => {
    const cityIds: Record<string, string> = {};
    for (const city of CITIES) {
      const row = await trx
        .insertInto('cities')
        .values({ code: city.code, name: city.name })
        .returning('id')
        .executeTakeFirstOrThrow();
      cityIds[city.key] = row.id;
    }
    const communes: DemoCommunes = {};
    for (const c of COMMUNES) {
      const cityId = cityIds[c.city]!;
      const row = await trx
        .insertInto('communes')
        .values({ city_id: cityId, code: c.code, name: c.name, kind: c.kind })
        .returning('id')
        .executeTakeFirstOrThrow();
      const units = await trx
        .insertInto('units')
        .values(
          PLAN_UNITS.map((u) => ({
            commune_id: row.id,
            code: u.code,
            name: u.name,
            description: u.description,
            kind: u.kind,
            updated_at: new Date(),
          })),
        )
        .returning(['id', 'code'])
        .execute();
      communes[c.key] = { id: row.id, cityId, units: Object.fromEntries(units.map((u) => [u.code, u.id])) };
    }
    const binhGiang = communes.binhgiang!;
    await trx
      .insertInto('villages')
      .values(
        BINH_GIANG_VILLAGES.map((v) => ({
          commune_id: binhGiang.id,
          name: v.name,
          head_name: v.head,
          households: v.households,
          updated_at: new Date(),
        })),
      )
      .execute();
    await trx
      .insertInto('villages')
      .values([
        {
          commune_id: communes.hongbang!.id,
          name: 'Tổ dân phố số 1',
          head_name: '',
          households: 230,
          updated_at: new Date(),
        },
        {
          commune_id: communes.cathai!.id,
          name: 'Thôn Gia Lộc',
          head_name: '',
          households: 190,
          updated_at: new Date(),
        },
        {
          commune_id: communes.badinh!.id,
          name: 'Tổ dân phố số 3',
          head_name: '',
          households: 260,
          updated_at: new Date(),
        },
      ])
      .execute();
    for (const account of DEMO_ACCOUNTS) {
      const commune = account.commune ? communes[account.commune]! : null;
      await trx
        .insertInto('users')
        .values({
          city_id: commune ? commune.cityId : cityIds['city' in account ? account.city : 'HP']!,
          commune_id: commune?.id ?? null,
          unit_id: commune && account.unit ? commune.units[account.unit]! : null,
          username: account.username,
          full_name: account.fullName,
          email: `${account.username}@demo.cqtt.local`,
          phone: null,
          password_hash: hash,
          roles: [...account.roles],
          is_demo: true,
          updated_at: new Date(),
        })
        .execute();
    }
    const p = BINH_GIANG_PLAN;
    const plan = await trx
      .insertInto('plans')
      .values({
        commune_id: binhGiang.id,
        number: p.number,
        title: p.title,
        issued_place: p.issuedPlace,
        issued_on: p.issuedOn,
        legal_bases: p.legalBases,
        purpose: p.purpose,
        requirements: p.requirements,
        objectives: p.objectives,
        content: p.content,
        funding: p.funding,
        organization: p.organization,
        roles: JSON.stringify(
          p.roles.map((r) => ({
            heading: r.heading,
            unitId: r.unit ? binhGiang.units[r.unit]! : null,
            text: r.text,
          })),
        ),
        targets: JSON.stringify(p.targets),
        period_from: p.periodFrom,
        period_to: p.periodTo,
        signer_title: p.signerTitle,
        signer_name: p.signerName,
        recipients: p.recipients,
        updated_at: new Date(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('plan_tasks')
      .values(
        BINH_GIANG_TASKS.map((t) => ({
          commune_id: binhGiang.id,
          plan_id: plan.id,
          number: t.number,
          content: t.content,
          schedule: JSON.stringify(t.schedule),
          schedule_text: t.scheduleText,
          lead_unit_id: t.lead === 'ALL' ? null : binhGiang.units[t.lead]!,
          lead_all_units: t.lead === 'ALL',
          coordinating_unit_ids: t.coordinating.map((code) => binhGiang.units[code]!),
          coordinating_text: t.coordinatingText,
          fulfilment: t.fulfilment,
          added_on: '2026-01-01',
          updated_at: new Date(),
        })),
      )
      .execute();
    // each capability's own demo data, in the order of the list
    for (const capability of CAPABILITIES) await capability.demo?.(trx, communes);
    await recordAudit(
      trx,
      { actor: null, requestId: 'seed-demo', ip: 'local' },
      { action: 'demo.seed', entityType: 'database', entityId: 'demo', communeId: null },
      'hệ thống',
    );
  });
  if (options.files) await seedDemoDocuments(db, options.files);
}

/** Active accounts that still carry the shipped demo password. */
export async function demoAccountsActive(db: Kysely<DB>): Promise<string[]> {
  const rows = await db
    .selectFrom('users')
    .select('username')
    .where('is_demo', '=', true)
    .where('is_active', '=', true)
    .execute();
  return rows.map((r) => r.username);
}
