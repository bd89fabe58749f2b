import type { EventFulfilmentKind } from '../plans/fulfilment.ts';

/**
 * Official documents the commune issues from cqtt's data (DOMAIN.md "Official documents"),
 * numbered in its register of issued documents (sổ đăng ký văn bản đi): numbers run from 01 on
 * 1 January to 31 December, per commune, year and symbol, without gaps; an issued document is
 * never edited, a correction is a new document naming the one it replaces.
 */
export const DOCUMENT_KINDS = [
  'plan',
  'registration-letter',
  'self-assessment-report',
  'yearly-report',
  'review-report',
  'budget-proposal',
] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export const DOCUMENT_STATUSES = ['draft', 'issued'] as const;
export type DocumentStatus = (typeof DOCUMENT_STATUSES)[number];

export interface DocumentKindInfo {
  /** Ký hiệu: "BC-UBND"; a letter (công văn) names the drafting unit: "UBND-VHXH". */
  symbol: string;
  /** Tên loại in bold capitals; null for a letter (công văn), which has none. */
  type: string | null;
  /** How the register and the console name the kind. */
  label: string;
  /** The task fulfilment the issued document counts as, if any. */
  fulfils: EventFulfilmentKind | null;
}

export const DOCUMENT_KIND_INFO: Record<DocumentKind, DocumentKindInfo> = {
  plan: { symbol: 'KH-UBND', type: 'Kế hoạch', label: 'Kế hoạch', fulfils: 'yearly_plan' },
  'registration-letter': {
    symbol: 'UBND-VHXH',
    type: null,
    label: 'Văn bản đăng ký mức độ',
    fulfils: null,
  },
  'self-assessment-report': {
    symbol: 'BC-UBND',
    type: 'Báo cáo',
    label: 'Báo cáo tự đánh giá, chấm điểm',
    fulfils: null,
  },
  'yearly-report': {
    symbol: 'BC-UBND',
    type: 'Báo cáo',
    label: 'Báo cáo kết quả năm',
    fulfils: 'yearly_report',
  },
  'review-report': {
    symbol: 'BC-UBND',
    type: 'Báo cáo',
    label: 'Báo cáo sơ kết, tổng kết',
    fulfils: 'review_report',
  },
  'budget-proposal': {
    symbol: 'TTr-UBND',
    type: 'Tờ trình',
    label: 'Tờ trình đề xuất kinh phí',
    fulfils: 'budget_proposal',
  },
};

export const DOCUMENT_STATUS_LABELS: Record<DocumentStatus, string> = {
  draft: 'Dự thảo',
  issued: 'Đã ban hành',
};

export function isDocumentKind(value: unknown): value is DocumentKind {
  return typeof value === 'string' && (DOCUMENT_KINDS as readonly string[]).includes(value);
}

/** The number as written: below 10 with a leading zero (Nghị định 30/2020, Phụ lục I): "05". */
export function registerNumber(n: number): string {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`số văn bản không hợp lệ: ${n}`);
  return n < 10 ? `0${n}` : String(n);
}

/** "05/BC-UBND". */
export function documentNumber(n: number, symbol: string): string {
  return `${registerNumber(n)}/${symbol}`;
}

/** Why a signer cannot sign, or null: a name and a title are both needed. */
export function signerProblem(signer: { name?: string | null; title?: string | null }): {
  path: 'signerName' | 'signerTitle';
  message: string;
} | null {
  if (!(signer.name ?? '').trim())
    return { path: 'signerName', message: 'Văn bản ban hành phải có họ tên người ký.' };
  if (!(signer.title ?? '').trim())
    return { path: 'signerTitle', message: 'Văn bản ban hành phải có chức vụ người ký.' };
  return null;
}

/** Reviews of the plan (task 10): sơ kết over the years so far, tổng kết over the whole period. */
export type ReviewKind = 'so_ket' | 'tong_ket';

export const REVIEW_LABELS: Record<ReviewKind, string> = {
  so_ket: 'Sơ kết',
  tong_ket: 'Tổng kết',
};

/**
 * The review a report of `year` makes, given the years the plan schedules a review in (the
 * occurrences of its task fulfilled by review reports) and its period: the plan's last year, or
 * the last scheduled year of an open-ended plan, is the final review (tổng kết) of the whole
 * period; an earlier scheduled year is a mid-term review (sơ kết) from the first year to it.
 * A year the plan schedules no review in has none (null).
 */
export function reviewFor(
  year: number,
  period: { fromYear: number; toYear: number | null },
  scheduledYears: readonly number[],
): { kind: ReviewKind; fromYear: number; toYear: number } | null {
  if (!scheduledYears.includes(year)) return null;
  if (year < period.fromYear || (period.toYear !== null && year > period.toYear)) return null;
  const last = period.toYear ?? Math.max(...scheduledYears);
  return { kind: year === last ? 'tong_ket' : 'so_ket', fromYear: period.fromYear, toYear: year };
}
