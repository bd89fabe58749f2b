import { ALERT_KINDS, YEAR_STAGES } from '@cqtt/domain/city/city';
import { MAX_LEVEL } from '@cqtt/domain/criteria/set';
import { COMMUNE_KINDS } from '@cqtt/domain/org/roles';
import { z } from 'zod';
import { type Endpoint, endpoint } from './endpoint.ts';
import { FileRef, fileIds, idParams, searchQuery, text, yearQuery } from './shared.ts';

/**
 * The city's workspace (Sở Nội vụ; a national account reads every city): the year at a glance,
 * the communes side by side over one year or several, the drill-down of a commune, the appraisal
 * queue with its rounds of "return for more material", the city's targets, the official indices
 * and what the public page of the city shows.
 */

const ratio = z.number().nullable();

/** An endpoint that answers a file to save (the console downloads it). */
function fileEndpoint<Q extends z.ZodType>(spec: Omit<Endpoint<undefined, Q, undefined, undefined>, 'file'>) {
  return { ...endpoint<undefined, Q>(spec), file: true as const };
}

export const CommuneYear = z.object({
  year: z.number(),
  stage: z.enum(YEAR_STAGES),
  stageLabel: z.string(),
  registeredLevel: z.number().nullable(),
  registeredOnTime: z.boolean().nullable(),
  assessmentId: z.uuid().nullable(),
  submittedAt: z.string().nullable(),
  submittedOnTime: z.boolean().nullable(),
  /** The level the scores reach now (self-assessed until the city appraises). */
  selfLevel: z.number().nullable(),
  recognisedLevel: z.number().nullable(),
  decisionNumber: z.string().nullable(),
  decisionDate: z.string().nullable(),
  total: z.number().nullable(),
  maxTotal: z.number().nullable(),
  groups: z.array(
    z.object({ code: z.string(), name: z.string(), points: z.number(), maxPoints: z.number() }),
  ),
  /** The five-element questionnaire: overall index, all answers, and each element with its answers. */
  satisfaction: z.object({
    index: ratio,
    answers: z.number(),
    responses: z.number(),
    elements: z.array(z.object({ key: z.string(), name: z.string(), index: ratio, answers: z.number() })),
  }),
  /** One-tap ratings at the counter. */
  counter: z.object({ index: ratio, ratings: z.number() }),
  feedback: z.object({
    received: z.number(),
    answered: z.number(),
    answeredOnTime: z.number(),
    overdue: z.number(),
    onTimeShare: ratio,
  }),
  tasks: z.object({ due: z.number(), onTime: z.number(), overdue: z.number() }),
  tasksOnTimeShare: ratio,
  outreach: z.object({
    activities: z.number(),
    activeVillages: z.number(),
    coveredVillages: z.number(),
    villageShare: ratio,
  }),
  budget: z.object({ approved: z.number(), spent: z.number(), spentShare: ratio }),
  /** Official results the city entered (percent), null when none. */
  official: z.object({ sipas: z.number().nullable(), parIndex: z.number().nullable() }),
});
export type CommuneYear = z.output<typeof CommuneYear>;

export const CommuneRow = CommuneYear.extend({
  communeId: z.uuid(),
  communeCode: z.string(),
  communeName: z.string(),
  kind: z.enum(COMMUNE_KINDS),
  cityName: z.string(),
  /** Rank among all the communes the caller sees by the sorted column (ties share a rank); null without a value. */
  rank: z.number().nullable(),
  /** Every year of the range, oldest first (the trend). */
  years: z.array(CommuneYear),
});
export type CommuneRow = z.output<typeof CommuneRow>;

export const SORT_KEYS = [
  'name',
  'registeredLevel',
  'selfLevel',
  'recognisedLevel',
  'total',
  'satisfaction',
  'counter',
  'feedbackReceived',
  'feedbackOnTime',
  'feedbackOverdue',
  'tasksOnTime',
  'outreach',
  'villageShare',
  'budgetSpent',
  'sipas',
  'parIndex',
] as const;
export type SortKey = (typeof SORT_KEYS)[number];

const level = z.coerce.number().int().min(0).max(MAX_LEVEL);

