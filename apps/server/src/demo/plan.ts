import type { FulfilmentKind, Schedule, StoredTarget } from '@cqtt/domain';

/**
 * The plan of xã Bình Giang (../shared/seeds/000_52dbbb008477013f.txt), as the
 * demo data: its body and its appendix of ten tasks, in the seed's words.
 */
export const BINH_GIANG_PLAN = {
  number: '',
  title:
    'Kế hoạch triển khai thực hiện mô hình “Chính quyền thân thiện” trên địa bàn xã Bình Giang giai đoạn 2026-2030 và những năm tiếp theo',
  issuedPlace: 'Bình Giang',
  issuedOn: '2026-04-15',
  periodFrom: 2026,
  periodTo: 2030,
  legalBases: [
    'Quyết định số 1376/QĐ-UBND ngày 09/4/2026 của Ủy ban nhân dân thành phố',
    'Kế hoạch số 119/KH-UBND ngày 09/4/2026 của Ủy ban nhân dân thành phố về triển khai thực hiện mô hình “Chính quyền thân thiện” tại xã, phường, đặc khu trên địa bàn thành phố Hải Phòng giai đoạn 2026-2030 và những năm tiếp theo',
  ],
  purpose: [
    'a) Tổ chức tuyên truyền, triển khai thực hiện Đề án số 04-ĐA/TU ngày 14/01/2026 của Thành ủy Hải Phòng, Nghị quyết số 05-NQ/TU ngày 14/01/2026 của Ban Chấp hành Đảng bộ thành phố về xây dựng mô hình chủ nghĩa xã hội gắn với con người xã hội chủ nghĩa tại thành phố Hải Phòng giai đoạn 2026-2030 và những năm tiếp theo và Nghị quyết số 05-NQ/ĐU ngày 20/3/2026 của Đảng ủy Ủy ban nhân dân thành phố về nâng cao chất lượng, hiệu quả thực hiện công tác dân vận của chính quyền tại Đảng bộ Ủy ban nhân dân thành phố giai đoạn 2026-2030.',
    'b) Đổi mới mạnh mẽ lề lối làm việc của chính quyền cơ sở từ “mệnh lệnh hành chính” sang “phục vụ, hướng dẫn, vận động, thuyết phục”; xây dựng nền hành chính thân thiện, phục vụ, hiện đại và hiệu quả; xây dựng phong cách “trọng dân, gần dân, hiểu dân, học dân và có trách nhiệm với dân”, hướng đến sự hài lòng của người dân.',
    'c) Triển khai thực hiện tốt mô hình “Chính quyền thân thiện” góp phần quan trọng trong việc duy trì, cải thiện và nâng cao Chỉ số hài lòng của người dân đối với sự phục vụ của các cơ quan hành chính nhà nước (SIPAS), Chỉ số cải cách hành chính (PAR INDEX).',
  ].join('\n'),
  requirements: [
    'a) Việc triển khai mô hình “Chính quyền thân thiện” phải được thực hiện nghiêm túc, chất lượng, hiệu quả, tiết kiệm, tránh lãng phí, hình thức.',
    'b) Nội dung công việc phải gắn với trách nhiệm, vai trò của cơ quan, đơn vị, tổ chức, cá nhân liên quan được giao chủ trì, phối hợp.',
  ].join('\n'),
  objectives: [
    '1. Kế hoạch được triển khai đồng bộ tại các tất cả các cơ quan, đơn vị trên địa bàn xã từ năm 2026.',
    '2. Năm 2026, phấn đấu đạt chuẩn “Chính quyền thân thiện” mức độ 3.',
    '3. Từ năm 2027, phấn đấu nâng mức độ đạt chuẩn “Chính quyền thân thiện”. Phấn đấu đạt chuẩn Mức độ 4 vào năm 2030.',
  ].join('\n'),
  content: [
    '1. Công tác thông tin, tuyên truyền',
    '- Tăng cường công tác tuyên truyền, quán triệt, triển khai thực hiện có hiệu quả các văn bản về Chính quyền thân thiện, trọng tâm là: Đề án số 04-ĐA/TU ngày 14/01/2026 của Thành ủy Hải Phòng, Nghị quyết số 05-NQ/TU ngày 14/01/2026 của Ban Chấp hành Đảng bộ thành phố, Nghị quyết số 05-NQ/ĐU ngày 20/3/2026 của Đảng ủy Ủy ban nhân dân thành phố, Đề án thực hiện mô hình “Chính quyền thân thiện” tại xã, phường, đặc khu, Quyết định số 5049/QĐ-UBND ngày 11/12/2025 của Ủy ban nhân dân thành phố ban hành Bộ tiêu chí, Bảng thang điểm và quy trình xét công nhận “Chính quyền thân thiện” cấp xã trên địa bàn thành phố Hải Phòng.',
    '- Xây dựng pano, khẩu hiệu tuyên truyền trực quan về quyết tâm xây dựng "Chính quyền thân thiện", khẩu hiệu “4 xin, 4 luôn và 5 không” tại cổng, trong khuôn viên trụ sở Ủy ban nhân dân xã và Trung tâm Phục vụ hành chính công xã.',
    '- Tuyên truyền thông qua các hoạt động văn hóa, văn nghệ quần chúng và các bảng tin văn hóa tại các thôn nhằm tạo sức lan tỏa sâu rộng trong cộng đồng dân cư.',
    '- Tổ chức quán triệt, triển khai đến toàn thể đảng viên, cán bộ, công chức của đảng ủy, chính quyền và toàn thể cán bộ, đảng viên ở các thôn về thực hiện quy chế dân chủ ở cơ sở, "Chính quyền thân thiện" thông qua hệ thống đài truyền thanh, trang thông tin điện tử và các nền tảng mạng xã hội, như: zalo, facebook...',
    '2. Nhiệm vụ cụ thể triển khai thực hiện mô hình “Chính quyền thân thiện”',
    '(Có Phụ lục chi tiết kèm theo)',
  ].join('\n'),
  funding:
    'Kinh phí thực hiện Kế hoạch này do ngân sách nhà nước bảo đảm theo phân cấp ngân sách hiện hành và các nguồn kinh phí hợp pháp khác.',
  // V. Tổ chức thực hiện: the seed's section V, one role per unit or group (unit: its code)
  organization: '',
  roles: [
    {
      heading: 'Các cơ quan, đơn vị có liên quan',
      unit: null,
      text: [
        '- Quán triệt, chỉ đạo và tổ chức triển khai thực hiện các nội dung có liên quan của Kế hoạch này tại cơ quan, đơn vị bảo đảm theo quy định.',
        '- Phân công cán bộ, công chức làm đầu mối để chủ trì tham mưu tổ chức thực hiện các nhiệm vụ có liên quan.',
        '- Phối hợp với Phòng Văn hóa - Xã hội đôn đốc, theo dõi, kiểm tra, giám sát các cơ quan, đơn vị trong việc triển khai thực hiện các nhiệm vụ liên quan đến ngành, lĩnh vực; đánh giá kết quả thực hiện, chấm điểm các tiêu chí và đề xuất công nhận xã đạt chuẩn mô hình “Chính quyền thân thiện”.',
        '- Tổng hợp các vướng mắc, khó khăn trong quá trình thực hiện, báo cáo Ủy ban nhân dân xã (qua Phòng Văn hóa - Xã hội tổng hợp).',
      ].join('\n'),
    },
    {
      heading: 'Phòng Văn hóa - Xã hội',
      unit: 'VHXH',
      text: [
        '- Hướng dẫn, kiểm tra, đôn đốc việc triển khai thực hiện của các cơ quan, đơn vị; tổng hợp kết quả thực hiện Kế hoạch định kỳ hàng năm và theo yêu cầu đột xuất.',
        '- Chủ trì tổng hợp kết quả đánh giá, chấm điểm các tiêu chí mô hình “Chính quyền thân thiện” hằng năm, báo cáo Ủy ban nhân dân xã trình thành phố xem xét, quyết định.',
        '- Chủ trì tham mưu thực hiện sơ kết vào năm 2027, tổng kết giai đoạn thực hiện Kế hoạch này; Tham mưu, đề xuất cấp có thẩm quyền xem xét, quyết định khen thưởng đối với các tập thể, cá nhân có thành tích.',
        '- Hướng dẫn các cơ sở thôn đẩy mạnh phong trào: Toàn dân xây dựng đời sống văn hóa gắn với các tiêu chí Chính quyền thân thiện; lồng ghép nội dung mô hình vào bình xét các danh hiệu văn hóa hằng năm.',
      ].join('\n'),
    },
    {
      heading: 'Trung tâm Phục vụ hành chính công',
      unit: 'TTPVHCC',
      text: 'Chủ trì, phối hợp với các cơ quan, đơn vị tham mưu chỉ đạo tiếp tục đẩy mạnh thực hiện cải cách thủ tục hành chính, đổi mới cơ chế hoạt động của Trung tâm phục vụ hành chính công bảo đảm đi vào thực chất, hiệu quả hướng đến mục tiêu phục vụ, tạo điều kiện tốt nhất cho người dân, doanh nghiệp.',
    },
    {
      heading: 'Văn phòng HĐND và UBND',
      unit: 'VP',
      text: [
        '- Phối hợp với Trung tâm Phục vụ hành chính công trong việc thực hiện đẩy mạnh thực hiện thủ tục hành chính.',
        '- Phối hợp với Phòng Văn hóa - Xã hội trong việc tổ chức các Hội nghị, Hội thảo sơ kết, tổng kết; trình ký các văn bản do lãnh đạo Ủy ban nhân dân xã ký liên quan đến việc triển khai thực hiện Kế hoạch này.',
      ].join('\n'),
    },
    {
      heading: 'Phòng Kinh tế',
      unit: 'KT',
      text: 'Phối hợp với Phòng Văn hóa - Xã hội và các cơ quan, đơn vị liên quan tham mưu, đề xuất Ủy ban nhân dân thành phố bố trí kinh phí ngân sách hàng năm để thực hiện (nếu có).',
    },
    {
      heading: 'Trung tâm Dịch vụ sự nghiệp công',
      unit: 'TTDVSNC',
      text: 'Đẩy mạnh công tác thông tin tuyên truyền những đơn vị, cá nhân có nhiều cách làm hay, sáng tạo, các gương điển hình trong thực hiện mô hình để tạo sức lan tỏa sâu rộng; đồng thời phản ánh những đơn vị thực hiện chưa nghiêm túc.',
    },
    {
      heading: 'Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam xã và các tổ chức chính trị - xã hội xã',
      unit: 'MTTQ',
      text: [
        '- Đẩy mạnh công tác tuyên truyền, phổ biến nội dung Kế hoạch; phát huy vai trò giám sát và phản biện xã hội trong quá trình triển khai thực hiện Kế hoạch;',
        '- Phối hợp với Phòng Văn hóa - Xã hội và các cơ quan, đơn vị có liên quan tổ chức đánh giá, chấm điểm các tiêu chí mô hình “Chính quyền thân thiện” trên địa bàn xã.',
      ].join('\n'),
    },
    {
      heading: 'Đề nghị Ban Xây dựng Đảng',
      unit: 'BXDD',
      text: [
        '- Phối hợp với các cơ quan liên quan nắm bắt tình hình, báo cáo, đề xuất giải quyết những khó khăn, vướng mắc trong việc triển khai thực hiện mô hình “Chính quyền thân thiện” tại các cơ quan, đơn vị; phối hợp với các cơ quan, đơn vị có liên quan theo dõi, đôn đốc, kiểm tra, giám sát việc triển khai thực hiện Kế hoạch tại các địa phương.',
        '- Phối hợp với Phòng Văn hóa - Xã hội và các cơ quan, đơn vị có liên quan đánh giá, chấm điểm các tiêu chí mô hình “Chính quyền thân thiện” trên địa bàn xã.',
      ].join('\n'),
    },
  ] as Array<{ heading: string; unit: string | null; text: string }>,
  // II. Mục tiêu: mức độ 3 năm 2026, nâng mức từ năm 2027, mức độ 4 năm 2030. The satisfaction
  // target is the city's (Hải Phòng's 2026 reform plan, QĐ 5256/QĐ-UBND: at least 90%); feedback
  // is answered within its legal deadline, so every item on time is the target.
  targets: [
    { year: 2026, level: 3, raiseLevel: false, satisfaction: 0.9, feedbackOnTime: 1 },
    { year: 2027, level: 3, raiseLevel: true, satisfaction: 0.9, feedbackOnTime: 1 },
    { year: 2028, level: 3, raiseLevel: true, satisfaction: 0.9, feedbackOnTime: 1 },
    { year: 2029, level: 3, raiseLevel: true, satisfaction: 0.9, feedbackOnTime: 1 },
    { year: 2030, level: 4, raiseLevel: false, satisfaction: 0.9, feedbackOnTime: 1 },
  ] satisfies StoredTarget[],
  signerTitle: 'CHỦ TỊCH',
  signerName: 'Vũ Đăng Chương',
  recipients: [
    'Sở Nội vụ thành phố',
    'TTĐU, TTHĐND xã',
    'CT, các PCT UBND xã',
    'Các cơ quan, đơn vị',
    'Các thôn trên địa bàn',
    'Cổng thông tin điện tử xã',
    'Lưu: VT, VHXXH',
  ],
};

