/// <reference lib="dom" />
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { formField, login, openMenu, outDir, pickOption, useBrowser } from './support.ts';

// Năm riêng của tệp này; máy chủ và dữ liệu cũng riêng của tệp.
const YEAR = 2029;

/** The indicator codes of the scoring table, in its order. */
async function indicatorCodes(page: Page): Promise<string[]> {
  const table = page.locator('.ant-card').filter({ hasText: 'Bảng chấm điểm' }).locator('.ant-table-tbody');
  await table.locator('tr.ant-table-row').first().waitFor();
  const cells = await table.locator('tr.ant-table-row > td:first-child').allTextContents();
  return cells.map((c) => c.trim()).filter((c) => c !== '');
}

describe('bước không quay lại được của hồ sơ tự đánh giá', () => {
  const b = useBrowser();

  it('tổng hợp khi còn chỉ tiêu chưa chấm: hỏi lại, nêu rõ còn thiếu gì; hủy thì không đổi, xác nhận thì chuyển', async () => {
    const page = b.page();
    await login(page, 'vhxh.binhgiang');

    // Đăng ký mức 3, rồi mở hồ sơ năm đó: chưa chỉ tiêu nào được chấm.
    await openMenu(page, 'Đăng ký mức độ');
    await formField(page, 'Năm').getByRole('spinbutton').fill(String(YEAR));
    await pickOption(page, 'Mức đăng ký', 'Mức 3');
    await formField(page, 'Lý do, căn cứ đăng ký').locator('textarea').fill('Xã phấn đấu mức 3');
    await page.getByRole('button', { name: 'Gửi thành phố', exact: true }).click();
    await page.getByRole('row').filter({ hasText: 'Xã phấn đấu mức 3' }).first().waitFor();
    await openMenu(page, 'Tự đánh giá, chấm điểm');
    await page.getByRole('button', { name: /Mở hồ sơ năm/ }).click();
    const openDialog = page.getByRole('dialog');
    await formField(openDialog, 'Năm').getByRole('spinbutton').fill(String(YEAR));
    await openDialog.getByRole('button', { name: 'Mở hồ sơ', exact: true }).click();
    await page.waitForURL(/\/assessments\/[0-9a-f-]{36}/);
    await page.getByTestId('assessment-status').getByText('Các đơn vị tự chấm').waitFor();
    const codes = await indicatorCodes(page);
    expect(codes.length).toBeGreaterThan(10);
    const steps = page
      .locator('.ant-card')
      .filter({ hasText: 'Các bước của hồ sơ' })
      .locator('.ant-timeline-item');
    const stepsBefore = await steps.count();

    // Bấm tổng hợp: hộp xác nhận nói bước này làm gì và hồ sơ còn thiếu gì.
    await page.getByRole('button', { name: 'Tổng hợp, chuyển giám sát', exact: true }).click();
    const confirm = page.getByRole('dialog').filter({ hasText: 'Tổng hợp, chuyển giám sát?' });
    await confirm.waitFor();
    const gaps = confirm.getByTestId('assessment-gaps');
    await gaps.getByText('Hồ sơ còn thiếu').waitFor();
    await gaps
      .getByText(
        `${codes.length} chỉ tiêu chưa chấm: ${codes.slice(0, 10).join(', ')} và ${codes.length - 10} chỉ tiêu khác`,
        { exact: true },
      )
      .waitFor();
    await gaps
      .getByText('Mức tự đánh giá: chưa đạt mức 1, thấp hơn mức đăng ký: 3', { exact: true })
      .waitFor();
    await confirm.getByText(/các đơn vị không tự chấm được nữa/).waitFor();

    await page.screenshot({ path: join(outDir, 'assessment-confirm.png') });

    // Hủy: hồ sơ vẫn ở bước tự chấm, không thêm bước nào, nút tổng hợp vẫn còn.
    await confirm.getByRole('button', { name: 'Hủy', exact: true }).click();
    await confirm.waitFor({ state: 'hidden' });
    await page.reload();
    await page.getByTestId('assessment-status').getByText('Các đơn vị tự chấm').waitFor();
    expect(await steps.count()).toBe(stepsBefore);
    await page.getByRole('button', { name: 'Tổng hợp, chuyển giám sát', exact: true }).waitFor();

    // Xác nhận dù còn thiếu: hồ sơ chuyển giám sát và có thêm một bước.
    await page.getByRole('button', { name: 'Tổng hợp, chuyển giám sát', exact: true }).click();
    await confirm.waitFor();
    await confirm.getByRole('button', { name: 'Vẫn tổng hợp, chuyển giám sát', exact: true }).click();
    await page
      .getByTestId('assessment-status')
      .getByText('Đã tổng hợp, chờ giám sát', { exact: true })
      .waitFor();
    await steps.filter({ hasText: 'Tổng hợp, chuyển giám sát' }).first().waitFor();
    expect(await steps.count()).toBe(stepsBefore + 1);
    // each step's time in Việt Nam time, dd/mm/yyyy HH:mm; no ISO date or time anywhere on the page
    await steps
      .filter({ hasText: 'Tổng hợp, chuyển giám sát' })
      .getByText(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/)
      .waitFor();
    const body = (await page.locator('body').allInnerTexts()).join('\n');
    expect(body).not.toMatch(/\d{4}-\d{2}-\d{2}|\d{2}:\d{2}:\d{2}/);
    expect(await page.getByRole('button', { name: 'Tổng hợp, chuyển giám sát', exact: true }).count()).toBe(
      0,
    );
  });
});