/** The filters of the side-by-side view (also its exports). */
export const communesQuery = z
  .strictObject({
    year: yearQuery.optional(),
    from: yearQuery.optional(),
    to: yearQuery.optional(),
    kind: z.enum(COMMUNE_KINDS).optional(),
    stage: z.enum(YEAR_STAGES).optional(),
    /** Recognised level (0: none yet), or the self-assessed level with levelOf=self. */
    level: level.optional(),
    levelOf: z.enum(['recognised', 'self', 'registered']).optional(),
    q: searchQuery,
    sort: z.enum(SORT_KEYS).optional(),
    order: z.enum(['asc', 'desc']).optional(),
  })
  .refine((v) => v.from === undefined || v.to === undefined || v.from <= v.to, {
    message: 'Năm bắt đầu phải trước hoặc bằng năm kết thúc.',
    path: ['from'],
  })
  .refine((v) => v.from === undefined || v.to === undefined || v.to - v.from <= 9, {
    message: 'Xem tối đa 10 năm một lần.',
    path: ['to'],
  });

export const communes = endpoint({
  method: 'GET',
  url: '/api/city/communes',
  tag: 'city',
  summary:
    'Các xã, phường, đặc khu cạnh nhau trong một năm hoặc nhiều năm: mức đăng ký, tự đánh giá, công nhận, điểm, sự hài lòng, phản ánh, nhiệm vụ, tuyên truyền, kinh phí; lọc, sắp xếp, xếp hạng',
  access: { permission: 'city.view' },
  query: communesQuery,
  response: z.object({
    from: z.number(),
    to: z.number(),
    sort: z.enum(SORT_KEYS),
    order: z.enum(['asc', 'desc']),
    items: z.array(CommuneRow),
    total: z.number(),
  }),
});

export const communesXlsx = fileEndpoint({
  method: 'GET',
  url: '/api/city/communes.xlsx',
  tag: 'city',
  summary: 'Bảng các xã cạnh nhau (XLSX), theo đúng bộ lọc và thứ tự đang xem',
  access: { permission: 'city.view' },
  query: communesQuery,
  status: 200,
});

export const reportDocx = fileEndpoint({
  method: 'GET',
  url: '/api/city/report.docx',
  tag: 'city',
  summary:
    'Báo cáo tổng hợp kết quả thực hiện mô hình của các xã, phường, đặc khu trong năm (DOCX, thể thức Nghị định 30/2020)',
  access: { permission: 'city.view' },
  query: z.strictObject({ year: yearQuery }),
  status: 200,
});

const StageCounts = z.object({
  communes: z.number(),
  registeredOnTime: z.number(),
  registeredLate: z.number(),
  notRegistered: z.number(),
  notRegisteredOverdue: z.number(),
  notOpened: z.number(),
  inProgress: z.number(),
  submittedOnTime: z.number(),
  submittedLate: z.number(),
  notSubmittedOverdue: z.number(),
  returned: z.number(),
  appraising: z.number(),
  recognised: z.number(),
});

export const Alert = z.object({
  communeId: z.uuid(),
  communeCode: z.string(),
  communeName: z.string(),
  kind: z.enum(ALERT_KINDS),
  text: z.string(),
});

export const home = endpoint({
  method: 'GET',
  url: '/api/city/home',
  tag: 'city',
  summary:
    'Trang chủ của Sở Nội vụ: số xã theo từng bước của năm, phân bố mức độ được công nhận so với chỉ tiêu, cảnh báo nêu tên xã chậm',
  access: { permission: 'city.view' },
  query: z.strictObject({ year: yearQuery.optional() }),
  response: z.object({
    year: z.number(),
    today: z.string(),
    stages: StageCounts,
    /** The levels the criteria sets in effect define (more than four when a decision says so), and any level held. */
    levelsInUse: z.array(z.number()),
    /** Communes at each recognised level exactly: level 0 (none recognised yet), then every level in use. */
    levels: z.array(z.object({ level: z.number(), communes: z.number() })),
    gaps: z.array(
      z.object({
        level: z.number(),
        target: ratio,
        reached: z.number(),
        share: ratio,
        missing: z.number().nullable(),
      }),
    ),
    alerts: z.array(Alert),
  }),
});

const Round = z.object({
  round: z.number(),
  request: z.string(),
  requestedBy: z.string(),
  requestedAt: z.string(),
  answer: z.string().nullable(),
  answeredBy: z.string().nullable(),
  answeredAt: z.string().nullable(),
  files: z.array(FileRef),
});

