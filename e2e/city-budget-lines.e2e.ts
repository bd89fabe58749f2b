/// <reference lib="dom" />
import { join } from 'node:path';
import { type APIRequestContext, request } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  baseURL,
  chooseOption,
  DEMO_PASSWORD,
  formField,
  login,
  logout,
  notice,
  openMenu,
  outDir,
  useBrowser,
} from './support.ts';

// Năm sau: dự toán mới của xã, chưa có trong dữ liệu mẫu.
const YEAR = 2027;
const suffix = Date.now().toString(36);
const kiosk = `Ki-ốt đánh giá sự hài lòng (${suffix})`;
const queue = `Máy lấy số thứ tự (${suffix})`;
const reason = `Ngân sách thành phố năm ${YEAR} đã bố trí ki-ốt cho các xã (${suffix})`;

async function signedIn(username: string): Promise<{ api: APIRequestContext; csrf: string }> {
  const api = await request.newContext({ baseURL });
  const res = await api.post('/api/auth/login', { data: { username, password: DEMO_PASSWORD } });
  return { api, csrf: ((await res.json()) as { csrfToken: string }).csrfToken };
}

/** Phòng Kinh tế lập dự toán có hai dòng đề nghị thành phố bố trí; Văn phòng ban hành tờ trình. */
beforeAll(async () => {
  const kinhte = await signedIn('kinhte.binhgiang');
  const post = async (url: string, data: object) => {
    const res = await kinhte.api.post(url, { data, headers: { 'x-csrf-token': kinhte.csrf } });
    expect(res.status(), `${url}: ${await res.text()}`).toBeLessThan(300);
    return res.json();
  };
  const estimate = await post('/api/budgets', { year: YEAR, title: `Dự toán kinh phí năm ${YEAR}` });
  await post(`/api/budgets/${estimate.id}/lines`, { content: queue, amount: 60_000_000, source: 'city' });
  await post(`/api/budgets/${estimate.id}/lines`, { content: kiosk, amount: 30_000_000, source: 'city' });
  await post(`/api/budgets/${estimate.id}/submit`, {});
  const draft = await post('/api/documents', { kind: 'budget-proposal', year: YEAR });
  await kinhte.api.dispose();
  const office = await signedIn('vpub.binhgiang');
  const issued = await office.api.post(`/api/documents/${draft.id}/issue`, {
    data: { signerName: 'Vũ Đăng Chương', signerTitle: 'Chủ tịch' },
    headers: { 'x-csrf-token': office.csrf },
  });
  expect(issued.status(), await issued.text()).toBe(200);
  await office.api.dispose();
});

describe('Sở Nội vụ quyết định kinh phí các xã đề nghị thành phố bố trí', () => {
  const b = useBrowser();

  it('bố trí một dòng, không bố trí một dòng có lý do; xã thấy cả hai trên trang kinh phí', async () => {
    const page = b.page();
    await login(page, 'snv.haiphong');
    await openMenu(page, 'Kinh phí các xã đề nghị', 'Kinh phí các xã đề nghị thành phố');
    await page.goto(`/city/budget-lines?year=${YEAR}`);
    const row = (text: string) => page.getByRole('row').filter({ hasText: text });
    await row(queue).waitFor();
    expect(await row(queue).textContent()).toContain('60.000.000 đ');
    expect(await row(queue).textContent()).toContain('Chờ thành phố xem xét');

    await row(queue).getByRole('button', { name: 'Quyết định' }).click();
    const dialog = page.getByRole('dialog');
    await formField(dialog, 'Số kinh phí bố trí (đồng)').locator('input').fill('50000000');
    await dialog.getByRole('button', { name: 'Ghi quyết định' }).click();
    await notice(page, 'Đã ghi: thành phố bố trí kinh phí cho dòng này.');

    await row(kiosk).getByRole('button', { name: 'Quyết định' }).click();
    await dialog.getByRole('radio', { name: 'Không bố trí' }).check();
    // không có lý do: biểu mẫu nhắc, không gửi đi
    await dialog.getByRole('button', { name: 'Ghi quyết định' }).click();
    await dialog.getByText('Hãy nêu lý do để xã biết.').waitFor();
    await formField(dialog, 'Lý do không bố trí').locator('textarea').fill(reason);
    await dialog.getByRole('button', { name: 'Ghi quyết định' }).click();
    await notice(page, 'Đã ghi: thành phố không bố trí, xã thấy lý do.');

    // đã quyết định: ra khỏi danh sách chờ; "Tất cả" cho thấy cả hai quyết định
    await row(queue).waitFor({ state: 'detached' });
    await chooseOption(page.getByRole('combobox', { name: 'Trạng thái' }), 'Tất cả');
    await row(kiosk).getByText(reason).waitFor();
    expect(await row(queue).textContent()).toContain('50.000.000 đ');
    expect(await row(queue).textContent()).toContain('Thành phố đã bố trí');
    await page.screenshot({ path: join(outDir, 'city-budget-lines.png'), fullPage: true });

    await logout(page);
    await login(page, 'kinhte.binhgiang');
    await page.goto(`/budget?year=${YEAR}`);
    const card = page.getByTestId('budget-card');
    await card.getByText(reason).waitFor();
    await card.getByText(queue).waitFor();
    await page.screenshot({ path: join(outDir, 'city-budget-lines-commune.png'), fullPage: true });
  });
});
