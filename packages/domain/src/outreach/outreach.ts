/**
 * Outreach (tuyên truyền): the channels the plan names (part III.1), the conduct
 * slogans shown to citizens, and the yearly coverage per village and per channel.
 */

export const OUTREACH_KINDS = [
  'conference',
  'loudspeaker',
  'website',
  'zalo',
  'facebook',
  'banner',
  'performance',
  'village_board',
] as const;
export type OutreachKind = (typeof OUTREACH_KINDS)[number];
export const OUTREACH_KIND_LABELS: Record<OutreachKind, string> = {
  conference: 'Hội nghị quán triệt',
  loudspeaker: 'Loa truyền thanh',
  website: 'Trang thông tin điện tử',
  zalo: 'Zalo',
  facebook: 'Facebook',
  banner: 'Pano - khẩu hiệu',
  performance: 'Văn hóa văn nghệ',
  village_board: 'Bảng tin thôn',
};

export interface CoverageActivity {
  kind: OutreachKind;
  villageId: string | null;
  audience: number | null;
}

export interface VillageCoverage {
  villageId: string;
  activities: number;
  audience: number;
  kinds: OutreachKind[];
}

export interface Coverage {
  villages: VillageCoverage[];
  channels: Array<{ kind: OutreachKind; activities: number; audience: number }>;
  activeVillages: number;
  coveredVillages: number;
  /** Share of active villages with at least one activity; null with no active village. */
  share: number | null;
  activities: number;
  audience: number;
}

/** Coverage of a year's activities over the commune's active villages, and by channel. */
export function outreachCoverage(
  activeVillageIds: readonly string[],
  activities: readonly CoverageActivity[],
): Coverage {
  const byVillage = new Map<string, VillageCoverage>(
    activeVillageIds.map((id) => [id, { villageId: id, activities: 0, audience: 0, kinds: [] }]),
  );
  const byKind = new Map(OUTREACH_KINDS.map((k) => [k, { kind: k, activities: 0, audience: 0 }]));
  let audience = 0;
  for (const a of activities) {
    const people = a.audience ?? 0;
    audience += people;
    const channel = byKind.get(a.kind)!;
    channel.activities += 1;
    channel.audience += people;
    const v = a.villageId ? byVillage.get(a.villageId) : undefined;
    if (v) {
      v.activities += 1;
      v.audience += people;
      if (!v.kinds.includes(a.kind)) v.kinds.push(a.kind);
    }
  }
  const villages = [...byVillage.values()];
  for (const v of villages) v.kinds.sort((a, b) => OUTREACH_KINDS.indexOf(a) - OUTREACH_KINDS.indexOf(b));
  const covered = villages.filter((v) => v.activities > 0).length;
  return {
    villages,
    channels: [...byKind.values()],
    activeVillages: villages.length,
    coveredVillages: covered,
    share: villages.length === 0 ? null : covered / villages.length,
    activities: activities.length,
    audience,
  };
}

/** Where an activity happened must be said: a place, a village, or both. */
export function placeProblem(place: string | null | undefined, villageId: string | null | undefined) {
  if (!place?.trim() && !villageId) return 'Vui lòng nhập địa điểm hoặc chọn thôn nơi tổ chức.';
  return null;
}

export const GOOD_EXAMPLE_KINDS = ['good', 'shortcoming'] as const;
export type GoodExampleKind = (typeof GOOD_EXAMPLE_KINDS)[number];
export const GOOD_EXAMPLE_KIND_LABELS: Record<GoodExampleKind, string> = {
  good: 'Gương điển hình, cách làm hay',
  shortcoming: 'Đơn vị thực hiện chưa nghiêm túc',
};
