/**
 * Fixed phrases of the commune's documents: the kind of commune in every phrase ("Ủy ban nhân dân
 * phường", "trên địa bàn đặc khu"), the place of the date line, dates and figures as documents
 * write them (never an ISO date).
 */
import { type CommuneKind, formatVietnameseDate, formatVnd, percentText } from '@cqtt/domain';

export const KIND_WORD: Record<CommuneKind, string> = { xa: 'xã', phuong: 'phường', dac_khu: 'đặc khu' };

/** What the commune's residential units are called: "thôn" in a xã or đặc khu, "tổ dân phố" in a phường. */
export const VILLAGE_WORD: Record<CommuneKind, string> = {
  xa: 'thôn',
  phuong: 'tổ dân phố',
  dac_khu: 'thôn',
};

const KIND_PREFIX = /^(xã|phường|đặc khu)\s+/iu;

/** "Bình Giang" from "Xã Bình Giang": the place of the date line. */
export function placeOf(communeName: string): string {
  return communeName.replace(KIND_PREFIX, '');
}

export const lowerFirst = (s: string) => s.charAt(0).toLocaleLowerCase('vi-VN') + s.slice(1);
export const upperFirst = (s: string) => s.charAt(0).toLocaleUpperCase('vi-VN') + s.slice(1);

/** "Ủy ban nhân dân xã Bình Giang". */
export function committeeOf(communeName: string): string {
  return `Ủy ban nhân dân ${lowerFirst(communeName)}`;
}

/** "15/02/2026", or a dash for no date. */
export function dateText(iso: string | null | undefined): string {
  return iso ? formatVietnameseDate(iso.slice(0, 10)) : '—';
}

/**
 * "15/04/2026" as a document refers to another's date ("Kèm theo Kế hoạch số 25/KH-UBND ngày
 * 15/04/2026"), the dd/mm/yyyy of every date the commune shows; "     /     /2026" left for the pen
 * while the other document has no date yet.
 */
export function referenceDate(iso: string | null | undefined, year: number | string = ''): string {
  return iso ? formatVietnameseDate(iso.slice(0, 10)) : `     /     /${year}`;
}

export function pct(share: number | null | undefined): string {
  return share === null || share === undefined ? 'chưa có số liệu' : percentText(share);
}

export function money(amount: number): string {
  return formatVnd(amount);
}

/** Lines above the signer's name: on behalf of the committee, then the title (KT. for a deputy). */
export function signatureLines(signerTitle: string): string[] {
  const title = signerTitle.trim().toLocaleUpperCase('vi-VN') || 'CHỦ TỊCH';
  return title.startsWith('PHÓ CHỦ TỊCH')
    ? ['TM. ỦY BAN NHÂN DÂN', 'KT. CHỦ TỊCH', title]
    : ['TM. ỦY BAN NHÂN DÂN', title];
}

/** "(Kèm theo Báo cáo số 05/BC-UBND ngày 20/12/2026 của Ủy ban nhân dân xã Bình Giang)". */
export function attachedTo(
  type: string,
  symbol: string,
  issue: { number: string; date: string } | null,
  communeName: string,
  year: number,
): string {
  const number = issue ? issue.number : `     /${symbol}`;
  const date = referenceDate(issue?.date, year);
  return `(Kèm theo ${type} số ${number} ngày ${date} của ${committeeOf(communeName)})`;
}
