import { type IsoDate, isoDate, parseIsoDate } from '../plans/dates.ts';

/**
 * Dossiers (hồ sơ thủ tục hành chính) imported from the one-stop system, and the
 * "tiến độ" figure behind the national service index: the share of dossiers returned
 * on time. A dossier returned on or before its due date is on time; one returned after
 * it is late; one not returned whose due date has passed is late already; one not
 * returned and not yet due is still pending and not counted.
 */
export interface DossierDates {
  dueOn: IsoDate | null;
  returnedOn: IsoDate | null;
}

export type DossierTiming = 'on_time' | 'late' | 'pending';

export function dossierTiming(d: DossierDates, today: IsoDate): DossierTiming {
  if (d.returnedOn) return d.dueOn === null || d.returnedOn <= d.dueOn ? 'on_time' : 'late';
  if (d.dueOn !== null && d.dueOn < today) return 'late';
  return 'pending';
}

export interface OnTimeShare {
  counted: number;
  onTime: number;
  late: number;
  pending: number;
  share: number | null;
}

export function onTimeShare(dossiers: readonly DossierDates[], today: IsoDate): OnTimeShare {
  let onTime = 0;
  let late = 0;
  let pending = 0;
  for (const d of dossiers) {
    const t = dossierTiming(d, today);
    if (t === 'on_time') onTime++;
    else if (t === 'late') late++;
    else pending++;
  }
  const counted = onTime + late;
  return { counted, onTime, late, pending, share: counted === 0 ? null : onTime / counted };
}

/** A date as the one-stop system exports it: 29/11/2026, 29/11/2026 08:30, or 2026-11-29. */
export function parseDossierDate(value: string): IsoDate | null {
  const v = value.trim();
  if (!v) return null;
  const vn = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$/.exec(v);
  if (vn) {
    const date = isoDate(Number(vn[3]), Number(vn[2]), Number(vn[1]));
    return parseIsoDate(date) ? date : null;
  }
  const iso = /^(\d{4}-\d{2}-\d{2})(?:[T\s].*)?$/.exec(v);
  if (iso && parseIsoDate(iso[1]!)) return iso[1]!;
  return null;
}

export const DOSSIER_STATUSES = ['received', 'processing', 'returned', 'cancelled'] as const;
export type DossierStatus = (typeof DOSSIER_STATUSES)[number];

/** Maps the one-stop system's Vietnamese status words to ours; null when unknown. */
export function parseDossierStatus(value: string): DossierStatus | null {
  const v = value
    .trim()
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd');
  if (!v) return null;
  if (/^(da )?tra( ket qua)?$|^returned$|^hoan thanh$|^da giai quyet$/.test(v)) return 'returned';
  if (/^(dang )?(xu ly|giai quyet)$|^processing$/.test(v)) return 'processing';
  if (/^(moi )?tiep nhan$|^da tiep nhan$|^received$/.test(v)) return 'received';
  if (/^(da )?huy$|^cancelled$|^rut ho so$/.test(v)) return 'cancelled';
  return null;
}
