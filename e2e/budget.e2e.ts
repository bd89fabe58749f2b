/// <reference lib="dom" />
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formField, login, openMenu, outDir, useBrowser } from './support.ts';

// Một năm đã qua: ngày chi không được sau hôm nay.
const YEAR = 2025;
const suffix = Date.now().toString(36);
const line1 = `Hội nghị quán triệt mô hình (${suffix})`;
const line2 = `In pano khẩu hiệu “4 xin, 4 luôn” (${suffix})`;

let dir: string;
let invoicePath: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cqtt-e2e-budget-'));
  invoicePath = join(dir, `hoa-don-${suffix}.pdf`);
  writeFileSync(
    invoicePath,
    Buffer.from(
      '%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n',
      'latin1',
    ),
  );
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const card = (page: Page) => page.getByTestId('budget-card');

async function openYear(page: Page) {
  await openMenu(page, 'Kinh phí');
  await page.goto(`/budget?year=${YEAR}`);
  await page.getByRole('heading', { name: 'Kinh phí', exact: true }).waitFor();
}

describe('kinh phí: lập dự toán, phê duyệt, ghi chi', () => {
  const browser = useBrowser();

  it('Phòng Kinh tế lập dự toán theo dòng và trình phê duyệt', async () => {
    const page = browser.page();
    await login(page, 'kinhte.binhgiang');
    await openYear(page);
    await page.getByText(`Chưa có dự toán kinh phí năm ${YEAR}.`).waitFor();
    await page.getByRole('button', { name: 'Lập dự toán' }).click();
    const create = page.getByRole('dialog', { name: 'Lập dự toán' });
    await formField(create, 'Năm').getByRole('spinbutton').fill(String(YEAR));
    await create.getByRole('button', { name: 'Lưu' }).click();
    await card(page).waitFor();
    await card(page).getByText('Đang lập').waitFor();

    for (const [content, amount] of [
      [line1, '12000000'],
      [line2, '8500000'],
    ] as const) {
      await card(page).getByRole('button', { name: 'Thêm dòng' }).click();
      const dialog = page.getByRole('dialog', { name: 'Thêm dòng' });
      await formField(dialog, 'Nội dung').locator('textarea').fill(content);
      await formField(dialog, 'Số tiền (đồng)').getByRole('spinbutton').fill(amount);
      await dialog.getByRole('button', { name: 'Lưu' }).click();
      await dialog.waitFor({ state: 'hidden' });
      await card(page).getByText(content).waitFor();
    }
    // số tiền có dấu chấm phân cách hàng nghìn
    await card(page).getByText('20.500.000 đ').first().waitFor();

    await card(page).getByRole('button', { name: 'Trình phê duyệt' }).click();
    await page
      .locator('.ant-popconfirm')
      .getByRole('button', { name: /OK|Đồng ý/ })
      .click();
    await card(page).getByText('Chờ phê duyệt').waitFor();
    await page.screenshot({ path: join(outDir, 'budget-submitted.png'), fullPage: true });
  });

  it('Chủ tịch phê duyệt từng dòng', async () => {
    const page = browser.page();
    await login(page, 'chutich.binhgiang');
    await openYear(page);
    await card(page).getByText('Dự toán đang chờ lãnh đạo phê duyệt.').waitFor();
    await card(page).getByRole('button', { name: 'Phê duyệt' }).click();
    const dialog = page.getByRole('dialog', { name: 'Phê duyệt' });
    const first = dialog.locator('.ant-form-item').filter({ hasText: line1 }).getByRole('spinbutton');
    await first.fill('10000000');
    await dialog.getByRole('button', { name: 'Phê duyệt' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await card(page).getByText('Đã phê duyệt').waitFor();
    await card(page).getByText('18.500.000 đ').first().waitFor();
  });

  it('chi vượt dòng được duyệt phải nêu lý do; chứng từ đính kèm; tải Excel; tìm không dấu', async () => {
    const page = browser.page();
    await login(page, 'kinhte.binhgiang');
    await openYear(page);
    const row = card(page).getByRole('row').filter({ hasText: line1 });
    await row.getByRole('button', { name: 'Ghi chi' }).click();
    const dialog = page.getByRole('dialog', { name: /^Ghi chi:/ });
    await formField(dialog, 'Ngày chi').locator('input').fill(`12/03/${YEAR}`);
    await formField(dialog, 'Ngày chi').locator('input').press('Enter');
    await formField(dialog, 'Số tiền (đồng)').getByRole('spinbutton').fill('11000000');
    await formField(dialog, 'Nội dung').locator('input').fill('Hội trường, tài liệu hội nghị');
    await dialog.getByText('Khoản chi vượt số còn lại của dòng dự toán').waitFor();
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    await dialog.getByText('Vui lòng nêu lý do chi vượt dự toán.').waitFor();
    await formField(dialog, 'Lý do chi vượt dự toán (nếu có)').locator('textarea').fill('Tăng số đại biểu');
    await dialog.locator('input[type="file"]').setInputFiles(invoicePath);
    await dialog.getByText(`hoa-don-${suffix}.pdf`).waitFor();
    await page.waitForFunction(() => !document.querySelector('.ant-upload-list-item-uploading'));
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await row.getByText('11.000.000 đ').waitFor();
    await row.getByText('-1.000.000 đ').waitFor();
    await row.getByRole('button', { name: /Expand|Mở rộng/i }).click();
    await card(page).getByText('Chi vượt: Tăng số đại biểu').waitFor();
    await card(page)
      .getByRole('link', { name: `hoa-don-${suffix}.pdf` })
      .waitFor();

    await page.screenshot({ path: join(outDir, 'budget-spent.png'), fullPage: true });
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      card(page).getByRole('button', { name: 'Tải Excel' }).click(),
    ]);
    const saved = join(dir, 'du-toan.xlsx');
    await download.saveAs(saved);
    expect(readFileSync(saved).subarray(0, 2).toString()).toBe('PK');

    await page
      .getByRole('searchbox', { name: 'Tìm theo nội dung (không cần dấu)' })
      .fill('hoi nghi quan triet');
    await card(page).waitFor();
    await page
      .getByRole('searchbox', { name: 'Tìm theo nội dung (không cần dấu)' })
      .fill('khong co dong nay');
    await page.getByText(`Chưa có dự toán kinh phí năm ${YEAR}.`).waitFor();
  });
});
