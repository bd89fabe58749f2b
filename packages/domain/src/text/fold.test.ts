import { describe, expect, it } from 'vitest';
import { foldVietnamese } from './fold.ts';

describe('foldVietnamese', () => {
  it('drops every tone and vowel mark, and đ becomes d', () => {
    expect(foldVietnamese('Thôn Văn Hóa')).toBe('thon van hoa');
    expect(foldVietnamese('Đặc khu Cát Hải')).toBe('dac khu cat hai');
    expect(foldVietnamese('ỦY BAN NHÂN DÂN')).toBe('uy ban nhan dan');
    expect(foldVietnamese('àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ')).toBe(
      'aaaaaaaaaaaaaaaaaeeeeeeeeeeeiiiiiooooooooooooooooouuuuuuuuuuuyyyyyd',
    );
  });

  it('treats composed and decomposed input alike, and collapses spaces', () => {
    expect(foldVietnamese('Hòa'.normalize('NFD'))).toBe(foldVietnamese('Hòa'.normalize('NFC')));
    expect(foldVietnamese('  Bình   Giang \n')).toBe('binh giang');
    expect(foldVietnamese('')).toBe('');
  });
});
