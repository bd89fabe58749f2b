import {
  BUDGET_SOURCE_LABELS,
  BUDGET_SOURCES,
  BUDGET_STATUSES,
  CITY_LINE_STATUSES,
  formatVnd,
  MAX_AMOUNT,
} from '@cqtt/domain/budget/budget';
import { z } from 'zod';
import { endpoint } from './endpoint.ts';
import { registerEndpoints } from './register.ts';
import {
  communeId,
  day,
  FileRef,
  fileIds,
  idParams,
  optionalText,
  page,
  pageQuery,
  searchQuery,
  text,
  UnitRef,
  UserRef,
  yearField,
  yearQuery,
} from './shared.ts';

/** Budget (kinh phí): the year's estimate, its lines, the leader's approval, the spending. */

/** Whole đồng, never negative; the messages say so in Vietnamese. */
const amount = z
  .number()
  .int('Số tiền phải là số đồng nguyên.')
  .min(0, 'Số tiền không được âm.')
  .max(MAX_AMOUNT, `Số tiền không được vượt quá ${formatVnd(MAX_AMOUNT)}.`);
const source = z.enum(
  BUDGET_SOURCES,
  `Nguồn kinh phí phải là: ${Object.values(BUDGET_SOURCE_LABELS).join(', ')}.`,
);

const Totals = z.object({
  estimated: z.number(),
  approved: z.number(),
  spent: z.number(),
  remaining: z.number(),
});
export const EstimateSummary = z.object({
  id: z.uuid(),
  communeId: z.uuid(),
  year: z.number(),
  title: z.string(),
  status: z.enum(BUDGET_STATUSES),
  unit: UnitRef.nullable(),
  lineCount: z.number(),
  totals: Totals,
  updatedAt: z.string(),
});
export type EstimateSummary = z.output<typeof EstimateSummary>;

export const Spending = z.object({
  id: z.uuid(),
  spentOn: z.string(),
  amount: z.number(),
  content: z.string(),
  overReason: z.string().nullable(),
  files: z.array(FileRef),
  createdBy: UserRef.nullable(),
});
/** A line the city budget funds: proposed by the commune's issued tờ trình, decided by the city. */
export const CityFunding = z.object({
  status: z.enum(['not_proposed', ...CITY_LINE_STATUSES]),
  statusLabel: z.string(),
  /** The issued tờ trình that asked for it. */
  proposal: z.object({ id: z.uuid(), number: z.string(), issuedOn: z.string() }).nullable(),
  reason: z.string(),
  decidedAt: z.string().nullable(),
  decidedBy: UserRef.nullable(),
});
export type CityFunding = z.output<typeof CityFunding>;

export const BudgetLine = z.object({
  id: z.uuid(),
  number: z.number(),
  content: z.string(),
  amount: z.number(),
  source: z.enum(BUDGET_SOURCES),
  sourceLabel: z.string(),
  approvedAmount: z.number().nullable(),
  /** Null unless the city budget funds the line. */
  city: CityFunding.nullable(),
  note: z.string(),
  spent: z.number(),
  remaining: z.number(),
  overspent: z.boolean(),
  spendings: z.array(Spending),
});
export type BudgetLine = z.output<typeof BudgetLine>;

export const Estimate = EstimateSummary.extend({
  note: z.string(),
  decisionNote: z.string(),
  submittedAt: z.string().nullable(),
  submittedBy: UserRef.nullable(),
  decidedAt: z.string().nullable(),
  decidedBy: UserRef.nullable(),
  bySource: z.record(
    z.string(),
    z.object({ estimated: z.number(), approved: z.number(), spent: z.number() }),
  ),
  lines: z.array(BudgetLine),
});
export type Estimate = z.output<typeof Estimate>;

const lineFields = { content: text(1000), amount, source, note: optionalText(2000).optional() };

const register = registerEndpoints(['list', 'create', 'get', 'update'], {
  url: '/api/budgets',
  tag: 'budget',
  item: EstimateSummary,
  record: Estimate,
  filter: { communeId, year: yearQuery.optional(), unitId: z.uuid().optional(), q: searchQuery },
  fields: {
    year: yearField,
    title: text(500),
    unitId: z.uuid().nullable().optional(),
    note: optionalText(5000).optional(),
  },
  updateFields: {
    title: text(500),
    note: optionalText(5000).optional(),
    unitId: z.uuid().nullable().optional(),
  },
  write: { permission: 'budget.manage' },
  summary: {
    list: 'Danh sách dự toán kinh phí; lọc theo năm, đơn vị lập, tìm không cần dấu',
    create: 'Lập dự toán kinh phí của một năm (mỗi năm một dự toán)',
    get: 'Một dự toán: các dòng, số được duyệt, các khoản chi và số còn lại',
    update: 'Sửa tên, ghi chú, đơn vị lập của dự toán đang lập',
  },
  example: {
    create: { year: 2031, title: 'Dự toán kinh phí thực hiện mô hình “Chính quyền thân thiện” năm 2031' },
    update: { title: 'Dự toán kinh phí năm 2026 (sửa)' },
  },
});