export const commune = endpoint({
  method: 'GET',
  url: '/api/city/communes/:id',
  tag: 'city',
  summary:
    'Trang của một xã cho thành phố (chỉ xem): mục tiêu 2026-2030, nhiệm vụ trong năm, hồ sơ tự đánh giá, sự hài lòng, phản ánh',
  access: { permission: 'city.view' },
  params: idParams,
  query: z.strictObject({ year: yearQuery.optional() }),
  response: z.object({
    communeId: z.uuid(),
    communeCode: z.string(),
    communeName: z.string(),
    kind: z.enum(COMMUNE_KINDS),
    cityName: z.string(),
    year: z.number(),
    /** The plan's objective per year (level) next to what the commune registered, reached and was recognised. */
    objectives: z.array(
      z.object({
        year: z.number(),
        planLevel: z.number().nullable(),
        registeredLevel: z.number().nullable(),
        selfLevel: z.number().nullable(),
        recognisedLevel: z.number().nullable(),
        total: z.number().nullable(),
      }),
    ),
    figures: CommuneYear,
    tasks: z.array(
      z.object({
        taskNumber: z.number(),
        content: z.string(),
        dueDate: z.string().nullable(),
        status: z.string(),
        completedOn: z.string().nullable(),
        leadUnit: z.string(),
      }),
    ),
    rounds: z.array(Round),
  }),
});

export const AppraisalItem = z.object({
  assessmentId: z.uuid(),
  communeId: z.uuid(),
  communeCode: z.string(),
  communeName: z.string(),
  kind: z.enum(COMMUNE_KINDS),
  year: z.number(),
  status: z.string(),
  statusLabel: z.string(),
  submittedAt: z.string().nullable(),
  submittedOnTime: z.boolean().nullable(),
  total: z.number(),
  selfLevel: z.number(),
  registeredLevel: z.number().nullable(),
  recognisedLevel: z.number().nullable(),
  rounds: z.number(),
  openRequest: z.string().nullable(),
});

export const appraisals = endpoint({
  method: 'GET',
  url: '/api/city/appraisals',
  tag: 'city',
  summary:
    'Hàng đợi thẩm định: hồ sơ đã gửi thành phố với ngày gửi, đúng hạn hay trễ; lọc theo trạng thái, hạn, tên',
  access: { permission: 'city.view' },
  query: z.strictObject({
    year: yearQuery.optional(),
    status: z.enum(['submitted', 'returned', 'recognised']).optional(),
    onTime: z.enum(['yes', 'no']).optional(),
    kind: z.enum(COMMUNE_KINDS).optional(),
    q: searchQuery,
  }),
  response: z.array(AppraisalItem),
});

export const returnAssessment = endpoint({
  method: 'POST',
  url: '/api/assessments/:id/return',
  tag: 'city',
  summary: 'Sở Nội vụ trả hồ sơ đã gửi về xã để bổ sung tài liệu, kèm yêu cầu bằng văn bản',
  access: { permission: 'city.manage' },
  params: idParams,
  body: z.strictObject({ request: text(4000) }),
  example: {
    request: 'Đề nghị bổ sung biên bản họp xét của Hội đồng và kết quả khảo sát sự hài lòng quý IV.',
  },
  status: 200,
  response: z.object({ id: z.uuid(), status: z.string(), rounds: z.array(Round) }),
});

export const resubmit = endpoint({
  method: 'POST',
  url: '/api/assessments/:id/resubmit',
  tag: 'city',
  summary: 'Xã trả lời yêu cầu bổ sung của thành phố (kèm tệp minh chứng) và gửi lại hồ sơ',
  access: { permission: 'city.resubmit' },
  params: idParams,
  body: z.strictObject({ answer: text(4000), fileIds: fileIds(30).optional() }),
  example: { answer: 'Xã đã bổ sung biên bản họp xét ngày 05/11 và kết quả khảo sát quý IV.' },
  status: 200,
  response: z.object({ id: z.uuid(), status: z.string(), rounds: z.array(Round) }),
});

