import { describe, expect, it } from 'vitest';
import { maskPersonalData } from './privacy.ts';

describe('maskPersonalData', () => {
  it('hides e-mail addresses and Vietnamese phone numbers however they are written', () => {
    expect(maskPersonalData('Liên hệ tôi qua an.nguyen@gmail.com nhé')).toBe('Liên hệ tôi qua *** nhé');
    for (const phone of [
      '0912345678',
      '0912 345 678',
      '0912.345.678',
      '+84 912 345 678',
      '+84912345678',
      '02253 123 456',
    ])
      expect(maskPersonalData(`Gọi ${phone} giúp tôi`), phone).toBe('Gọi *** giúp tôi');
  });
  it('keeps ordinary numbers: dates, house numbers, amounts', () => {
    const text = 'Đường trục thôn Kẻ Sặt, số nhà 125, hỏng từ 15/10/2026, dài 300 m, chi phí 12.000.000 đồng';
    expect(maskPersonalData(text)).toBe(text);
  });
  it('hides the sender’s own name, phone and e-mail in any letter case', () => {
    expect(
      maskPersonalData('Tôi là Nguyễn Văn An, NGUYỄN VĂN AN xin phản ánh', { name: 'Nguyễn Văn An' }),
    ).toBe('Tôi là ***, *** xin phản ánh');
    expect(maskPersonalData('số máy 912-345-678', { phone: '912-345-678' })).toBe('số máy ***');
  });
  it('ignores empty or one-letter contact fields and special characters in them', () => {
    expect(maskPersonalData('A b c', { name: 'A' })).toBe('A b c');
    expect(maskPersonalData('giá (1+1)', { name: '(1+1)' })).toBe('giá ***');
  });
});
