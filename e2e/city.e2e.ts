import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chooseOption, login, notice, openMenu, outDir, useBrowser } from './support.ts';

describe('Sở Nội vụ Hải Phòng', () => {
  const b = useBrowser();

  it('thấy các xã, phường, đặc khu của Hải Phòng và chỉ của Hải Phòng', async () => {
    const page = b.page();
    await login(page, 'snv.haiphong');
    await page.getByRole('heading', { name: 'Tổng quan', exact: true }).waitFor();

    const table = page.getByRole('table');
    for (const name of ['Xã Bình Giang', 'Phường Hồng Bàng', 'Đặc khu Cát Hải']) {
      await table.getByRole('link', { name, exact: true }).waitFor();
    }
    // Ba Đình thuộc Hà Nội: không được hiện cho Sở Nội vụ Hải Phòng.
    expect(await page.getByText('Ba Đình').count()).toBe(0);
    const rows = await table
      .locator('tbody tr')
      .filter({ has: page.getByRole('link') })
      .count();
    expect(rows).toBeGreaterThanOrEqual(3);
    await page.screenshot({ path: join(outDir, 'city-overview.png'), fullPage: true });

    // Mở một xã: thấy cơ quan, đơn vị của xã đó.
    await table.getByRole('link', { name: 'Xã Bình Giang', exact: true }).click();
    await page.waitForURL(/\/communes\//);
    await page.getByText('Phòng Văn hóa - Xã hội', { exact: true }).first().waitFor();

    // Trang cần một xã: trước khi chọn, một lời nhắc chọn xã thay cho bảng trống.
    for (const path of [
      '/budget',
      '/rewards',
      '/outreach',
      '/village-assessments',
      '/supervision',
      '/feedback',
    ]) {
      await page.goto(path);
      await page.getByText('Chọn một xã, phường, đặc khu ở phía trên để xem danh sách').waitFor();
      expect(await page.locator('.ant-table').count(), path).toBe(0);
    }
  });
});

describe('Sở Nội vụ nhập ngày nghỉ Tết của năm sau', () => {
  const b = useBrowser();

  it('chọn năm 2028, thêm một ngày nghỉ, thấy trong danh sách; xã thấy ngày đó trong danh sách của thành phố', async () => {
    const page = b.page();
    await login(page, 'snv.haiphong');
    await openMenu(page, 'Ngày nghỉ lễ, Tết');
    await chooseOption(page.getByRole('combobox', { name: 'Năm', exact: true }), 'Năm 2028');
    await page.getByText('Ngày nghỉ của thành phố năm 2028').waitFor();
    await page.getByLabel('Ngày', { exact: true }).fill('26/01/2028');
    await page.getByLabel('Ngày', { exact: true }).press('Enter');
    await page.getByLabel('Tên ngày nghỉ').fill('Mùng 1 Tết Mậu Thân');
    await page.getByRole('button', { name: 'Thêm ngày nghỉ' }).click();
    await notice(page, 'Đã lưu danh sách ngày nghỉ');
    const row = page.getByRole('row').filter({ hasText: 'Mùng 1 Tết Mậu Thân' });
    await row.waitFor();
    expect(await row.textContent()).toContain('26/01/2028');
    await page.screenshot({ path: join(outDir, 'city-holidays.png'), fullPage: true });

    const commune = await page.request.get('/api/city-holidays?year=2028');
    expect(await commune.json()).toEqual([{ day: '2028-01-26', name: 'Mùng 1 Tết Mậu Thân' }]);
  });
});
