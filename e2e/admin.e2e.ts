import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  DEMO_PASSWORD,
  fillLogin,
  formField,
  login,
  logout,
  notice,
  openMenu,
  outDir,
  pickOption,
  useBrowser,
} from './support.ts';

const suffix = Date.now().toString(36);
const newUser = {
  username: `e2e.${suffix}`,
  fullName: 'Trần Văn Kiểm Thử',
  email: `e2e.${suffix}@example.invalid`,
  initialPassword: 'Khoi-tao-ban-dau-2026',
  ownPassword: 'Lua-chin-vang-dong-que-2026',
};

describe('Quản trị hệ thống xã Bình Giang', () => {
  const b = useBrowser();

  it('tạo người dùng, thấy trong danh sách và trong nhật ký thay đổi', async () => {
    const page = b.page();
    await login(page, 'admin');
    await openMenu(page, 'Người dùng');

    await page.getByRole('button', { name: 'Thêm người dùng' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('Thêm người dùng').first().waitFor();
    await dialog.getByLabel('Tên đăng nhập', { exact: true }).fill(newUser.username);
    await dialog.getByLabel('Họ và tên', { exact: true }).fill(newUser.fullName);
    await dialog.getByLabel('Thư điện tử', { exact: true }).fill(newUser.email);
    await pickOption(dialog, 'Cơ quan, đơn vị', 'Trung tâm Phục vụ hành chính công');
    await pickOption(dialog, 'Vai trò', 'Đầu mối đơn vị');
    // Đóng danh sách vai trò (chọn nhiều nên danh sách còn mở) bằng cách bấm ra ngoài ô.
    await dialog.getByLabel('Họ và tên', { exact: true }).click();
    await dialog.getByLabel('Mật khẩu ban đầu', { exact: true }).fill(newUser.initialPassword);
    // Nhãn ô nhập lại: "Nhập lại mật khẩu ban đầu" (trước đây "… mới").
    await dialog.getByLabel(/^Nhập lại mật khẩu/).fill(newUser.initialPassword);
    await dialog.getByRole('button', { name: 'Tạo tài khoản' }).click();
    await notice(page, `Đã tạo tài khoản ${newUser.username}`);
    await dialog.waitFor({ state: 'detached' });

    // Trong danh sách (tìm theo tên đăng nhập).
    await page
      .getByRole('searchbox', { name: 'Tìm theo họ tên, tên đăng nhập, email' })
      .fill(newUser.username);
    const row = page.getByRole('row').filter({ hasText: newUser.username });
    await row.getByText(newUser.fullName).waitFor();
    expect(await row.textContent()).toContain('Trung tâm Phục vụ hành chính công');
    expect(await row.textContent()).toContain('Đầu mối đơn vị');
    await page.screenshot({ path: join(outDir, 'admin-users.png'), fullPage: true });

    // Trong nhật ký thay đổi: một dòng "Thêm mới" người dùng này, do quản trị viên làm.
    const res = await page.request.get(`/api/users?q=${encodeURIComponent(newUser.username)}`);
    expect(res.status()).toBe(200);
    const body = (await res.json()) as { items: { id: string; username: string }[] };
    const created = body.items.find((u) => u.username === newUser.username);
    expect(created).toBeDefined();

    await openMenu(page, 'Nhật ký thay đổi');
    // Cột "Mã đối tượng" có thể bị cắt ngắn khi hiển thị: so theo 8 ký tự đầu của mã.
    const auditRow = page
      .getByRole('row')
      .filter({ hasText: created!.id.slice(0, 8) })
      .filter({ hasText: 'Thêm mới' });
    await auditRow.waitFor();
    const auditText = (await auditRow.textContent()) ?? '';
    expect(auditText).toContain('Người dùng');
    expect(auditText).toContain('admin');
    // the object is named by the account holder's name, not only by its id
    expect(auditText).toContain(newUser.fullName);
    // Mở dòng: nội dung sau thay đổi có tên đăng nhập và họ tên mới.
    await auditRow.getByRole('button', { name: 'Mở rộng dòng' }).click();
    await page.getByText(newUser.fullName).first().waitFor();
    await page.getByText(newUser.username).first().waitFor();
    await page.screenshot({ path: join(outDir, 'admin-audit.png'), fullPage: true });
  });

  it('tạo tài khoản trưởng thôn gắn với thôn của mình', async () => {
    const page = b.page();
    await login(page, 'admin');
    await openMenu(page, 'Người dùng');
    await page.getByRole('button', { name: 'Thêm người dùng' }).click();
    const dialog = page.getByRole('dialog');
    const username = `truongthon.${Date.now().toString(36)}`;
    await dialog.getByLabel('Tên đăng nhập', { exact: true }).fill(username);
    await dialog.getByLabel('Họ và tên', { exact: true }).fill('Bùi Văn Lương');
    // the village field appears with the role
    expect(await formField(dialog, 'Thôn phụ trách').count()).toBe(0);
    await pickOption(dialog, 'Vai trò', 'Trưởng thôn');
    await dialog.getByLabel('Họ và tên', { exact: true }).click();
    await pickOption(dialog, 'Thôn phụ trách', 'Thôn Lương Ngọc');
    await dialog.getByLabel('Mật khẩu ban đầu', { exact: true }).fill(newUser.initialPassword);
    await dialog.getByLabel(/^Nhập lại mật khẩu/).fill(newUser.initialPassword);
    await dialog.getByRole('button', { name: 'Tạo tài khoản' }).click();
    await notice(page, `Đã tạo tài khoản ${username}`);
    await page.getByRole('searchbox', { name: 'Tìm theo họ tên, tên đăng nhập, email' }).fill(username);
    const row = page.getByRole('row').filter({ hasText: username });
    await row.getByText('Trưởng thôn Thôn Lương Ngọc').waitFor();
  });

  it('người dùng mới phải đổi mật khẩu ban đầu ở lần đăng nhập đầu tiên', async () => {
    const page = b.page();
    await login(page, newUser.username, newUser.initialPassword);
    await page.waitForURL((url) => url.pathname === '/change-password');
    await page.getByText('Bạn cần đổi mật khẩu trước khi tiếp tục').waitFor();
    // Chưa đổi thì không vào được trang khác.
    await page.goto('/units');
    await page.waitForURL((url) => url.pathname === '/change-password');

    await page.getByLabel('Mật khẩu hiện tại', { exact: true }).fill(newUser.initialPassword);
    await page.getByLabel('Mật khẩu mới', { exact: true }).fill(newUser.ownPassword);
    await page.getByLabel('Nhập lại mật khẩu mới', { exact: true }).fill(newUser.ownPassword);
    await page.getByRole('button', { name: 'Đổi mật khẩu', exact: true }).click();
    await notice(page, 'Đã đổi mật khẩu thành công');
    await page.waitForURL((url) => url.pathname === '/');
    await page.getByRole('heading', { name: 'Tổng quan', exact: true }).waitFor();

    // Mật khẩu ban đầu không còn dùng được; mật khẩu mới thì được.
    await logout(page);
    await fillLogin(page, newUser.username, newUser.initialPassword);
    await page.getByTestId('login-error').waitFor();
    // Enter submits the form whatever the button's name while it still shows the first attempt.
    const password = page.getByLabel('Mật khẩu', { exact: true });
    await password.fill(newUser.ownPassword);
    await password.press('Enter');
    await page.waitForURL((url) => url.pathname === '/');
    expect(await page.getByTestId('header-user').textContent()).toBe(newUser.fullName);
  });

  it('cán bộ không phải quản trị không vào được trang Người dùng', async () => {
    const page = b.page();
    await login(page, 'mttq.binhgiang', DEMO_PASSWORD);
    await page.goto('/users');
    await page.getByText('Không có quyền truy cập').waitFor();
  });
});
