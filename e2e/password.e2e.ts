import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, fillLogin, login, logout, notice, useBrowser } from './support.ts';

describe('Đổi mật khẩu', () => {
  const b = useBrowser();
  // an account no other browser test logs in with, so the changed password disturbs none of them
  const username = 'vpub.binhgiang';
  const newPassword = 'Cay-da-dau-lang-Binh-Giang';

  it('đổi mật khẩu từ menu tài khoản, rồi đăng nhập bằng mật khẩu mới', async () => {
    const page = b.page();
    await login(page, username);

    await page.getByRole('button', { name: /Tài khoản$/ }).click();
    await page.getByRole('menuitem', { name: 'Đổi mật khẩu' }).click();
    await page.waitForURL((url) => url.pathname === '/change-password');
    await page.getByRole('heading', { name: 'Đổi mật khẩu', exact: true }).waitFor();

    // Nhập lại không khớp: biểu mẫu báo lỗi, không gửi đi.
    await page.getByLabel('Mật khẩu hiện tại', { exact: true }).fill(DEMO_PASSWORD);
    await page.getByLabel('Mật khẩu mới', { exact: true }).fill(newPassword);
    await page.getByLabel('Nhập lại mật khẩu mới', { exact: true }).fill(`${newPassword}x`);
    await page.getByRole('button', { name: 'Đổi mật khẩu', exact: true }).click();
    await page.getByText('Hai mật khẩu không khớp nhau').waitFor();

    // Mật khẩu hiện tại sai: máy chủ từ chối, báo bằng tiếng Việt.
    await page.getByLabel('Mật khẩu hiện tại', { exact: true }).fill('khong-phai-mat-khau');
    await page.getByLabel('Nhập lại mật khẩu mới', { exact: true }).fill(newPassword);
    await page.getByRole('button', { name: 'Đổi mật khẩu', exact: true }).click();
    await page
      .getByText(/mật khẩu hiện tại/i)
      .nth(1)
      .waitFor();
    expect(new URL(page.url()).pathname).toBe('/change-password');

    // Đúng: đổi xong, về Tổng quan.
    await page.getByLabel('Mật khẩu hiện tại', { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Đổi mật khẩu', exact: true }).click();
    await notice(page, 'Đã đổi mật khẩu thành công');
    await page.waitForURL((url) => url.pathname === '/');

    // Mật khẩu cũ bị từ chối, mật khẩu mới dùng được.
    await logout(page);
    await fillLogin(page, username, DEMO_PASSWORD);
    await page.getByTestId('login-error').waitFor();
    await page.getByLabel('Mật khẩu', { exact: true }).fill(newPassword);
    await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
    await page.waitForURL((url) => url.pathname === '/');
    expect(await page.getByTestId('header-user').textContent()).toBe('Trần Thị Mai');
  });
});
