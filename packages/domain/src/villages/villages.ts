/**
 * Village assessments (plan, task 2): each year each village is assessed for the
 * cultural title ("Thôn văn hóa") and its families' titles ("Gia đình văn hóa"), with
 * the friendly-government items integrated into the assessment.
 */

/** The model's items a village is assessed on, integrated into the cultural title (a sensible default). */
export const VILLAGE_MODEL_ITEMS = [
  {
    key: 'democracy',
    label: 'Thực hiện tốt quy chế dân chủ ở cơ sở; công khai các khoản đóng góp của nhân dân',
  },
  {
    key: 'outreach',
    label: 'Tuyên truyền mô hình “Chính quyền thân thiện” tại thôn (bảng tin, loa, hội nghị)',
  },
  { key: 'feedback', label: 'Tiếp nhận, chuyển kịp thời phản ánh, kiến nghị của người dân đến UBND xã' },
  { key: 'conduct', label: 'Cán bộ thôn thực hiện “4 xin, 4 luôn” khi làm việc với người dân' },
  { key: 'procedures', label: 'Hướng dẫn người dân thực hiện thủ tục hành chính, dịch vụ công trực tuyến' },
] as const;
export type VillageModelItem = (typeof VILLAGE_MODEL_ITEMS)[number]['key'];
export const VILLAGE_MODEL_ITEM_KEYS = VILLAGE_MODEL_ITEMS.map((i) => i.key) as VillageModelItem[];

/** Share of families with the title at which a village is usually proposed (configurable later). */
export const CULTURAL_FAMILY_SHARE_TARGET = 0.8;

export interface VillageAssessmentFigures {
  households: number;
  culturalFamilies: number;
  modelItems: readonly string[];
}

/** A Vietnamese sentence when the counts cannot be right, else null. */
export function assessmentProblem(a: VillageAssessmentFigures): { path: string; message: string } | null {
  for (const [path, value, name] of [
    ['households', a.households, 'Số hộ'],
    ['culturalFamilies', a.culturalFamilies, 'Số gia đình văn hóa'],
  ] as const) {
    if (!Number.isInteger(value)) return { path, message: `${name} phải là số nguyên.` };
    if (value < 0) return { path, message: `${name} không được âm.` };
  }
  if (a.culturalFamilies > a.households) {
    return { path: 'culturalFamilies', message: 'Số gia đình văn hóa không được lớn hơn tổng số hộ.' };
  }
  const unknown = a.modelItems.find((k) => !(VILLAGE_MODEL_ITEM_KEYS as string[]).includes(k));
  if (unknown) return { path: 'modelItems', message: `Tiêu chí «${unknown}» không có trong danh mục.` };
  return null;
}

export function culturalFamilyShare(a: { households: number; culturalFamilies: number }): number | null {
  return a.households > 0 ? a.culturalFamilies / a.households : null;
}

/** Whether the figures meet the usual bar for "Thôn văn hóa": enough cultural families and every model item. */
export function meetsCulturalTitle(a: VillageAssessmentFigures): boolean {
  const share = culturalFamilyShare(a);
  return (
    share !== null &&
    share >= CULTURAL_FAMILY_SHARE_TARGET &&
    VILLAGE_MODEL_ITEM_KEYS.every((k) => a.modelItems.includes(k))
  );
}

/** Share of active villages recognised "Thôn văn hóa" in a year; null with no active village. */
export function cultureTitleShare(activeVillages: number, recognised: number): number | null {
  return activeVillages > 0 ? recognised / activeVillages : null;
}