export const estimates = {
  ...register,
  addLine: endpoint({
    method: 'POST',
    url: '/api/budgets/:id/lines',
    tag: 'budget',
    summary: 'Thêm một dòng vào dự toán đang lập (nội dung, số tiền, nguồn)',
    access: { permission: 'budget.manage' },
    params: idParams,
    body: z.strictObject(lineFields),
    example: { content: 'In pano, khẩu hiệu tuyên truyền', amount: 15_000_000, source: 'commune' },
    response: Estimate,
    status: 201,
  }),
  updateLine: endpoint({
    method: 'PATCH',
    url: '/api/budget-lines/:id',
    tag: 'budget',
    summary: 'Sửa một dòng của dự toán đang lập',
    access: { permission: 'budget.manage' },
    params: idParams,
    body: z.strictObject({
      content: lineFields.content.optional(),
      amount: amount.optional(),
      source: source.optional(),
      note: lineFields.note,
    }),
    example: { amount: 12_500_000 },
    response: Estimate,
  }),
  removeLine: endpoint({
    method: 'DELETE',
    url: '/api/budget-lines/:id',
    tag: 'budget',
    summary: 'Xóa một dòng của dự toán đang lập',
    access: { permission: 'budget.manage' },
    params: idParams,
    response: Estimate,
  }),
  submit: endpoint({
    method: 'POST',
    url: '/api/budgets/:id/submit',
    tag: 'budget',
    summary: 'Trình lãnh đạo phê duyệt dự toán',
    access: { permission: 'budget.manage' },
    params: idParams,
    response: Estimate,
  }),
  approve: endpoint({
    method: 'POST',
    url: '/api/budgets/:id/approve',
    tag: 'budget',
    summary:
      'Lãnh đạo phê duyệt dự toán, ghi số được duyệt của từng dòng do xã bố trí (dòng ngân sách thành phố do thành phố duyệt)',
    access: { permission: 'budget.approve' },
    params: idParams,
    body: z.strictObject({
      lines: z.array(z.strictObject({ lineId: z.uuid(), approvedAmount: amount })).max(500),
      note: optionalText(2000).optional(),
    }),
    example: { lines: [{ lineId: '00000000-0000-4000-8000-000000000000', approvedAmount: 10_000_000 }] },
    response: Estimate,
  }),
  return: endpoint({
    method: 'POST',
    url: '/api/budgets/:id/return',
    tag: 'budget',
    summary: 'Lãnh đạo trả lại dự toán để chỉnh sửa, kèm lý do',
    access: { permission: 'budget.approve' },
    params: idParams,
    body: z.strictObject({ reason: text(2000) }),
    example: { reason: 'Đề nghị rà soát lại dòng in pano cho sát giá thị trường.' },
    response: Estimate,
  }),
  addSpending: endpoint({
    method: 'POST',
    url: '/api/budget-lines/:id/spendings',
    tag: 'budget',
    summary: 'Ghi một khoản chi vào dòng đã duyệt, kèm chứng từ; chi vượt phải nêu lý do',
    access: { permission: 'budget.manage' },
    params: idParams,
    body: z.strictObject({
      spentOn: day,
      amount,
      content: text(1000),
      overReason: optionalText(2000).optional(),
      fileIds: fileIds(20).optional(),
    }),
    example: { spentOn: '2026-03-10', amount: 2_000_000, content: 'Thanh toán in 20 băng rôn' },
    response: Estimate,
    status: 201,
  }),
  removeSpending: endpoint({
    method: 'DELETE',
    url: '/api/budget-spendings/:id',
    tag: 'budget',
    summary: 'Xóa một khoản chi ghi nhầm',
    access: { permission: 'budget.manage' },
    params: idParams,
    response: Estimate,
  }),
  exportXlsx: endpoint({
    method: 'GET',
    url: '/api/budgets/:id/export.xlsx',
    tag: 'budget',
    summary: 'Tải bảng dự toán, số duyệt, số đã chi của năm dạng Excel (XLSX)',
    access: 'user',
    params: idParams,
    status: 200,
    file: true,
  }),
};

// ------------------------------------------------------------------ the city's decision

export const CityBudgetLine = z.object({
  id: z.uuid(),
  commune: z.object({ id: z.uuid(), name: z.string() }),
  year: z.number(),
  number: z.number(),
  content: z.string(),
  amount: z.number(),
  approvedAmount: z.number().nullable(),
  note: z.string(),
  city: CityFunding,
});
export type CityBudgetLine = z.output<typeof CityBudgetLine>;

export const cityFunds = {
  list: endpoint({
    method: 'GET',
    url: '/api/city/budget-lines',
    tag: 'budget',
    summary:
      'Các dòng kinh phí các xã đề nghị ngân sách thành phố bố trí (theo tờ trình đã ban hành): chờ xem xét, đã bố trí, không bố trí',
    access: { permission: 'city.view' },
    query: z.strictObject({
      year: yearQuery.optional(),
      status: z.enum(CITY_LINE_STATUSES).optional(),
      communeId: z.uuid().optional(),
      ...pageQuery,
    }),
    response: page(CityBudgetLine),
  }),
  decide: endpoint({
    method: 'POST',
    url: '/api/budget-lines/:id/city-decision',
    tag: 'budget',
    summary:
      'Thành phố bố trí (ghi số kinh phí) hoặc không bố trí (nêu lý do) một dòng kinh phí xã đã đề xuất bằng tờ trình',
    access: { permission: 'budget.approve_city' },
    params: idParams,
    body: z.strictObject({
      decision: z.enum(
        ['approve', 'refuse'],
        'Quyết định phải là bố trí (approve) hoặc không bố trí (refuse).',
      ),
      approvedAmount: amount.optional(),
      reason: optionalText(2000).optional(),
    }),
    example: { decision: 'approve', approvedAmount: 80_000_000 },
    response: CityBudgetLine,
  }),
};
