import { join } from 'node:path';
import { describe, it } from 'vitest';
import { formField, login, outDir, useBrowser } from './support.ts';

const YEAR = 2026;
const suffix = Date.now().toString(36);
const subject = `Giám sát việc trả kết quả đúng hẹn ${suffix}`;

describe('giám sát, phản biện xã hội: MTTQ ghi, Ban XDĐ ghi của mình, xã trả lời', () => {
  const browser = useBrowser();

  it('MTTQ ghi kết quả giám sát kèm kiến nghị; ngày trước năm bị từ chối', async () => {
    const page = browser.page();
    await login(page, 'mttq.binhgiang');
    await page.goto(`/supervision?year=${YEAR}`);
    await page.getByRole('heading', { name: 'Giám sát, phản biện xã hội', exact: true }).waitFor();
    // the demo's entries: MTTQ's answered supervision of the one-stop counter
    await page
      .getByRole('row')
      .filter({ hasText: 'Giám sát việc tiếp đón, hướng dẫn người dân tại bộ phận một cửa' })
      .getByText('Trả lời ngày 26/06/2026')
      .waitFor();
    await page.getByRole('button', { name: 'Ghi giám sát, phản biện' }).click();
    const dialog = page.getByRole('dialog', { name: 'Ghi giám sát, phản biện' });
    await formField(dialog, 'Ngày').locator('input').fill('10/12/2025');
    await formField(dialog, 'Ngày').locator('input').press('Enter');
    await formField(dialog, 'Nội dung giám sát, phản biện').locator('input').fill(subject);
    await formField(dialog, 'Kết quả, phát hiện')
      .locator('textarea')
      .fill('3 hồ sơ đất đai trả kết quả trễ hẹn, chưa có thư xin lỗi.');
    await formField(dialog, 'Kiến nghị').locator('textarea').fill('Gửi thư xin lỗi, rà soát quy trình.');
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    await dialog.getByText('Ngày giám sát, phản biện không thể trước năm 2026.').waitFor();
    // Enter in the date field submits the form: with the subject emptied it stops at the form's own check
    await formField(dialog, 'Nội dung giám sát, phản biện').locator('input').fill('');
    await formField(dialog, 'Ngày').locator('input').fill('10/11/2026');
    await formField(dialog, 'Ngày').locator('input').press('Enter');
    await formField(dialog, 'Nội dung giám sát, phản biện').locator('input').fill(subject);
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const row = page.getByRole('row').filter({ hasText: subject });
    await row.getByText('Chờ xã trả lời').waitFor();
    await row.getByText('Ủy ban MTTQ xã').waitFor();
  });

  it('Ban Xây dựng Đảng thấy mục của MTTQ nhưng không sửa được; sửa được mục của mình', async () => {
    const page = browser.page();
    await login(page, 'bxdd.binhgiang');
    await page.goto(`/supervision?year=${YEAR}`);
    const mttqRow = page.getByRole('row').filter({ hasText: subject });
    await mttqRow.waitFor();
    await mttqRow.getByRole('button', { name: 'Sửa' }).waitFor({ state: 'detached' });
    const own = page
      .getByRole('row')
      .filter({ hasText: 'Kiểm tra việc giải quyết vướng mắc các đơn vị báo cáo trong thực hiện Kế hoạch' });
    await own.getByText('Ban Xây dựng Đảng').waitFor();
    await own.getByRole('button', { name: 'Sửa' }).waitFor();
  });

  it('Phòng VH-XH trả lời; tìm không dấu', async () => {
    const page = browser.page();
    await login(page, 'vhxh.binhgiang');
    await page.goto(`/supervision?year=${YEAR}`);
    const row = page.getByRole('row').filter({ hasText: subject });
    await row.getByRole('button', { name: 'Trả lời' }).click();
    const dialog = page.getByRole('dialog', { name: `Trả lời: ${subject}` });
    // the date first: Enter in it submits the form, which stops at the empty answer
    await formField(dialog, 'Ngày trả lời (mặc định hôm nay)').locator('input').fill('20/11/2026');
    await formField(dialog, 'Ngày trả lời (mặc định hôm nay)').locator('input').press('Enter');
    await formField(dialog, 'Xã trả lời')
      .locator('textarea')
      .fill('Đã gửi thư xin lỗi 3 trường hợp ngày 20/11/2026.');
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await row.getByText('Trả lời ngày 20/11/2026').waitFor();
    await row.getByText('Đã gửi thư xin lỗi 3 trường hợp').waitFor();
    await page.getByRole('searchbox', { name: 'Tìm theo nội dung, kết quả, trả lời' }).fill('thu xin loi');
    await page
      .getByRole('row')
      .filter({ hasText: 'Phản biện dự thảo Kế hoạch' })
      .waitFor({ state: 'detached' });
    await row.waitFor();
    await page.screenshot({ path: join(outDir, 'supervision.png'), fullPage: true });
  });
});
