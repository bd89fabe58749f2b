import type { Problem } from '../problem.ts';
/**
 * "4 xin, 4 luôn, 5 không": the conduct code at the counters (DOMAIN.md). A citizen ticks
 * the items the official did ("4 xin, 4 luôn") and any breach of a "5 không" item. The
 * "5 không" list differs between localities, so a commune may replace the default list;
 * the keys below are what the default stores.
 */
export interface ConductItem {
  key: string;
  label: string;
}

export const FOUR_XIN: readonly ConductItem[] = [
  { key: 'xin_chao', label: 'Xin chào' },
  { key: 'xin_loi', label: 'Xin lỗi' },
  { key: 'xin_cam_on', label: 'Xin cảm ơn' },
  { key: 'xin_phep', label: 'Xin phép' },
];

export const FOUR_LUON: readonly ConductItem[] = [
  { key: 'luon_mim_cuoi', label: 'Luôn mỉm cười' },
  { key: 'luon_nhe_nhang', label: 'Luôn nhẹ nhàng' },
  { key: 'luon_lang_nghe', label: 'Luôn lắng nghe' },
  { key: 'luon_giup_do', label: 'Luôn giúp đỡ' },
];

/** Default "5 không", after Gia Lai's code for its service centres (no Hải Phòng list found). */
export const FIVE_KHONG: readonly ConductItem[] = [
  { key: 'khong_tho_o', label: 'Không phân biệt đối xử, thờ ơ, vô cảm' },
  { key: 'khong_gay_kho_khan', label: 'Không gây khó khăn, phiền hà, vòi vĩnh' },
  { key: 'khong_viec_rieng', label: 'Không làm việc riêng khi người dân chờ' },
  { key: 'khong_hach_dich', label: 'Không hách dịch, cửa quyền, gợi ý dịch vụ không cần thiết' },
  { key: 'khong_tre_hen', label: 'Không hẹn miệng, không chậm tiếp nhận, trả kết quả' },
];

export interface ConductCode {
  /** Items the official should do: "4 xin" and "4 luôn". */
  done: readonly ConductItem[];
  /** Items the official must not do: "5 không"; a ticked one is a breach. */
  breaches: readonly ConductItem[];
}

export const DEFAULT_CONDUCT_CODE: ConductCode = { done: [...FOUR_XIN, ...FOUR_LUON], breaches: FIVE_KHONG };

/**
 * The commune's wording of the code: what its pano, its citizens' pages, its rating form and
 * its figures say. The items keep their places (and their keys, which the ratings store), so a
 * coordinator rewords an item without changing what earlier ratings counted.
 */
export interface ConductWording {
  xin: readonly string[];
  luon: readonly string[];
  khong: readonly string[];
}

export const CONDUCT_TITLE = '4 xin, 4 luôn, 5 không';
export const CONDUCT_SIZES = { xin: 4, luon: 4, khong: 5 } as const;
const GROUP_NAMES = { xin: '4 xin', luon: '4 luôn', khong: '5 không' } as const;

export const DEFAULT_CONDUCT_WORDING: ConductWording = {
  xin: FOUR_XIN.map((i) => i.label),
  luon: FOUR_LUON.map((i) => i.label),
  khong: FIVE_KHONG.map((i) => i.label),
};

/** The code's items with their stored keys, in the commune's words. */
export function conductCodeOf(wording: ConductWording): ConductCode & ConductGroups {
  const items = (defaults: readonly ConductItem[], labels: readonly string[]) =>
    defaults.map((d, i) => ({ key: d.key, label: labels[i] ?? d.label }));
  const xin = items(FOUR_XIN, wording.xin);
  const luon = items(FOUR_LUON, wording.luon);
  const khong = items(FIVE_KHONG, wording.khong);
  return { xin, luon, khong, done: [...xin, ...luon], breaches: khong };
}

export interface ConductGroups {
  xin: ConductItem[];
  luon: ConductItem[];
  khong: ConductItem[];
}

/** A wording's problems: each group holds exactly its items, each one 2-200 characters, none twice. */
export function conductWordingProblems(wording: ConductWording): Problem[] {
  const problems: Problem[] = [];
  for (const group of ['xin', 'luon', 'khong'] as const) {
    const labels = wording[group].map((l) => l.trim());
    const size = CONDUCT_SIZES[group];
    if (labels.length !== size) {
      problems.push({
        path: group,
        message: `«${GROUP_NAMES[group]}» phải có đúng ${size} nội dung (đang có ${labels.length}).`,
      });
      continue;
    }
    const seen = new Set<string>();
    labels.forEach((label, i) => {
      if (label.length < 2 || label.length > 200)
        problems.push({
          path: `${group}.${i}`,
          message: `Nội dung thứ ${i + 1} của «${GROUP_NAMES[group]}» phải dài từ 2 đến 200 ký tự.`,
        });
      else if (seen.has(label.toLocaleLowerCase('vi-VN')))
        problems.push({
          path: `${group}.${i}`,
          message: `Nội dung thứ ${i + 1} của «${GROUP_NAMES[group]}» bị lặp.`,
        });
      seen.add(label.toLocaleLowerCase('vi-VN'));
    });
  }
  return problems;
}

export interface ConductAnswer {
  done: readonly string[];
  breaches: readonly string[];
}

/** Checks ticked items against the code: known keys, no repeats. Empty is fine. */
export function conductProblems(answer: ConductAnswer, code: ConductCode = DEFAULT_CONDUCT_CODE): Problem[] {
  const problems: Problem[] = [];
  const check = (list: readonly string[], allowed: readonly ConductItem[], path: 'done' | 'breaches') => {
    const keys = new Set(allowed.map((i) => i.key));
    const seen = new Set<string>();
    list.forEach((key, i) => {
      if (!keys.has(key)) {
        problems.push({
          path: `conduct.${path}.${i}`,
          message:
            path === 'done' ? `«${key}» không thuộc «4 xin, 4 luôn».` : `«${key}» không thuộc «5 không».`,
        });
      } else if (seen.has(key)) {
        problems.push({ path: `conduct.${path}.${i}`, message: `«${key}» bị chọn lặp.` });
      }
      seen.add(key);
    });
  };
  check(answer.done, code.done, 'done');
  check(answer.breaches, code.breaches, 'breaches');
  return problems;
}

export interface ConductTally {
  key: string;
  label: string;
  count: number;
}

/** Per item, how many ratings ticked it (in the code's order, unknown keys ignored). */
export function tallyConduct(
  answers: readonly ConductAnswer[],
  code: ConductCode = DEFAULT_CONDUCT_CODE,
): { ratings: number; done: ConductTally[]; breaches: ConductTally[] } {
  const count = (items: readonly ConductItem[], pick: (a: ConductAnswer) => readonly string[]) =>
    items.map((item) => ({
      key: item.key,
      label: item.label,
      count: answers.filter((a) => pick(a).includes(item.key)).length,
    }));
  return {
    ratings: answers.length,
    done: count(code.done, (a) => a.done),
    breaches: count(code.breaches, (a) => a.breaches),
  };
}
