import { describe, expect, it } from 'vitest';
import { excerpt } from './excerpt.ts';

const length = (s: string) =>
  Array.from(new Intl.Segmenter('vi', { granularity: 'grapheme' }).segment(s)).length;

describe('excerpt', () => {
  const lamp = 'Đèn đường ở ngã ba thôn Lương Ngọc bị hỏng đã hai tuần, buổi tối rất tối và nguy hiểm';

  it('leaves a text that fits as it is, on one line', () => {
    expect(excerpt('Đèn hỏng', 8)).toBe('Đèn hỏng');
    expect(excerpt('Đèn hỏng', 60)).toBe('Đèn hỏng');
    expect(excerpt('  Đèn \n\n hỏng\t', 60)).toBe('Đèn hỏng');
    expect(excerpt('', 10)).toBe('');
  });

  it('ends at a word boundary with an ellipsis, never inside a word', () => {
    const short = excerpt(lamp, 40);
    expect(short).toBe('Đèn đường ở ngã ba thôn Lương Ngọc bị…');
    expect(length(short)).toBeLessThanOrEqual(40);
    for (const max of [10, 20, 33, 34, 35, 41, 60, 84]) {
      const s = excerpt(lamp, max);
      expect(length(s), `${max}`).toBeLessThanOrEqual(max);
      expect(s.endsWith('…'), `${max}`).toBe(true);
      // what is kept is whole words of the text
      const kept = s.slice(0, -1);
      expect(lamp.startsWith(kept), `${max}: ${s}`).toBe(true);
      expect(lamp[kept.length], `${max}: ${s}`).toMatch(/[\s,]/);
    }
    // 85 letters: a room of 85 holds it all, 84 does not
    expect(excerpt(lamp, 85)).toBe(lamp);
    expect(excerpt(lamp, 84)).toBe(
      'Đèn đường ở ngã ba thôn Lương Ngọc bị hỏng đã hai tuần, buổi tối rất tối và nguy…',
    );
  });

  it('keeps a word that ends exactly where the room ends', () => {
    // "Đèn đường" is 9 letters: with the ellipsis it needs 10
    expect(excerpt('Đèn đường hỏng', 10)).toBe('Đèn đường…');
    expect(excerpt('Đèn đường hỏng', 9)).toBe('Đèn…');
    expect(excerpt('Đèn đường hỏng', 4)).toBe('Đèn…');
  });

  it('one more letter than fits is enough to shorten', () => {
    expect(excerpt('abcd efgh', 9)).toBe('abcd efgh');
    expect(excerpt('abcd efghi', 9)).toBe('abcd…');
  });

  it('drops the punctuation and spaces before the ellipsis', () => {
    expect(excerpt('Đèn hỏng, tối quá, nguy hiểm lắm', 12)).toBe('Đèn hỏng…');
    expect(excerpt('Đèn hỏng. Tối quá.', 10)).toBe('Đèn hỏng…');
    expect(excerpt('Đèn hỏng – tối quá', 11)).toBe('Đèn hỏng…');
  });

  it('cuts inside a word only when the first word is longer than the room, and never inside a letter', () => {
    expect(excerpt('Khônggianđườngphốtốiquá và nguy hiểm', 10)).toBe('Khônggian…');
    expect(excerpt('A Khônggianđườngphốtốiquá', 10)).toBe('A…');
    // a decomposed text (marks as separate code points) is composed first
    expect(excerpt('Nguyễn Thị Thu Hà'.normalize('NFD'), 9)).toBe('Nguyễn…');
    expect(excerpt('Nguyễnthịthuhà'.normalize('NFD'), 7)).toBe('Nguyễn…');
    // an emoji of several code points is one letter
    expect(excerpt('👍🏽👍🏽👍🏽👍🏽', 3)).toBe('👍🏽👍🏽…');
  });

  it('degenerate rooms', () => {
    expect(excerpt('Đèn hỏng', 1)).toBe('…');
    expect(excerpt('Đèn hỏng', 0)).toBe('');
  });
});

describe('excerpt of a mail body (lines kept)', () => {
  it('keeps the line breaks, collapses the spaces within a line', () => {
    expect(excerpt('Kính gửi UBND xã,  \n\n  đèn   hỏng.', 100, { lines: true })).toBe(
      'Kính gửi UBND xã,\n\nđèn hỏng.',
    );
  });

  it('a line break is a word boundary', () => {
    expect(excerpt('Kính gửi UBND xã\nĐèn đường hỏng đã lâu', 22, { lines: true })).toBe(
      'Kính gửi UBND xã\nĐèn…',
    );
    expect(excerpt('Kính gửi UBND xã,\nĐèn đường hỏng đã lâu', 19, { lines: true })).toBe(
      'Kính gửi UBND xã…',
    );
  });
});
