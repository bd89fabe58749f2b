import { describe, expect, it } from 'vitest';
import { findPersonalData, HIDDEN, maskPersonalData } from './personal-data.ts';

const masked = (text: string) => maskPersonalData(`Gọi ${text} giúp tôi`);

describe('maskPersonalData: phone numbers in every Vietnamese form', () => {
  const phones = [
    '0912345678',
    '0912 345 678',
    '0912.345.678',
    '0912-345-678',
    '0912 - 345 - 678',
    '091 234 5678',
    '+84 912 345 678',
    '+84912345678',
    '+84.912.345.678',
    '+84-912-345-678',
    '84912345679',
    '84 912 345 679',
    '0084 912 345 678',
    '0084912345678',
    '(+84) 912 345 678',
    '(+84)912345678',
    '+84 (0) 912 345 678',
    '84 (0) 912 345 678',
    '02253 123 456',
    '02253123456',
    '(0225) 3123 456',
    '(0225)3123456',
    '0225.3123.456',
    '024 3823 4567',
    '+1 202 555 0123',
    '0912\u00a0345\u00a0678',
  ];
  for (const phone of phones) {
    it(`hides «${phone}» whole`, () => {
      expect(masked(phone)).toBe(`Gọi ${HIDDEN} giúp tôi`);
    });
  }

  it('hides every number of a list, each on its own', () => {
    expect(maskPersonalData('Gọi 0912345678 0987654321 hoặc 0977.111.222.')).toBe(
      `Gọi ${HIDDEN} ${HIDDEN} hoặc ${HIDDEN}.`,
    );
    expect(maskPersonalData('0912345678,0987654321')).toBe(`${HIDDEN},${HIDDEN}`);
  });

  it('hides a number at the very start or end, or between punctuation', () => {
    expect(maskPersonalData('0912345678')).toBe(HIDDEN);
    expect(maskPersonalData('SĐT: 0912345678.')).toBe(`SĐT: ${HIDDEN}.`);
    expect(maskPersonalData('(0912345678)')).toBe(`(${HIDDEN})`);
    expect(maskPersonalData('«0912 345 678»')).toBe(`«${HIDDEN}»`);
  });

  it('hides a phone number glued to the word before it', () => {
    expect(maskPersonalData('SĐT0912345678 nhé')).toBe(`SĐT${HIDDEN} nhé`);
    expect(maskPersonalData('Zalo:0912345678')).toBe(`Zalo:${HIDDEN}`);
  });

  it('hides the phone that follows a year', () => {
    expect(maskPersonalData('Năm 2026 0912 345 678')).toBe(`Năm 2026 ${HIDDEN}`);
  });

  it('does not hide a bracket that only follows the number', () => {
    expect(maskPersonalData('gọi 0912 345 678 (Zalo)')).toBe(`gọi ${HIDDEN} (Zalo)`);
  });
});

describe('maskPersonalData: identity numbers (CMND 9 digits, CCCD 12 digits)', () => {
  for (const id of ['123456789', '031204001234', '001204001234', '031 204 001 234', '0312 0400 1234']) {
    it(`hides «${id}»`, () => {
      expect(maskPersonalData(`CCCD số ${id}, cấp ngày 01/02/2021`)).toBe(
        `CCCD số ${HIDDEN}, cấp ngày 01/02/2021`,
      );
    });
  }

  it('hides a 9-digit number written in groups of three with spaces', () => {
    expect(maskPersonalData('CMND 123 456 789')).toBe(`CMND ${HIDDEN}`);
  });

  it('keeps numbers of other lengths', () => {
    for (const n of ['12345678', '1234567890', '12345678901', '1234567890123']) {
      expect(maskPersonalData(`mã ${n}`), n).toBe(`mã ${n}`);
    }
  });
});

describe('maskPersonalData: e-mail', () => {
  it('hides addresses, also with dots, plus, sub-domains and Vietnamese domains', () => {
    for (const email of [
      'an.nguyen@gmail.com',
      'an+phananh@gmail.com',
      'vanphong@binhgiang.haiphong.gov.vn',
      'TRANG.DINH@EXAMPLE.VN',
      'user_1@mail-server.com.vn',
    ]) {
      expect(maskPersonalData(`Liên hệ ${email} nhé`), email).toBe(`Liên hệ ${HIDDEN} nhé`);
    }
  });

  it('hides an address at the end of a sentence without the full stop', () => {
    expect(maskPersonalData('Thư: an@gmail.com.')).toBe(`Thư: ${HIDDEN}.`);
  });

  it('keeps an @ that is not an address', () => {
    expect(maskPersonalData('giá @ 5 nghìn')).toBe('giá @ 5 nghìn');
  });
});