export interface DemoTask {
  number: number;
  content: string;
  schedule: Schedule;
  scheduleText: string;
  /** The lead unit's code, or 'ALL': every unit of the commune leads. */
  lead: string;
  coordinating: string[];
  coordinatingText: string;
  /** The work that fulfils the task (null: completed by hand). */
  fulfilment: FulfilmentKind | null;
}

export const BINH_GIANG_TASKS: DemoTask[] = [
  {
    number: 1,
    content:
      'Tuyên truyền, phổ biến các văn bản về Chính quyền thân thiện, trọng tâm là: Đề án số 04-ĐA/TU ngày 14/01/2026 của Thành ủy Hải Phòng và Nghị quyết số 05-NQ/TU ngày 14/01/2026 của Ban Chấp hành Đảng bộ thành phố về xây dựng mô hình chủ nghĩa xã hội gắn với con người xã hội chủ nghĩa tại thành phố Hải Phòng giai đoạn 2026 - 2030 và những năm tiếp theo; Đề án thực hiện mô hình “Chính quyền thân thiện” tại xã, phường, đặc khu trên địa bàn thành phố Hải Phòng giai đoạn 2026 - 2030 và những năm tiếp theo; Quyết định số 5049/QĐ-UBND ngày 11/12/2025 của Ủy ban nhân dân thành phố ban hành Bộ tiêu chí, Bảng thang điểm và quy trình xét công nhận “Chính quyền thân thiện” cấp xã trên địa bàn thành phố',
    schedule: { kind: 'yearly' },
    scheduleText: 'Hằng năm',
    lead: 'VHXH',
    coordinating: ['TTPVHCC', 'VP', 'KT', 'TTDVSNC', 'MTTQ'],
    coordinatingText:
      'Các cơ quan, đơn vị thuộc UBND xã; Ủy ban Mặt trận Tổ quốc và các tổ chức chính trị- xã hội',
    fulfilment: 'outreach',
  },
  {
    number: 2,
    content:
      'Hướng dẫn các thôn đẩy mạnh phong trào: Toàn dân xây dựng đời sống văn hóa gắn với các tiêu chí Chính quyền thân thiện; lồng ghép nội dung mô hình vào bình xét các danh hiệu văn hóa hằng năm',
    schedule: { kind: 'yearly' },
    scheduleText: 'Hằng năm',
    lead: 'VHXH',
    coordinating: [],
    coordinatingText: 'Các thôn',
    fulfilment: 'village_assessments',
  },
  {
    number: 3,
    content:
      'Xây dựng Kế hoạch triển khai thực hiện “Chính quyền thân thiện” và đăng ký mức đạt chuẩn “Chính quyền thân thiện” hằng năm gửi về Sở Nội vụ tổng hợp, theo dõi',
    schedule: { kind: 'before_date', day: 15, month: 2 },
    scheduleText: 'Trước ngày 15/02 hằng năm',
    lead: 'VHXH',
    coordinating: ['TTPVHCC', 'VP', 'KT', 'TTDVSNC'],
    coordinatingText: 'Các phòng, ban, đơn vị liên quan',
    fulfilment: 'level_registration',
  },
  {
    number: 4,
    content: 'Tổ chức thực hiện các tiêu chí của mô hình Chính quyền thân thiện tại địa phương',
    schedule: { kind: 'continuous' },
    scheduleText: 'Thường xuyên',
    // “Các phòng, ban cơ quan, đơn vị thuộc UBND xã”: every unit leads
    lead: 'ALL',
    coordinating: ['MTTQ'],
    coordinatingText: 'Ủy ban Mặt trận Tổ quốc, các ngành liên quan',
    // carrying out the criteria is every unit's continuous work; no single record fulfils it
    fulfilment: null,
  },
  {
    number: 5,
    content:
      'Xây dựng báo cáo tự đánh giá, chấm điểm kết quả thực hiện các tiêu chí mô hình Chính quyền thân thiện theo mức đăng ký hằng năm, gửi báo cáo về Ủy ban nhân dân thành phố (qua Sở Nội vụ)',
    schedule: { kind: 'before_date', day: 12, month: 11 },
    scheduleText: 'Trước ngày 12/11 hằng năm',
    lead: 'VHXH',
    coordinating: ['TTPVHCC', 'VP', 'KT', 'TTDVSNC'],
    coordinatingText: 'Các phòng, ban, đơn vị liên quan',
    fulfilment: 'self_assessment',
  },
  {
    number: 6,
    content:
      'Khen thưởng, biểu dương đối với các cá nhân, tập thể có thành tích tiêu biểu trong việc thực hiện các tiêu chí mô hình Chính quyền thân thiện trên địa bàn',
    schedule: { kind: 'within_month', month: 12 },
    scheduleText: 'Tháng 12 hằng năm',
    lead: 'VHXH',
    coordinating: ['MTTQ', 'TTPVHCC', 'VP', 'KT', 'TTDVSNC'],
    coordinatingText: 'Ủy ban Mặt trận Tổ quốc; Các phòng, ban, đơn vị liên quan',
    fulfilment: 'reward_decisions',
  },
  {
    number: 7,
    content: 'Báo cáo kết quả triển khai thực hiện mô hình Chính quyền thân thiện trên địa bàn xã',
    schedule: { kind: 'within_month', month: 12 },
    scheduleText: 'Tháng 12 hằng năm',
    lead: 'VHXH',
    coordinating: ['TTPVHCC', 'VP', 'KT', 'TTDVSNC'],
    coordinatingText: 'Các phòng, ban, đơn vị liên quan',
    fulfilment: 'yearly_report',
  },
  {
    number: 8,
    content:
      'Tổng hợp dự toán kinh phí, tham mưu, đề xuất Ủy ban nhân dân thành phố bố trí kinh phí ngân sách hàng năm để thực hiện.',
    schedule: { kind: 'yearly' },
    scheduleText: 'Hằng năm',
    lead: 'KT',
    coordinating: [],
    coordinatingText: '',
    fulfilment: 'budget_proposal',
  },
  {
    number: 9,
    content:
      'Tiếp tục đẩy mạnh thực hiện cải cách thủ tục hành chính, đổi mới cơ chế hoạt động của Trung tâm phục vụ hành chính công, bảo đảm đi vào thực chất, hiệu quả hướng đến mục tiêu phục vụ, tạo điều kiện tốt nhất cho người dân, doanh nghiệp.',
    schedule: { kind: 'yearly' },
    scheduleText: 'Hằng năm',
    lead: 'TTPVHCC',
    coordinating: ['VHXH', 'VP', 'KT', 'TTDVSNC'],
    coordinatingText: 'Các phòng, ban, đơn vị liên quan',
    fulfilment: 'service_centre',
  },
  {
    number: 10,
    content: 'Sơ kết 2 năm và tổng kết giai đoạn thực hiện Chính quyền thân thiện',
    schedule: { kind: 'named_years', years: [2027, 2030] },
    scheduleText: 'Năm 2027 và năm 2030',
    lead: 'VHXH',
    coordinating: ['BXDD', 'VP'],
    coordinatingText: 'Ban xây dựng Đảng; Văn phòng HĐND- UBND và các cơ quan, đơn vị có liên quan',
    fulfilment: 'review_report',
  },
];