export const rounds = endpoint({
  method: 'GET',
  url: '/api/assessments/:id/rounds',
  tag: 'city',
  summary: 'Các lần thành phố trả hồ sơ để bổ sung và câu trả lời của xã (xã và thành phố cùng xem)',
  access: 'user',
  params: idParams,
  response: z.array(Round),
});

const CityYear = z.object({
  year: z.number(),
  targets: z.array(z.object({ level: z.number(), share: z.number() })),
  satisfactionAlert: z.number().nullable(),
  overdueFeedbackAlert: z.number(),
  overdueTasksAlert: z.number(),
  publish: z.object({
    levels: z.boolean(),
    sipas: z.boolean(),
    parIndex: z.boolean(),
    satisfaction: z.boolean(),
  }),
  updatedAt: z.string().nullable(),
});
export type CityYear = z.output<typeof CityYear>;

export const yearParams = z.strictObject({ year: yearQuery });

export const cityYear = {
  get: endpoint({
    method: 'GET',
    url: '/api/city/years/:year',
    tag: 'city',
    summary:
      'Chỉ tiêu của thành phố trong năm (tỷ lệ xã đạt từng mức), ngưỡng cảnh báo, số liệu được công khai',
    access: { permission: 'city.view' },
    params: yearParams,
    response: CityYear,
  }),
  save: endpoint({
    method: 'PUT',
    url: '/api/city/years/:year',
    tag: 'city',
    summary:
      'Sở Nội vụ đặt chỉ tiêu tỷ lệ xã đạt từng mức (0-100%), ngưỡng cảnh báo và chọn số liệu công khai',
    access: { permission: 'city.manage' },
    params: yearParams,
    body: z.strictObject({
      targets: z
        .array(
          z.strictObject({
            level: z
              .number()
              .int()
              .min(1, `Mức độ phải từ 1 đến ${MAX_LEVEL}.`)
              .max(MAX_LEVEL, `Mức độ phải từ 1 đến ${MAX_LEVEL}.`),
            share: z.number().min(0, 'Tỷ lệ từ 0% đến 100%.').max(100, 'Tỷ lệ từ 0% đến 100%.'),
          }),
        )
        .max(MAX_LEVEL),
      satisfactionAlert: z
        .number()
        .min(0, 'Ngưỡng hài lòng từ 0% đến 100%.')
        .max(100, 'Ngưỡng hài lòng từ 0% đến 100%.')
        .nullable(),
      overdueFeedbackAlert: z.number().int().min(0).max(100_000),
      overdueTasksAlert: z.number().int().min(0).max(1000),
      publish: z.strictObject({
        levels: z.boolean(),
        sipas: z.boolean(),
        parIndex: z.boolean(),
        satisfaction: z.boolean(),
      }),
    }),
    example: {
      targets: [{ level: 3, share: 100 }],
      satisfactionAlert: 90,
      overdueFeedbackAlert: 0,
      overdueTasksAlert: 0,
      publish: { levels: true, sipas: true, parIndex: true, satisfaction: false },
    },
    response: CityYear,
  }),
};

// ------------------------------------------------------------------ the public page of a city

export const PublicCity = z.object({
  code: z.string(),
  name: z.string(),
  year: z.number(),
  /** Years that have something published, newest first. */
  years: z.array(z.number()),
  shows: z.object({
    levels: z.boolean(),
    sipas: z.boolean(),
    parIndex: z.boolean(),
    satisfaction: z.boolean(),
  }),
  communes: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      kind: z.enum(COMMUNE_KINDS),
      recognisedLevel: z.number().nullable(),
      decisionNumber: z.string().nullable(),
      sipas: z.number().nullable(),
      parIndex: z.number().nullable(),
      satisfaction: z.number().nullable(),
    }),
  ),
});
export type PublicCity = z.output<typeof PublicCity>;

export const publicCity = endpoint({
  method: 'GET',
  url: '/api/public/cities/:code',
  tag: 'city',
  summary:
    'Trang công khai của thành phố: mức độ được công nhận và các chỉ số được công bố của từng xã (không có dữ liệu cá nhân)',
  access: 'public',
  params: z.strictObject({
    code: z
      .string()
      .max(40)
      .regex(/^[A-Za-z0-9_-]+$/, 'Mã thành phố không hợp lệ.'),
  }),
  query: z.strictObject({ year: yearQuery.optional() }),
  response: PublicCity,
});
