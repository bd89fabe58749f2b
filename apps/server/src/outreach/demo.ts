import type { Kysely } from 'kysely';
import { type DemoCommunes, demoUserId } from '../capability.ts';
import type { DB } from '../db/schema.ts';

/** The documents the plan of xã Bình Giang names (its legal bases and part III.1). */
export const PLAN_DOCUMENTS = [
  {
    number: '04-ĐA/TU',
    issuedOn: '2026-01-14',
    issuer: 'Thành ủy Hải Phòng',
    title:
      'Đề án về xây dựng mô hình chủ nghĩa xã hội gắn với con người xã hội chủ nghĩa tại thành phố Hải Phòng giai đoạn 2026-2030 và những năm tiếp theo',
  },
  {
    number: '05-NQ/TU',
    issuedOn: '2026-01-14',
    issuer: 'Ban Chấp hành Đảng bộ thành phố Hải Phòng',
    title:
      'Nghị quyết về xây dựng mô hình chủ nghĩa xã hội gắn với con người xã hội chủ nghĩa tại thành phố Hải Phòng giai đoạn 2026-2030 và những năm tiếp theo',
  },
  {
    number: '05-NQ/ĐU',
    issuedOn: '2026-03-20',
    issuer: 'Đảng ủy Ủy ban nhân dân thành phố Hải Phòng',
    title:
      'Nghị quyết về nâng cao chất lượng, hiệu quả thực hiện công tác dân vận của chính quyền tại Đảng bộ Ủy ban nhân dân thành phố giai đoạn 2026-2030',
  },
  {
    number: '5049/QĐ-UBND',
    issuedOn: '2025-12-11',
    issuer: 'Ủy ban nhân dân thành phố Hải Phòng',
    title:
      'Quyết định ban hành Bộ tiêu chí, Bảng thang điểm và quy trình xét công nhận “Chính quyền thân thiện” cấp xã trên địa bàn thành phố Hải Phòng',
  },
  {
    number: '1376/QĐ-UBND',
    issuedOn: '2026-04-09',
    issuer: 'Ủy ban nhân dân thành phố Hải Phòng',
    title:
      'Quyết định phê duyệt Đề án thực hiện mô hình “Chính quyền thân thiện” tại xã, phường, đặc khu trên địa bàn thành phố Hải Phòng giai đoạn 2026-2030 và những năm tiếp theo',
  },
  {
    number: '119/KH-UBND',
    issuedOn: '2026-04-09',
    issuer: 'Ủy ban nhân dân thành phố Hải Phòng',
    title:
      'Kế hoạch triển khai thực hiện mô hình “Chính quyền thân thiện” tại xã, phường, đặc khu trên địa bàn thành phố Hải Phòng giai đoạn 2026-2030 và những năm tiếp theo',
  },
] as const;

type Kind =
  | 'conference'
  | 'loudspeaker'
  | 'website'
  | 'zalo'
  | 'facebook'
  | 'banner'
  | 'performance'
  | 'village_board';

const ACTIVITIES: Array<{
  kind: Kind;
  title: string;
  heldOn: string;
  place?: string;
  village?: string;
  unit: string;
  audience: number | null;
  docs: string[];
  isPublic: boolean;
  links?: string[];
}> = [
  {
    kind: 'conference',
    title:
      'Hội nghị quán triệt, triển khai mô hình “Chính quyền thân thiện” đến cán bộ, công chức, đảng viên',
    heldOn: '2026-04-20',
    place: 'Hội trường UBND xã',
    unit: 'VHXH',
    audience: 145,
    docs: ['1376/QĐ-UBND', '119/KH-UBND', '5049/QĐ-UBND'],
    isPublic: true,
  },
  {
    kind: 'loudspeaker',
    title: 'Phát bản tin về Bộ tiêu chí “Chính quyền thân thiện” trên đài truyền thanh xã (3 buổi/tuần)',
    heldOn: '2026-05-04',
    place: 'Đài truyền thanh xã',
    unit: 'TTDVSNC',
    audience: null,
    docs: ['5049/QĐ-UBND'],
    isPublic: true,
  },
  {
    kind: 'website',
    title: 'Đăng chuyên mục “Chính quyền thân thiện” trên trang thông tin điện tử xã',
    heldOn: '2026-05-10',
    place: 'Trang thông tin điện tử xã',
    unit: 'TTDVSNC',
    audience: 2300,
    docs: ['04-ĐA/TU', '05-NQ/TU'],
    isPublic: true,
    links: ['https://binhgiang.haiphong.gov.vn/chinh-quyen-than-thien'],
  },
  {
    kind: 'banner',
    title:
      'Dựng pano khẩu hiệu “4 xin, 4 luôn, 5 không” tại cổng trụ sở và Trung tâm Phục vụ hành chính công',
    heldOn: '2026-05-15',
    place: 'Trụ sở UBND xã',
    unit: 'VP',
    audience: null,
    docs: [],
    isPublic: true,
  },
  {
    kind: 'village_board',
    title: 'Bảng tin văn hóa thôn: nội dung mô hình và các tiêu chí gia đình văn hóa',
    heldOn: '2026-06-02',
    village: 'Thôn Ngọc Quán',
    unit: 'VHXH',
    audience: 412,
    docs: ['5049/QĐ-UBND'],
    isPublic: false,
  },
  {
    kind: 'performance',
    title: 'Đêm văn nghệ quần chúng “Chính quyền gần dân, vì dân”',
    heldOn: '2026-07-18',
    village: 'Thôn Kẻ Sặt',
    unit: 'MTTQ',
    audience: 600,
    docs: [],
    isPublic: true,
  },
  {
    kind: 'zalo',
    title: 'Chia sẻ hướng dẫn thủ tục hành chính trực tuyến qua nhóm Zalo các thôn',
    heldOn: '2026-08-05',
    village: 'Thôn Tráng Liệt',
    unit: 'TTPVHCC',
    audience: 380,
    docs: [],
    isPublic: false,
  },
  {
    kind: 'conference',
    title: 'Hội nghị nhân dân thôn: quán triệt quy chế dân chủ ở cơ sở gắn với mô hình',
    heldOn: '2026-09-12',
    village: 'Thôn Hoàng Xá',
    unit: 'MTTQ',
    audience: 160,
    docs: ['05-NQ/ĐU'],
    isPublic: false,
  },
  {
    kind: 'facebook',
    title: 'Đăng video hướng dẫn đánh giá mức độ hài lòng bằng mã QR trên Fanpage xã',
    heldOn: '2026-10-01',
    place: 'Fanpage của UBND xã',
    unit: 'TTDVSNC',
    audience: 5100,
    docs: [],
    isPublic: true,
    links: ['https://www.facebook.com/ubndxabinhgiang'],
  },
];

