import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formField, login, outDir, useBrowser } from './support.ts';

const YEAR = 2026;
const suffix = Date.now().toString(36);
const nominee = `Trần Thị Mai ${suffix}`;

describe('khen thưởng: đề nghị, MTTQ cho ý kiến, Chủ tịch quyết định', () => {
  const browser = useBrowser();

  it('Phòng VH-XH đề nghị khen thưởng', async () => {
    const page = browser.page();
    await login(page, 'vhxh.binhgiang');
    await page.goto(`/rewards?year=${YEAR}`);
    await page.getByRole('heading', { name: 'Khen thưởng', exact: true }).waitFor();
    await page.getByRole('button', { name: 'Đề nghị khen thưởng' }).click();
    const dialog = page.getByRole('dialog', { name: 'Đề nghị khen thưởng' });
    await formField(dialog, 'Họ tên, tên tập thể').locator('input').fill(nominee);
    await formField(dialog, 'Chức vụ, đơn vị công tác').locator('input').fill('Văn phòng HĐND và UBND');
    await formField(dialog, 'Thành tích').locator('textarea').fill('Trình ký văn bản đúng hạn 100%.');
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('row').filter({ hasText: nominee }).getByText('Chờ quyết định').waitFor();

    // sửa đề nghị trước khi có quyết định: bổ sung thành tích và một ảnh minh chứng
    await page.getByRole('row').filter({ hasText: nominee }).getByRole('button', { name: 'Sửa' }).click();
    const edit = page.getByRole('dialog', { name: `Sửa đề nghị khen thưởng: ${nominee}` });
    await formField(edit, 'Thành tích')
      .locator('textarea')
      .fill('Trình ký văn bản đúng hạn 100%; số hóa 2.000 hồ sơ lưu trữ.');
    await edit.locator('input[type=file]').setInputFiles({
      name: 'giay-khen-de-nghi.png',
      mimeType: 'image/png',
      buffer: Buffer.from(
        'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
        'base64',
      ),
    });
    await edit.locator('.ant-upload-list-item-done').waitFor();
    await edit.getByRole('button', { name: 'Lưu' }).click();
    await edit.waitFor({ state: 'hidden' });
    const row = page.getByRole('row').filter({ hasText: nominee });
    await row.getByText('số hóa 2.000 hồ sơ lưu trữ', { exact: false }).waitFor();
    await row.getByRole('link', { name: 'giay-khen-de-nghi.png' }).waitFor();
  });

  it('MTTQ cho ý kiến', async () => {
    const mttq = browser.page();
    await login(mttq, 'mttq.binhgiang');
    await mttq.goto(`/rewards?year=${YEAR}`);
    await mttq
      .getByRole('row')
      .filter({ hasText: nominee })
      .getByRole('button', { name: 'Cho ý kiến' })
      .click();
    const comment = mttq.getByRole('dialog', { name: `Cho ý kiến: ${nominee}` });
    await formField(comment, 'Ý kiến MTTQ').locator('textarea').fill('Nhất trí đề nghị.');
    await comment.getByRole('button', { name: 'Lưu' }).click();
    await mttq.getByRole('row').filter({ hasText: nominee }).getByText('Nhất trí đề nghị.').waitFor();
  });

  it('Chủ tịch quyết định (số sai bị từ chối), tải quyết định Word; tìm không dấu', async () => {
    const page = browser.page();
    await login(page, 'chutich.binhgiang');
    await page.goto(`/rewards?year=${YEAR}`);
    const row = page.getByRole('row').filter({ hasText: nominee });
    await row.getByRole('button', { name: 'Quyết định' }).click();
    const dialog = page.getByRole('dialog', { name: `Quyết định: ${nominee}` });
    await formField(dialog, 'Số quyết định').locator('input').fill('15/KH-UBND');
    await formField(dialog, 'Ngày quyết định').locator('input').fill(`20/11/${YEAR}`);
    await formField(dialog, 'Ngày quyết định').locator('input').press('Enter');
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    await dialog.getByText('Số quyết định phải có dạng “125/QĐ-UBND”.').waitFor();
    await formField(dialog, 'Số quyết định').locator('input').fill('15/QĐ-UBND');
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await row.getByText('Đã khen thưởng').waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      row.getByRole('button', { name: /Quyết định \(Word\)/ }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.docx$/);
    await page
      .getByRole('searchbox', { name: 'Tìm theo tên, thành tích (không cần dấu)' })
      .fill(`tran thi mai ${suffix}`);
    await page.getByRole('row').filter({ hasText: 'Phạm Văn Đức' }).waitFor({ state: 'detached' });
    await row.waitFor();
    await page.screenshot({ path: join(outDir, 'rewards.png'), fullPage: true });
  });
});
