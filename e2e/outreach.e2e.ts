/// <reference lib="dom" />
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formField, login, openMenu, outDir, PHONE, pickOption, useBrowser } from './support.ts';

const suffix = Date.now().toString(36);
const title = `Hội nghị nhân dân Thôn Lương Ngọc về “Chính quyền thân thiện” (${suffix})`;
const practice = `Thôn tự quản đọc bản tin mô hình mỗi tối thứ Bảy (${suffix})`;

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cqtt-e2e-outreach-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('tuyên truyền: ghi hoạt động, độ phủ, thư viện, gương điển hình', () => {
  const browser = useBrowser();

  it('Phòng VH-XH ghi một hoạt động tại thôn, kèm văn bản; độ phủ thôn tăng; tìm không dấu; tải Excel', async () => {
    const page = browser.page();
    await login(page, 'vhxh.binhgiang');
    await openMenu(page, 'Tuyên truyền');
    await page.goto('/outreach?year=2026&tab=coverage');
    await page.getByText('4/6').waitFor();

    await page.getByRole('tab', { name: 'Hoạt động' }).click();
    await page.getByRole('button', { name: 'Ghi hoạt động' }).click();
    const dialog = page.getByRole('dialog', { name: 'Ghi hoạt động' });
    await formField(dialog, 'Ngày').locator('input').fill('15/10/2026');
    await formField(dialog, 'Ngày').locator('input').press('Enter');
    await formField(dialog, 'Nội dung hoạt động').locator('input').fill(title);
    await pickOption(dialog, 'Thôn', 'Thôn Lương Ngọc');
    await formField(dialog, 'Số người').getByRole('spinbutton').fill('210');
    const docs = formField(dialog, 'Văn bản được tuyên truyền');
    await docs.getByRole('combobox').fill('5049');
    await page
      .locator('.ant-select-dropdown:visible')
      .getByText(/^5049\/QĐ-UBND/)
      .click();
    await page.keyboard.press('Escape');
    await dialog.getByText('Hiện trên trang thông tin dành cho người dân').click();
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('cell', { name: new RegExp(suffix) }).waitFor();

    await page.getByRole('searchbox', { name: 'Tìm (không cần dấu)' }).fill('thon luong ngoc');
    await page.getByRole('cell', { name: new RegExp(suffix) }).waitFor();
    // the debounced search narrows the list to the one activity of that village
    await page.getByText(/^Đêm văn nghệ quần chúng/).waitFor({ state: 'detached' });

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Tải Excel' }).click(),
    ]);
    const saved = join(dir, 'tuyen-truyen.xlsx');
    await download.saveAs(saved);
    expect(readFileSync(saved).subarray(0, 2).toString()).toBe('PK');

    await page.getByRole('searchbox', { name: 'Tìm (không cần dấu)' }).fill('');
    await page.getByText(/^Đêm văn nghệ quần chúng/).waitFor();
    await page.getByRole('tab', { name: 'Độ phủ' }).click();
    await page.getByText('5/6').waitFor();
    await page.screenshot({ path: join(outDir, 'outreach-coverage.png'), fullPage: true });

    await page.getByRole('tab', { name: 'Thư viện văn bản' }).click();
    // the tab is in the address: wait for it before typing, or the search would write the old address back
    await page.getByRole('cell', { name: '119/KH-UBND' }).waitFor();
    await page.getByRole('searchbox', { name: 'Tìm (không cần dấu)' }).fill('bo tieu chi');
    await page.getByRole('cell', { name: '5049/QĐ-UBND' }).waitFor();
    await page.getByRole('cell', { name: '119/KH-UBND' }).waitFor({ state: 'detached' });
  });

  it('Trung tâm Dịch vụ sự nghiệp công ghi nhận một gương điển hình', async () => {
    const page = browser.page();
    await login(page, 'ttdvsnc.binhgiang');
    await page.goto('/outreach?year=2026');
    await page.getByRole('heading', { name: 'Tuyên truyền', exact: true }).waitFor();
    // a tab, then at once a search: the address keeps both (the second change once undid the first)
    await page.getByRole('tab', { name: 'Gương điển hình' }).click();
    await page.getByLabel('Tìm (không cần dấu)').pressSequentially('thon');
    await page.waitForURL((url) => url.searchParams.get('q') === 'thon');
    expect(new URL(page.url()).searchParams.get('tab')).toBe('examples');
    await page.getByLabel('Tìm (không cần dấu)').clear();
    await page.waitForURL((url) => !url.searchParams.has('q'));
    expect(new URL(page.url()).searchParams.get('tab')).toBe('examples');
    await page.getByRole('button', { name: 'Ghi nhận' }).click();
    const dialog = page.getByRole('dialog', { name: 'Ghi nhận' });
    await formField(dialog, 'Tập thể, cá nhân').locator('input').fill('Thôn Lương Ngọc');
    await pickOption(dialog, 'Thôn', 'Thôn Lương Ngọc');
    await formField(dialog, 'Cách làm, việc làm').locator('input').fill(practice);
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByText(practice).waitFor();
    await page.screenshot({ path: join(outDir, 'outreach-examples.png'), fullPage: true });
  });
});

describe('trang của xã cho người dân: khẩu hiệu và hoạt động công khai', () => {
  const phone = useBrowser(PHONE);
  it('hiện “4 xin, 4 luôn, 5 không” và hoạt động vừa công khai', async () => {
    const page = phone.page();
    await page.goto('/p/HP-BINHGIANG');
    await page.getByRole('heading', { name: '4 xin, 4 luôn, 5 không' }).waitFor();
    await page.getByText('Xin chào').waitFor();
    await page.getByText('Luôn lắng nghe').waitFor();
    await page.getByRole('heading', { name: 'Hoạt động tuyên truyền' }).waitFor();
    await page.getByText(title).waitFor();
    await page.screenshot({ path: join(outDir, 'citizen-outreach-phone.png'), fullPage: true });
  });
});

describe('“4 xin, 4 luôn, 5 không” theo lời văn của xã', () => {
  const browser = useBrowser();
  it('Phòng VH-XH sửa lời văn một nội dung; trang người dân và phiếu đánh giá hiện lời mới', async () => {
    const page = browser.page();
    await login(page, 'vhxh.binhgiang');
    await page.goto('/outreach?tab=conduct');
    const form = page.getByRole('form', { name: '4 xin, 4 luôn, 5 không' });
    const item = formField(form, 'Nội dung 3').nth(1).locator('input');
    await item.fill('Luôn thấu hiểu');
    await page.getByRole('button', { name: 'Lưu lời văn' }).click();
    await page.getByText('Đã lưu lời văn “4 xin, 4 luôn, 5 không”.').waitFor();
    await page.goto('/p/HP-BINHGIANG');
    await page.getByText('Luôn thấu hiểu').waitFor();
    expect(await page.getByText('Luôn lắng nghe').count()).toBe(0);
    // back to the default, so the other pages read the usual words
    await page.goto('/outreach?tab=conduct');
    await page.getByRole('button', { name: 'Trở về mặc định' }).click();
    await page.getByRole('button', { name: /OK|Đồng ý|Có/ }).click();
    await page.getByText(/lời văn mặc định/).waitFor();
  });
});
