import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { apiSettled, fillLogin, login, logout, menuItem, openMenu, outDir, useBrowser } from './support.ts';

describe('Giao diện quản trị: cán bộ Phòng Văn hóa - Xã hội xã Bình Giang', () => {
  const b = useBrowser();

  it('đăng nhập, thấy xã Bình Giang và đi qua các menu', async () => {
    const page = b.page();
    await login(page, 'vhxh.binhgiang');

    // Đầu trang: tên xã, thành phố và người dùng.
    const where = page.getByTestId('header-commune');
    await where.waitFor();
    expect(await where.textContent()).toContain('Bình Giang');
    expect(await page.getByTestId('header-user').textContent()).toBe('Nguyễn Thị Thu Hà');
    await page.getByText('Thành phố Hải Phòng').first().waitFor();

    // Đầu trang: liên kết tới trang công khai của xã cho người dân, mở trong thẻ mới.
    const publicLink = page.getByRole('link', { name: 'Trang công khai cho người dân (mở trong thẻ mới)' });
    expect(await publicLink.getAttribute('href')).toBe('/p/HP-BINHGIANG');
    expect(await publicLink.getAttribute('target')).toBe('_blank');
    const [citizens] = await Promise.all([page.context().waitForEvent('page'), publicLink.click()]);
    await citizens
      .getByText(/^UBND (Xã|xã) Bình Giang$/)
      .first()
      .waitFor();
    await citizens.close();

    // Trang Tổng quan với số cơ quan, đơn vị và thôn.
    await page.getByRole('heading', { name: 'Tổng quan', exact: true }).waitFor();
    await page.getByText('Xin chào Nguyễn Thị Thu Hà').waitFor();
    // seven offices and the four socio-political organisations the demo holds as units
    await page.getByTestId('stat-units').getByText('11').waitFor();
    await apiSettled(page);
    await page.screenshot({ path: join(outDir, 'console-after-login.png'), fullPage: true });

    // Menu: Cơ quan, đơn vị.
    await openMenu(page, 'Cơ quan, đơn vị');
    expect(new URL(page.url()).pathname).toBe('/units');
    const units = page.getByRole('table');
    await units.getByRole('cell', { name: 'Phòng Văn hóa - Xã hội', exact: true }).waitFor();
    await units.getByRole('cell', { name: 'Trung tâm Phục vụ hành chính công', exact: true }).waitFor();
    await units.getByRole('cell', { name: 'Ủy ban Mặt trận Tổ quốc Việt Nam xã', exact: true }).waitFor();
    await page.screenshot({ path: join(outDir, 'console-units.png'), fullPage: true });

    // Menu: Thôn.
    await openMenu(page, 'Thôn');
    expect(new URL(page.url()).pathname).toBe('/villages');
    await page.getByRole('table').getByRole('cell', { name: 'Thôn Ngọc Quán', exact: true }).waitFor();

    // Về Tổng quan.
    await openMenu(page, 'Tổng quan');
    expect(new URL(page.url()).pathname).toBe('/');

    // Cán bộ đầu mối không có menu quản trị.
    expect(await menuItem(page, 'Người dùng').count()).toBe(0);
    expect(await menuItem(page, 'Nhật ký thay đổi').count()).toBe(0);
    expect(await menuItem(page, 'Cơ quan, đơn vị').count()).toBe(1);

    // Đăng xuất: về trang đăng nhập, và trang trong không còn vào được.
    await logout(page);
    await page.goto('/units');
    await page.waitForURL((url) => url.pathname === '/login');
  });

  it('sai mật khẩu: báo lỗi bằng tiếng Việt và ở lại trang đăng nhập', async () => {
    const page = b.page();
    await page.goto('/login');
    await fillLogin(page, 'vpub.binhgiang', 'mat-khau-sai-123');
    const alert = page.getByTestId('login-error');
    await alert.waitFor();
    const text = (await alert.textContent()) ?? '';
    expect(text).toMatch(/mật khẩu/i);
    expect(text).toMatch(/không đúng/i);
    expect(new URL(page.url()).pathname).toBe('/login');
    expect(await page.context().cookies()).not.toContainEqual(
      expect.objectContaining({ name: 'cqtt_session' }),
    );
  });

  it('ô trống: biểu mẫu nhắc bằng tiếng Việt, không gửi đi', async () => {
    const page = b.page();
    await page.goto('/login');
    await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
    await page.getByText('Vui lòng nhập tên đăng nhập').waitFor();
    await page.getByText('Vui lòng nhập mật khẩu').waitFor();
  });
});