export async function seedOutreachDemo(db: Kysely<DB>, communes: DemoCommunes): Promise<void> {
  const bg = communes.binhgiang!;
  const coordinator = await demoUserId(db, 'vhxh.binhgiang');
  const docs = await db
    .insertInto('outreach_documents')
    .values(
      PLAN_DOCUMENTS.map((d) => ({
        commune_id: bg.id,
        number: d.number,
        issued_on: d.issuedOn,
        issuer: d.issuer,
        title: d.title,
        summary: '',
        created_by: coordinator,
        updated_at: new Date(),
      })),
    )
    .returning(['id', 'number'])
    .execute();
  const docId = new Map(docs.map((d) => [d.number, d.id]));
  const villages = await db
    .selectFrom('villages')
    .select(['id', 'name'])
    .where('commune_id', '=', bg.id)
    .execute();
  const villageId = new Map(villages.map((v) => [v.name, v.id]));
  await db
    .insertInto('outreach_activities')
    .values(
      ACTIVITIES.map((a) => ({
        commune_id: bg.id,
        kind: a.kind,
        title: a.title,
        held_on: a.heldOn,
        place: a.place ?? '',
        village_id: a.village ? villageId.get(a.village)! : null,
        unit_id: bg.units[a.unit]!,
        audience: a.audience,
        document_ids: a.docs.map((n) => docId.get(n)!),
        links: a.links ?? [],
        is_public: a.isPublic,
        created_by: coordinator,
        updated_at: new Date(),
      })),
    )
    .execute();
  const centre = await demoUserId(db, 'ttdvsnc.binhgiang');
  await db
    .insertInto('good_examples')
    .values([
      {
        commune_id: bg.id,
        kind: 'good',
        year: 2026,
        subject: 'Trung tâm Phục vụ hành chính công',
        unit_id: bg.units.TTPVHCC!,
        title: 'Nhắn tin Zalo báo trước ngày trả kết quả, hẹn giờ cho người cao tuổi',
        content:
          'Từ tháng 5/2026, 100% hồ sơ được báo ngày trả kết quả qua Zalo; người trên 70 tuổi được hẹn giờ, không phải chờ.',
        created_by: centre,
        updated_at: new Date(),
      },
      {
        commune_id: bg.id,
        kind: 'good',
        year: 2026,
        subject: 'Thôn Kẻ Sặt',
        village_id: villageId.get('Thôn Kẻ Sặt')!,
        title: 'Tổ tự quản “Nói không với rác thải” kết hợp tuyên truyền mô hình tại các buổi sinh hoạt thôn',
        created_by: centre,
        updated_at: new Date(),
      },
      {
        commune_id: bg.id,
        kind: 'shortcoming',
        year: 2026,
        subject: 'Bộ phận tiếp nhận hồ sơ đất đai',
        title: 'Chưa niêm yết đầy đủ thủ tục, còn để người dân đi lại nhiều lần',
        content:
          'Phát hiện qua phản ánh của người dân tháng 8/2026; đã nhắc nhở và yêu cầu khắc phục trong tháng 9.',
        created_by: centre,
        updated_at: new Date(),
      },
    ])
    .execute();
  // another commune's library and activity, to prove isolation
  const hb = communes.hongbang!;
  await db
    .insertInto('outreach_activities')
    .values({
      commune_id: hb.id,
      kind: 'loudspeaker',
      title: 'Phát thanh về mô hình tại phường Hồng Bàng',
      held_on: '2026-05-01',
      place: 'Đài truyền thanh phường',
      is_public: true,
      updated_at: new Date(),
    })
    .execute();
}
