import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { login, outDir, useBrowser } from './support.ts';

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
  });
});
