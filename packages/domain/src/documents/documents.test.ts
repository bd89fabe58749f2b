import { describe, expect, it } from 'vitest';
import {
  DOCUMENT_KIND_INFO,
  DOCUMENT_KINDS,
  documentNumber,
  isDocumentKind,
  registerNumber,
  reviewFor,
  signerProblem,
} from './documents.ts';

describe('numbers of the register', () => {
  it('below 10 with a leading zero, from 10 as is', () => {
    expect(registerNumber(1)).toBe('01');
    expect(registerNumber(9)).toBe('09');
    expect(registerNumber(10)).toBe('10');
    expect(registerNumber(125)).toBe('125');
    expect(documentNumber(5, 'BC-UBND')).toBe('05/BC-UBND');
    expect(documentNumber(12, 'TTr-UBND')).toBe('12/TTr-UBND');
  });
  it('refuses 0, negatives and fractions', () => {
    for (const n of [0, -1, 1.5, Number.NaN]) expect(() => registerNumber(n)).toThrow(RangeError);
  });
  it('every kind has its symbol; reports share BC-UBND; a letter has no type', () => {
    for (const k of DOCUMENT_KINDS) expect(DOCUMENT_KIND_INFO[k].symbol).toMatch(/^[A-ZĐa-z]+-[A-ZĐ]+$/);
    expect(DOCUMENT_KIND_INFO['yearly-report'].symbol).toBe('BC-UBND');
    expect(DOCUMENT_KIND_INFO['budget-proposal'].symbol).toBe('TTr-UBND');
    expect(DOCUMENT_KIND_INFO.plan.symbol).toBe('KH-UBND');
    expect(DOCUMENT_KIND_INFO['registration-letter'].type).toBeNull();
    expect(isDocumentKind('yearly-report')).toBe(true);
    expect(isDocumentKind('reward')).toBe(false);
  });
});

describe('the signer', () => {
  it('needs a name and a title', () => {
    expect(signerProblem({ name: 'Vũ Đăng Chương', title: 'Chủ tịch' })).toBeNull();
    expect(signerProblem({ name: '', title: 'Chủ tịch' })?.path).toBe('signerName');
    expect(signerProblem({ name: '  ', title: 'Chủ tịch' })?.message).toMatch(/họ tên người ký/);
    expect(signerProblem({ name: 'A', title: null })?.path).toBe('signerTitle');
    expect(signerProblem({})?.path).toBe('signerName');
  });
});

describe('reviewFor: sơ kết and tổng kết', () => {
  const period = { fromYear: 2026, toYear: 2030 };
  it('2027 is a mid-term review of 2026-2027, 2030 the final review of 2026-2030', () => {
    expect(reviewFor(2027, period, [2027, 2030])).toEqual({ kind: 'so_ket', fromYear: 2026, toYear: 2027 });
    expect(reviewFor(2030, period, [2027, 2030])).toEqual({ kind: 'tong_ket', fromYear: 2026, toYear: 2030 });
  });
  it('a year the plan schedules no review in has none', () => {
    for (const y of [2025, 2026, 2028, 2029, 2031]) expect(reviewFor(y, period, [2027, 2030])).toBeNull();
    expect(reviewFor(2027, period, [])).toBeNull();
  });
  it('a scheduled year outside the period has none; an open-ended plan ends at its last review', () => {
    expect(reviewFor(2031, period, [2027, 2031])).toBeNull();
    const open = { fromYear: 2026, toYear: null };
    expect(reviewFor(2027, open, [2027, 2032])?.kind).toBe('so_ket');
    expect(reviewFor(2032, open, [2027, 2032])).toEqual({ kind: 'tong_ket', fromYear: 2026, toYear: 2032 });
  });
});