describe('maskPersonalData: names', () => {
  it('hides the sender’s own name in any letter case, with or without diacritics', () => {
    const person = { name: 'Nguyễn Văn An' };
    expect(maskPersonalData('Tôi là Nguyễn Văn An, NGUYỄN VĂN AN xin phản ánh', person)).toBe(
      `Tôi là ${HIDDEN}, ${HIDDEN} xin phản ánh`,
    );
    expect(maskPersonalData('nguyen van an gui', person)).toBe(`${HIDDEN} gui`);
    expect(maskPersonalData('Nguyễn  Văn\nAn', person)).toBe(HIDDEN);
  });

  it('does not hide the sender’s name inside a longer word', () => {
    expect(maskPersonalData('an toàn giao thông', { name: 'An' })).toBe('an toàn giao thông');
    expect(maskPersonalData('Anh An đã đến, an tâm', { name: 'An' })).toBe(`Anh ${HIDDEN} đã đến, an tâm`);
    expect(maskPersonalData('Hoàng Anh', { name: 'Hoàng An' })).toBe('Hoàng Anh');
  });

  it('hides a full name introduced as one, keeping the word that introduces it', () => {
    expect(maskPersonalData('Kính gửi ông Đinh Công Tráng, xã đã nạo vét.')).toBe(
      `Kính gửi ông ${HIDDEN}, xã đã nạo vét.`,
    );
    expect(maskPersonalData('Bà Trần Thị Mai ở thôn Cậy')).toBe(`Bà ${HIDDEN} ở thôn Cậy`);
    expect(maskPersonalData('tôi là Lê Văn Cường')).toBe(`tôi là ${HIDDEN}`);
    expect(maskPersonalData('Họ và tên: Phạm Thị Yến')).toBe(`Họ và tên: ${HIDDEN}`);
    expect(maskPersonalData('Người gửi: Vũ Minh')).toBe(`Người gửi: ${HIDDEN}`);
  });

  it('keeps titles and words that only look like an introduction', () => {
    for (const text of [
      'ông Chủ tịch UBND xã đã chỉ đạo',
      'bà con thôn Ngọc Quán',
      'anh Tuấn đã đến',
      'chị em phụ nữ',
      'Ủy ban Nhân dân xã Bình Giang',
      'Trung tâm Phục vụ hành chính công',
    ]) {
      expect(maskPersonalData(text), text).toBe(text);
    }
  });

  it('ignores empty or one-letter contact fields and special characters in them', () => {
    expect(maskPersonalData('A b c', { name: 'A' })).toBe('A b c');
    expect(maskPersonalData('A b c', { name: '   ' })).toBe('A b c');
    expect(maskPersonalData('A b c', { name: null, phone: null, email: null })).toBe('A b c');
    expect(maskPersonalData('giá (1+1)', { name: '(1+1)' })).toBe(`giá ${HIDDEN}`);
  });

  it('hides the sender’s own phone and e-mail as they gave them, in other writings too', () => {
    expect(maskPersonalData('số máy 912-345-678', { phone: '912-345-678' })).toBe(`số máy ${HIDDEN}`);
    expect(maskPersonalData('gọi 84 977 123 456', { phone: '0977123456' })).toBe(`gọi ${HIDDEN}`);
    expect(maskPersonalData('gọi +84 912 345 678 nhé', { phone: '+84 912 345 678' })).toBe(
      `gọi ${HIDDEN} nhé`,
    );
    expect(maskPersonalData('gọi (+84) 912 345 678', { phone: '0912345678' })).toBe(`gọi ${HIDDEN}`);
    expect(maskPersonalData('gọi 0977 123 456', { phone: '+84977123456' })).toBe(`gọi ${HIDDEN}`);
    expect(maskPersonalData('thư Tuan.Mai@Example.vn', { email: 'tuan.mai@example.vn' })).toBe(
      `thư ${HIDDEN}`,
    );
    // a foreign number the generic rule would not know
    expect(maskPersonalData('call 44 20 7946 0958', { phone: '44 20 7946 0958' })).toBe(`call ${HIDDEN}`);
  });
});

describe('maskPersonalData: what stays', () => {
  it('keeps dates, times, house numbers, amounts, counts and codes', () => {
    for (const text of [
      'Đường trục thôn Kẻ Sặt, số nhà 125, hỏng từ 15/10/2026, dài 300 m, chi phí 12.000.000 đồng',
      'Ngày 29.11.2026 lúc 10.30 và 8h30, hạn 2026-12-31',
      'Dự toán 120.000.000 đồng, đã chi 1.250.000.000 đồng',
      'Giai đoạn 2026-2030, 4 xin 4 luôn 5 không',
      'Hồ sơ 000.00.21.H25-260102-0001 đã trả',
      'Mã phản ánh PA-7KQ2M-X9HRT',
      'Quyết định số 5049/QĐ-UBND ngày 01/12/2025',
      'Tọa độ 20.87, 106.23',
      'Đường dây nóng 1900 1234',
      '',
    ]) {
      expect(maskPersonalData(text), text).toBe(text);
    }
  });

  it('treats null and undefined as empty text', () => {
    expect(maskPersonalData(null)).toBe('');
    expect(maskPersonalData(undefined)).toBe('');
  });

  it('returns the text in NFC, so a decomposed text is masked like a composed one', () => {
    const decomposed = 'Tôi là Nguyễn Văn An'.normalize('NFD');
    expect(maskPersonalData(decomposed, { name: 'Nguyễn Văn An' })).toBe(`Tôi là ${HIDDEN}`);
  });

  it('masks everything in a realistic feedback and leaves the matter', () => {
    const text =
      'Tôi là Đinh Công Tráng, CCCD 031204001234, gọi +84 988 765 432 hoặc trang.dinh@example.vn: mương thôn Cậy tắc từ 15/10/2026.';
    expect(maskPersonalData(text, { name: 'Đinh Công Tráng' })).toBe(
      `Tôi là ${HIDDEN}, CCCD ${HIDDEN}, gọi ${HIDDEN} hoặc ${HIDDEN}: mương thôn Cậy tắc từ 15/10/2026.`,
    );
  });
});

describe('findPersonalData', () => {
  it('names the kind of each span, sorted and merged', () => {
    const text = 'a@b.vn 0912345678 123456789 ông Lê Văn C';
    expect(findPersonalData(text).map((s) => [text.slice(s.start, s.end), s.kind])).toEqual([
      ['a@b.vn', 'email'],
      ['0912345678', 'phone'],
      ['123456789', 'id_number'],
      ['Lê Văn C', 'name'],
    ]);
  });

  it('finds nothing in a text without personal data', () => {
    expect(findPersonalData('Đèn đường hỏng ba bóng.')).toEqual([]);
  });
});
