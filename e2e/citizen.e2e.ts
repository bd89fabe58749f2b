import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { outDir, PHONE, useBrowser } from './support.ts';

describe('Trang dành cho người dân, trên điện thoại', () => {
  const b = useBrowser(PHONE);

  it('mở trang của xã theo mã xã mà không cần đăng nhập, không tải giao diện cán bộ', async () => {
    const page = b.page();
    const scripts: string[] = [];
    page.on('request', (r) => {
      if (r.resourceType() === 'script') scripts.push(r.url());
    });
    await page.goto('/p/HP-BINHGIANG');
    await page.getByRole('heading', { name: 'Xã Bình Giang', level: 1 }).waitFor();
    await page.getByRole('banner').getByText('UBND Xã Bình Giang').waitFor();
    await page.getByText('Thành phố Hải Phòng').waitFor();
    // Trang nhẹ: không có thư viện giao diện của trang cán bộ (antd).
    expect(scripts.some((u) => /antd|table-|date-picker/.test(u))).toBe(false);
    await page.screenshot({ path: join(outDir, 'citizen-home-phone.png'), fullPage: true });
  });

  it('báo rõ bằng tiếng Việt khi mã xã không tồn tại', async () => {
    const page = b.page();
    await page.goto('/p/KHONG-CO-XA-NAY');
    await expect(page.getByRole('alert').textContent()).resolves.toContain(
      'Không tìm thấy xã, phường, đặc khu này.',
    );
  });
});
