/// <reference lib="dom" />
/**
 * RELIABILITY 26: axe (WCAG 2.1 A and AA) on every public page and after each step of the
 * rating and feedback flows; the rating works with the keyboard alone.
 */
import { request } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { apiSettled, axeViolations, baseURL, expectAccessible, login, PHONE, useBrowser } from './support.ts';

let counterId = '';
let questionnaireTitle = '';

beforeAll(async () => {
  const api = await request.newContext({ baseURL });
  const counters = (await (await api.get('/api/public/communes/HP-BINHGIANG/counters')).json()) as {
    id: string;
  }[];
  counterId = counters[0]!.id;
  questionnaireTitle = (
    (await (await api.get('/api/public/communes/HP-BINHGIANG/questionnaire')).json()) as { title: string }
  ).title;
  await api.dispose();
});

describe('Trang công khai dùng được với trình đọc màn hình và bàn phím', () => {
  const b = useBrowser(PHONE);

  it('mọi trang công khai của xã đạt các tiêu chí WCAG 2.1 A và AA mà axe kiểm tra được', async () => {
    const page = b.page();
    const pages: [string, string][] = [
      ['/p/HP-BINHGIANG', 'Xã Bình Giang'],
      [`/p/HP-BINHGIANG/danh-gia?quay=${counterId}`, 'Ông/bà có hài lòng không?'],
      ['/p/HP-BINHGIANG/khao-sat', ''],
      ['/p/HP-BINHGIANG/kiosk', ''],
      ['/p/HP-BINHGIANG/phan-anh', 'Gửi phản ánh, kiến nghị'],
      ['/p/HP-BINHGIANG/phan-anh/theo-doi', ''],
      ['/p/KHONG-CO-XA-NAY', ''],
      ['/login', ''],
    ];
    for (const [path, heading] of pages) {
      await page.goto(path);
      if (heading) await page.getByRole('heading', { name: heading }).first().waitFor();
      await apiSettled(page);
      await expectAccessible(page, path);
    }
    // the check itself sees a problem when there is one: an image without a text alternative
    await page.evaluate(() =>
      document.body.append(Object.assign(document.createElement('img'), { src: 'data:,' })),
    );
    expect(await axeViolations(page)).toContainEqual(expect.stringMatching(/^image-alt \(critical\)/));
  });

  it('đánh giá chỉ bằng bàn phím: Tab đến mặt cười, mở phần góp ý, Enter để gửi; mỗi bước đạt axe', async () => {
    const page = b.page();
    await page.goto(`/p/HP-BINHGIANG/danh-gia?quay=${counterId}`);
    await page.getByRole('heading', { name: 'Ông/bà có hài lòng không?' }).waitFor();
    const more = page.getByRole('button', { name: 'Góp ý thêm về cán bộ (không bắt buộc)' });
    // Tab until the "more" button has the focus, then open it with Enter
    for (let i = 0; i < 30 && !(await more.evaluate((el) => el === document.activeElement)); i++) {
      await page.keyboard.press('Tab');
    }
    expect(await more.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press('Enter');
    await page.getByRole('checkbox', { name: 'Xin chào' }).waitFor();
    await expectAccessible(page, 'đánh giá, phần góp ý đã mở');
    // then to the checkbox, ticked with the space bar
    const hello = page.getByRole('checkbox', { name: 'Xin chào' });
    for (let i = 0; i < 40 && !(await hello.evaluate((el) => el === document.activeElement)); i++) {
      await page.keyboard.press('Tab');
    }
    await page.keyboard.press('Space');
    expect(await hello.isChecked()).toBe(true);
    // back to a face with Shift+Tab, and send with Enter
    const face = page.getByRole('button', { name: /^Hài lòng \(mức 4 trên 5\)/ });
    for (let i = 0; i < 60 && !(await face.evaluate((el) => el === document.activeElement)); i++) {
      await page.keyboard.press('Shift+Tab');
    }
    expect(await face.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Xin cảm ơn ông/bà!' }).waitFor();
    await expectAccessible(page, 'đánh giá, lời cảm ơn');
  });

  it('phiếu khảo sát 5 yếu tố và biểu mẫu phản ánh: lỗi được đọc lên, mỗi bước đạt axe', async () => {
    const page = b.page();
    await page.goto('/p/HP-BINHGIANG/khao-sat');
    await page.getByRole('heading', { name: questionnaireTitle, level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Gửi phiếu khảo sát' }).click();
    await page.getByRole('alert').getByText('Vui lòng trả lời ít nhất một câu hỏi.').waitFor();
    await expectAccessible(page, 'phiếu khảo sát, chưa trả lời câu nào');
    // a question answered with the keyboard: Tab into its group of choices, arrows to move
    const firstChoice = page.getByRole('radio').first();
    await firstChoice.focus();
    await page.keyboard.press('Space');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    expect(await page.getByRole('radio', { checked: true }).count()).toBe(1);
    await page.getByRole('button', { name: 'Gửi phiếu khảo sát' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Xin cảm ơn ông/bà!' }).waitFor();
    await expectAccessible(page, 'phiếu khảo sát, lời cảm ơn');

    await page.goto('/p/HP-BINHGIANG/phan-anh');
    await page.getByRole('heading', { name: 'Gửi phản ánh, kiến nghị', exact: true }).waitFor();
    await page.getByRole('button', { name: 'Gửi phản ánh' }).click();
    // the problems are announced, and the form with its errors still passes
    await page.getByRole('alert').getByText('Vui lòng chọn lĩnh vực.').waitFor();
    expect(await page.getByLabel('Lĩnh vực *').evaluate((el) => el === document.activeElement)).toBe(true);
    await expectAccessible(page, 'phản ánh, biểu mẫu báo lỗi');
  });
});

describe('Giao diện cán bộ đạt các tiêu chí axe kiểm tra được', () => {
  const b = useBrowser();

  it('mỗi trang chính của Phòng Văn hóa - Xã hội', async () => {
    const page = b.page();
    await login(page, 'vhxh.binhgiang');
    const found: string[] = [];
    for (const path of [
      '/',
      '/my-tasks',
      '/plans',
      '/progress',
      '/difficulties',
      '/feedback',
      '/outreach',
      '/village-assessments',
      '/rewards',
      '/budget',
      '/assessments',
      '/level-registration',
      '/satisfaction',
      '/satisfaction/setup',
      '/units',
      '/villages',
      '/reports/yearly',
      '/reports/review?year=2027',
      '/documents',
      '/official-indices',
    ]) {
      await page.goto(path);
      await apiSettled(page);
      // every page is checked before failing, so one run lists all that falls short
      for (const v of await axeViolations(page)) found.push(`${path}: ${v}`);
    }
    expect(found, found.join('\n')).toEqual([]);
  }, 300_000);
});
