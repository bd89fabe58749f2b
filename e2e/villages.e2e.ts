import { join } from 'node:path';
import { describe, it } from 'vitest';
import { formField, login, outDir, useBrowser } from './support.ts';

// Năm cố định, không phụ thuộc ngày chạy.
const YEAR = 2026;

describe('danh hiệu văn hóa thôn: trưởng thôn nhập, Phòng VH-XH xem xét', () => {
  const browser = useBrowser();

  it('trưởng thôn Ngọc Quán nhập kết quả của thôn mình và gửi đi', async () => {
    const page = browser.page();
    await login(page, 'thon1.binhgiang');
    await page.goto(`/village-assessments?year=${YEAR}`);
    await page.getByRole('heading', { name: 'Danh hiệu văn hóa thôn', exact: true }).waitFor();
    const row = page.getByRole('row').filter({ hasText: 'Thôn Ngọc Quán' });
    await row.getByRole('button', { name: 'Nhập kết quả' }).click();
    const dialog = page.getByRole('dialog', { name: `Thôn Ngọc Quán — năm ${YEAR}` });
    await formField(dialog, 'Tổng số hộ').getByRole('spinbutton').fill('412');
    await formField(dialog, 'Gia đình văn hóa').getByRole('spinbutton').fill('500');
    for (const label of [
      /quy chế dân chủ/,
      /Tuyên truyền mô hình/,
      /phản ánh, kiến nghị/,
      /4 xin, 4 luôn/,
      /thủ tục hành chính/,
    ]) {
      await dialog.getByRole('checkbox', { name: label }).check();
    }
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    // số gia đình văn hóa lớn hơn số hộ: máy chủ từ chối bằng tiếng Việt, đặt lỗi dưới ô
    await dialog.getByText('Số gia đình văn hóa không được lớn hơn tổng số hộ.').waitFor();
    await formField(dialog, 'Gia đình văn hóa').getByRole('spinbutton').fill('372');
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await row.getByText('Đang nhập').waitFor();
    await row.getByRole('button', { name: 'Gửi Phòng VH-XH' }).click();
    await row.getByText('Chờ xem xét').waitFor();
  });

  it('Phòng VH-XH công nhận “Thôn văn hóa”; tìm “thon van hoa” không dấu', async () => {
    const page = browser.page();
    await login(page, 'vhxh.binhgiang');
    await page.goto(`/village-assessments?year=${YEAR}`);
    const row = page.getByRole('row').filter({ hasText: 'Thôn Ngọc Quán' });
    await row.getByRole('button', { name: 'Xem xét' }).click();
    const dialog = page.getByRole('dialog', { name: 'Xem xét: Thôn Ngọc Quán' });
    await dialog.getByText('Đạt tỷ lệ gia đình văn hóa và đủ các tiêu chí của mô hình.').waitFor();
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await row.getByText('Thôn văn hóa').waitFor();
    await page.getByRole('searchbox', { name: 'Tìm thôn, ghi chú (không cần dấu)' }).fill('thon van hoa');
    await page.getByRole('row').filter({ hasText: 'Thôn Cậy' }).waitFor({ state: 'detached' });
    await row.waitFor();
    await page.screenshot({ path: join(outDir, 'village-assessments.png'), fullPage: true });
  });
});
