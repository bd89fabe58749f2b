import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { login, openMenu, outDir, pickOption, useBrowser } from './support.ts';

const suffix = Date.now().toString(36);
const service = { username: `motcua.${suffix}`, name: `Hệ thống một cửa ${suffix}` };
const tokenName = `Đồng bộ hồ sơ ${suffix}`;

describe('Mã truy cập API: của ai, quyền gì, đến bao giờ', () => {
  const b = useBrowser();

  it('quản trị tạo tài khoản dịch vụ, cấp cho nó một mã chỉ có quyền cần dùng, và thấy mã trong nhật ký', async () => {
    const page = b.page();
    await login(page, 'admin');

    // Tài khoản dịch vụ: không đăng nhập được, chỉ vai trò công việc.
    await openMenu(page, 'Người dùng');
    await page.getByRole('button', { name: 'Thêm tài khoản dịch vụ' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Tên đăng nhập', { exact: true }).fill(service.username);
    await dialog.getByLabel('Tên phần mềm', { exact: true }).fill(service.name);
    await pickOption(dialog, 'Vai trò', 'Phòng Văn hóa - Xã hội (đầu mối tổng hợp)');
    await dialog.getByLabel('Tên phần mềm', { exact: true }).click();
    await dialog.getByRole('button', { name: 'Tạo tài khoản' }).click();
    await page.getByText(`Đã tạo tài khoản dịch vụ ${service.username}`).waitFor();
    await page
      .getByRole('searchbox', { name: 'Tìm theo họ tên, tên đăng nhập, email' })
      .fill(service.username);
    const row = page.getByRole('row').filter({ hasText: service.username });
    await row.getByText('Tài khoản dịch vụ').waitFor();
    await row.getByText('Không đăng nhập (dùng mã API)').waitFor();
    expect(await row.getByRole('button', { name: 'Đặt lại mật khẩu' }).count()).toBe(0);

    // Cấp mã cho tài khoản đó: quyền thiết lập một cửa và đọc, hạn 30 ngày.
    await openMenu(page, 'Mã truy cập API');
    await page.getByRole('button', { name: 'Cấp mã mới' }).click();
    const issue = page.getByRole('dialog');
    await issue.getByLabel('Tên gọi', { exact: true }).fill(tokenName);
    await issue.getByText('Một tài khoản dịch vụ', { exact: true }).click();
    await pickOption(issue, 'Tài khoản dịch vụ', `${service.name} (${service.username})`);
    // the administrator's own capabilities are not offered for a coordinator's account, and no decision is
    expect(await issue.getByText('(users.manage)').count()).toBe(0);
    expect(await issue.getByText('(budget.approve)').count()).toBe(0);
    await issue.getByText('(satisfaction.manage)').click();
    const days = issue.getByLabel('Hạn dùng', { exact: true });
    await days.fill('30');
    await issue.getByText(/^Hết hạn ngày \d\d\/\d\d\/\d{4}$/).waitFor();
    await issue.getByRole('button', { name: 'Cấp mã mới' }).click();
    const token = (await page.getByTestId('issued-token').textContent())!.trim();
    expect(token).toMatch(/^cqtt_/);
    await page.getByRole('button', { name: 'Tôi đã lưu mã' }).click();

    const listed = page.getByRole('row').filter({ hasText: tokenName });
    await listed.getByText('Tài khoản dịch vụ').waitFor();
    await listed.getByText('Thiết lập quầy, cán bộ, thủ tục; nhập hồ sơ một cửa').waitFor();
    await listed.getByText('Đang hiệu lực').waitFor();
    await page.screenshot({ path: join(outDir, 'tokens.png'), fullPage: true });

    // The one-stop system uses it: it acts as its service account, within its scopes only.
    const asService = (method: 'get' | 'post', url: string, data?: unknown) =>
      page.request[method](url, { headers: { authorization: `Bearer ${token}` }, data });
    expect((await (await asService('get', '/api/me')).json()).user.username).toBe(service.username);
    const csv =
      'Mã hồ sơ,Mã thủ tục,Ngày tiếp nhận,Ngày hẹn trả,Ngày trả kết quả,Trạng thái\nHS-E2E-1,1.001612,02/01/2026,05/01/2026,05/01/2026,Đã trả kết quả\n';
    const imported = await asService('post', '/api/satisfaction/dossiers/import', {
      fileName: 'ho-so.csv',
      contentBase64: Buffer.from(csv).toString('base64'),
    });
    expect(imported.status()).toBe(200);
    expect((await asService('post', '/api/villages', { name: 'Thôn qua mã' })).status()).toBe(403);

    // Nhật ký: dòng nhập hồ sơ ghi tên tài khoản dịch vụ và tên mã.
    await openMenu(page, 'Nhật ký thay đổi');
    const auditRow = page.getByRole('row').filter({ hasText: service.username }).first();
    await auditRow.getByText(`qua mã API «${tokenName}»`).waitFor();
    await page.screenshot({ path: join(outDir, 'audit-token.png'), fullPage: true });
  });

  it('quản trị không tự cấp cho mình vai trò Lãnh đạo', async () => {
    const page = b.page();
    await login(page, 'admin');
    await openMenu(page, 'Người dùng');
    await page.getByRole('searchbox', { name: 'Tìm theo họ tên, tên đăng nhập, email' }).fill('admin');
    const row = page.getByRole('row').filter({ hasText: 'Quản trị hệ thống xã Bình Giang' });
    await row.getByRole('button', { name: 'Sửa' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('không tự cấp vai trò quyết định', { exact: false }).waitFor();
    await dialog.getByLabel('Vai trò', { exact: true }).click();
    const leader = page.locator('.ant-select-item-option').filter({ hasText: 'Lãnh đạo UBND' });
    await leader.waitFor();
    expect(await leader.getAttribute('class')).toContain('ant-select-item-option-disabled');
  });
});

describe('Sở Nội vụ xem nhật ký dữ liệu chung của thành phố', () => {
  const b = useBrowser();

  it('thấy thay đổi ngày nghỉ của thành phố; quản trị xã không thấy, và không còn nút nhập bộ tiêu chí', async () => {
    const page = b.page();
    await login(page, 'snv.haiphong');
    const me = await (await page.request.get('/api/me')).json();
    const saved = await page.request.put('/api/city-holidays', {
      headers: { 'x-csrf-token': me.csrfToken },
      data: { year: 2030, days: [{ day: '2030-02-04', name: `Tết ${suffix}` }] },
    });
    expect(saved.status()).toBe(200);
    await openMenu(page, 'Nhật ký thay đổi');
    await page.getByText('Nhật ký thay đổi dữ liệu chung của thành phố').waitFor();
    await page.getByRole('row').filter({ hasText: 'snv.haiphong' }).first().waitFor();
    await page.screenshot({ path: join(outDir, 'audit-city.png'), fullPage: true });

    // the same browser, now as the commune's administrator
    const commune = page;
    await commune.context().clearCookies();
    await login(commune, 'admin');
    const rows = await (await commune.request.get('/api/audit?action=calendar.city_holidays.replace')).json();
    expect(rows.total).toBe(0);
    await openMenu(commune, 'Bộ tiêu chí');
    await commune.getByRole('table').waitFor();
    expect(await commune.getByRole('button', { name: /Nhập bộ tiêu chí/ }).count()).toBe(0);
  });
});
