import { describe, expect, it } from 'vitest';
import {
  conductCodeOf,
  conductProblems,
  conductWordingProblems,
  DEFAULT_CONDUCT_CODE,
  DEFAULT_CONDUCT_WORDING,
  FIVE_KHONG,
  FOUR_LUON,
  FOUR_XIN,
  tallyConduct,
} from './conduct.ts';

describe('"4 xin, 4 luôn, 5 không"', () => {
  it('has four, four and five items with unique keys', () => {
    expect(FOUR_XIN).toHaveLength(4);
    expect(FOUR_LUON).toHaveLength(4);
    expect(FIVE_KHONG).toHaveLength(5);
    const keys = [...FOUR_XIN, ...FOUR_LUON, ...FIVE_KHONG].map((i) => i.key);
    expect(new Set(keys).size).toBe(13);
    expect(FOUR_XIN.map((i) => i.label)).toEqual(['Xin chào', 'Xin lỗi', 'Xin cảm ơn', 'Xin phép']);
    expect(FOUR_LUON.map((i) => i.label)).toEqual([
      'Luôn mỉm cười',
      'Luôn nhẹ nhàng',
      'Luôn lắng nghe',
      'Luôn giúp đỡ',
    ]);
  });

  it('accepts nothing ticked, and known items', () => {
    expect(conductProblems({ done: [], breaches: [] })).toEqual([]);
    expect(conductProblems({ done: ['xin_chao', 'luon_lang_nghe'], breaches: ['khong_tre_hen'] })).toEqual(
      [],
    );
  });

  it('refuses unknown keys, a breach ticked as done, and repeats, with the path', () => {
    expect(conductProblems({ done: ['khong_tre_hen'], breaches: [] })).toEqual([
      { path: 'conduct.done.0', message: '«khong_tre_hen» không thuộc «4 xin, 4 luôn».' },
    ]);
    expect(conductProblems({ done: [], breaches: ['xin_chao'] })).toEqual([
      { path: 'conduct.breaches.0', message: '«xin_chao» không thuộc «5 không».' },
    ]);
    expect(conductProblems({ done: ['xin_chao', 'xin_chao'], breaches: [] })).toEqual([
      { path: 'conduct.done.1', message: '«xin_chao» bị chọn lặp.' },
    ]);
  });

  it('follows a commune-specific code', () => {
    const code = { done: [{ key: 'xin_chao', label: 'Xin chào' }], breaches: [{ key: 'x', label: 'X' }] };
    expect(conductProblems({ done: ['xin_loi'], breaches: ['x'] }, code)).toHaveLength(1);
  });

  it('tallies items per rating in the code order', () => {
    const t = tallyConduct([
      { done: ['xin_chao', 'xin_cam_on'], breaches: [] },
      { done: ['xin_chao'], breaches: ['khong_viec_rieng', 'unknown'] },
      { done: [], breaches: [] },
    ]);
    expect(t.ratings).toBe(3);
    expect(t.done.find((d) => d.key === 'xin_chao')!.count).toBe(2);
    expect(t.done.find((d) => d.key === 'xin_cam_on')!.count).toBe(1);
    expect(t.done.find((d) => d.key === 'xin_phep')!.count).toBe(0);
    expect(t.breaches.map((b) => b.count)).toEqual([0, 0, 1, 0, 0]);
    expect(t.done.map((d) => d.key)).toEqual(DEFAULT_CONDUCT_CODE.done.map((d) => d.key));
  });
});

describe("a commune's wording of the code", () => {
  const reworded = {
    ...DEFAULT_CONDUCT_WORDING,
    luon: ['Luôn mỉm cười', 'Luôn nhẹ nhàng', 'Luôn thấu hiểu', 'Luôn giúp đỡ'],
  };

  it("the default is the code's own items, in their order", () => {
    const code = conductCodeOf(DEFAULT_CONDUCT_WORDING);
    expect(code.done).toEqual(DEFAULT_CONDUCT_CODE.done);
    expect(code.breaches).toEqual(DEFAULT_CONDUCT_CODE.breaches);
    expect(code.xin.map((i) => i.label)).toEqual(['Xin chào', 'Xin lỗi', 'Xin cảm ơn', 'Xin phép']);
  });

  it('a reworded item keeps its key, so earlier ratings still count for it', () => {
    const code = conductCodeOf(reworded);
    expect(code.luon[2]).toEqual({ key: 'luon_lang_nghe', label: 'Luôn thấu hiểu' });
    expect(tallyConduct([{ done: ['luon_lang_nghe'], breaches: [] }], code).done[6]).toEqual({
      key: 'luon_lang_nghe',
      label: 'Luôn thấu hiểu',
      count: 1,
    });
  });

  it('accepts four, four and five items', () => {
    expect(conductWordingProblems(DEFAULT_CONDUCT_WORDING)).toEqual([]);
    expect(conductWordingProblems(reworded)).toEqual([]);
  });

  it('refuses a group with too few or too many items', () => {
    expect(conductWordingProblems({ ...reworded, xin: ['Xin chào'] })).toEqual([
      { path: 'xin', message: '«4 xin» phải có đúng 4 nội dung (đang có 1).' },
    ]);
    expect(
      conductWordingProblems({ ...reworded, khong: [...reworded.khong, 'Không uống rượu'] })[0]?.path,
    ).toBe('khong');
  });

  it('refuses an empty, a too long or a repeated item (blanks and case ignored)', () => {
    expect(conductWordingProblems({ ...reworded, xin: ['Xin chào', ' ', 'Xin cảm ơn', 'Xin phép'] })).toEqual(
      [{ path: 'xin.1', message: 'Nội dung thứ 2 của «4 xin» phải dài từ 2 đến 200 ký tự.' }],
    );
    expect(
      conductWordingProblems({ ...reworded, xin: ['Xin chào', 'a'.repeat(201), 'Xin cảm ơn', 'Xin phép'] }),
    ).toHaveLength(1);
    expect(
      conductWordingProblems({ ...reworded, xin: ['Xin chào', 'xin chào ', 'Xin cảm ơn', 'Xin phép'] }),
    ).toEqual([{ path: 'xin.1', message: 'Nội dung thứ 2 của «4 xin» bị lặp.' }]);
  });
});
