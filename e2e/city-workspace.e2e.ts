import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, describe, expect, it } from 'vitest';
import {
  chooseOption,
  formField,
  login,
  logout,
  menuItem,
  outDir,
  pickOption,
  useBrowser,
} from './support.ts';

/**
 * Issue 13, "Done when": Sở Nội vụ Hải Phòng walks its workspace — home with alerts, communes side
 * by side sorted by satisfaction and filtered by level, a commune's trend and page, a file returned
 * for more material that the commune answers and sends again, the recognition, the XLSX and DOCX
 * exports, and the city's public page showing the recognised level.
 */
describe('Sở Nội vụ Hải Phòng theo dõi, so sánh và xử lý hồ sơ của các xã', () => {
  const b = useBrowser();
  const tmp = mkdtempSync(join(tmpdir(), 'cqtt-city-e2e-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('trang chủ, so sánh, xu hướng, trang xã, trả hồ sơ, xã gửi lại, công nhận, xuất tệp, trang công khai', async () => {
    const page = b.page();
    const year = new Date().getFullYear();
    await login(page, 'snv.haiphong');

    // 1. Trang chủ của năm: cảnh báo nêu tên xã chưa đăng ký (Cát Hải), là một liên kết.
    await menuItem(page, 'Năm nay của thành phố').click();
    await page.getByRole('heading', { name: `Các xã, phường, đặc khu năm ${year}` }).waitFor();
    const alert = page.getByRole('link', {
      name: new RegExp(`Đặc khu Cát Hải chưa đăng ký mức độ năm ${year}`),
    });
    await alert.waitFor();
    await page.screenshot({ path: join(outDir, 'city-home.png'), fullPage: true });

    // 2. Các xã cạnh nhau năm nay, sắp xếp theo chỉ số hài lòng (cao trước).
    await menuItem(page, 'Các xã cạnh nhau').click();
    await page.getByRole('heading', { name: 'Các xã, phường, đặc khu cạnh nhau' }).waitFor();
    const table = page.locator('.ant-table').first();
    await table.getByRole('link', { name: 'Xã Bình Giang', exact: true }).waitFor();
    const header = table.locator('th').filter({ hasText: 'Hài lòng' }).first();
    await header.click();
    await page.waitForURL(/sort=satisfaction&order=desc/);
    await table.locator('tbody tr.ant-table-row').first().waitFor();
    const sorted = await page.request.get(`/api/city/communes?year=${year}&sort=satisfaction&order=desc`);
    const order = (await sorted.json()).items.map((r: { communeName: string }) => r.communeName);
    await expect
      .poll(async () =>
        (await table.locator('tbody tr.ant-table-row td:nth-child(3)').allTextContents()).slice(0, 3),
      )
      .toEqual(order);
    await page.screenshot({ path: join(outDir, 'city-communes-sorted.png'), fullPage: true });

    // 3. Lọc theo mức: mức đăng ký 3 — chỉ Bình Giang.
    await chooseOption(page.getByRole('combobox', { name: 'Lọc theo mức' }), 'Mức đăng ký');
    await chooseOption(page.getByRole('combobox', { name: 'Mức', exact: true }), 'Mức 3');
    await expect.poll(async () => table.locator('tbody tr.ant-table-row').count()).toBe(1);
    await table.getByRole('link', { name: 'Xã Bình Giang', exact: true }).waitFor();

    // 4. Xu hướng 2026-2030 của một xã: nhiều năm, mở dòng của xã.
    await page.getByText('Nhiều năm', { exact: true }).click();
    await page.waitForURL(/from=2026/);
    await table.locator('tbody tr.ant-table-row').first().locator('.ant-table-row-expand-icon').click();
    const trend = page.getByRole('table', { name: 'Xu hướng qua các năm' });
    await trend.waitFor();
    expect(await trend.locator('tbody tr').count()).toBeGreaterThanOrEqual(1);
    expect(await trend.locator('tbody tr').first().textContent()).toContain('2026');

    // 5. Trang của xã cho thành phố (chỉ xem): mục tiêu 2026-2030, nhiệm vụ trong năm.
    await table.getByRole('link', { name: 'Xã Bình Giang', exact: true }).click();
    await page.getByRole('heading', { name: 'Xã Bình Giang (HP-BINHGIANG)' }).waitFor();
    await page.getByText('Mục tiêu và kết quả 2026-2030').waitFor();
    await page.getByRole('table', { name: 'Nhiệm vụ trong năm' }).waitFor();
    await page.screenshot({ path: join(outDir, 'city-commune.png'), fullPage: true });

    // 6. Hàng đợi thẩm định: trả hồ sơ của Hồng Bàng, kèm yêu cầu bằng văn bản.
    await menuItem(page, 'Thẩm định hồ sơ').click();
    await page.getByRole('heading', { name: 'Thẩm định hồ sơ tự đánh giá' }).waitFor();
    await chooseOption(page.getByRole('combobox', { name: 'Năm' }), 'Năm 2026');
    const row = page.getByRole('row').filter({ hasText: 'Phường Hồng Bàng' });
    await row.waitFor();
    const href = await row.getByRole('link', { name: 'Mở hồ sơ' }).getAttribute('href');
    expect(href).toMatch(/^\/assessments\//);
    await row.getByRole('button', { name: 'Trả để bổ sung' }).click();
    const dialog = page.getByRole('dialog').filter({ hasText: 'Trả hồ sơ để bổ sung' });
    await dialog.getByRole('button', { name: 'Trả hồ sơ' }).click();
    await dialog.getByText('Hãy ghi rõ tài liệu cần bổ sung.').waitFor();
    await formField(dialog, 'Yêu cầu bổ sung')
      .locator('textarea')
      .fill('Đề nghị bổ sung biên bản họp xét và kết quả khảo sát quý IV.');
    await dialog.getByRole('button', { name: 'Trả hồ sơ' }).click();
    await page.getByText('Đã trả hồ sơ; xã nhận được yêu cầu bổ sung.').waitFor();
    await logout(page);

    // 7. Phường thấy yêu cầu, trả lời và gửi lại.
    await login(page, 'vhxh.hongbang');
    await page.goto(href!);
    const rounds = page.getByTestId('rounds');
    await rounds.getByText('Sở Nội vụ trả hồ sơ để bổ sung (lần 1)').waitFor();
    await rounds.getByText('Đề nghị bổ sung biên bản họp xét và kết quả khảo sát quý IV.').first().waitFor();
    await formField(rounds, 'Trả lời yêu cầu bổ sung')
      .locator('textarea')
      .fill('Phường đã bổ sung biên bản họp xét ngày 05/11 và kết quả khảo sát quý IV.');
    await rounds.getByRole('button', { name: 'Gửi lại hồ sơ' }).click();
    await page.getByText('Đã gửi lại hồ sơ cho thành phố.').waitFor();
    await page.getByTestId('assessment-status').getByText('Đã gửi thành phố, chờ thẩm định').waitFor();
    await page.screenshot({ path: join(outDir, 'city-resubmitted.png'), fullPage: true });
    await logout(page);

    // 8. Thành phố công nhận mức độ với số và ngày quyết định (hôm nay).
    await login(page, 'snv.haiphong');
    await page.goto(href!);
    await page
      .getByTestId('rounds')
      .getByText(/Phường đã bổ sung biên bản/)
      .waitFor();
    await page.getByRole('button', { name: 'Công nhận mức độ', exact: true }).click();
    const rec = page.getByRole('dialog').filter({ hasText: 'Số quyết định' });
    await pickOption(rec, 'Mức công nhận', 'Mức 2');
    await formField(rec, 'Số quyết định').locator('input').fill('3150/QĐ-UBND');
    const today = new Date().toLocaleDateString('en-GB', { timeZone: 'Asia/Ho_Chi_Minh' });
    await formField(rec, 'Ngày quyết định').locator('input').fill(today);
    await formField(rec, 'Ngày quyết định').locator('input').press('Enter');
    await rec.getByRole('button', { name: 'Ghi nhận', exact: true }).click();
    await page.getByTestId('assessment-status').getByText('Thành phố đã công nhận').waitFor();

    // 9. Xuất bảng (XLSX) và báo cáo tổng hợp (DOCX), mở cả hai; LibreOffice đọc được báo cáo.
    await page.goto('/city/communes?year=2026');
    await page.locator('.ant-table').first().getByRole('link', { name: 'Phường Hồng Bàng' }).waitFor();
    const [xlsx] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Tải bảng (XLSX)' }).click(),
    ]);
    const xlsxPath = join(tmp, 'cac-xa.xlsx');
    await xlsx.saveAs(xlsxPath);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsxPath);
    const cells = JSON.stringify(wb.worksheets[0]!.getSheetValues());
    expect(cells).toContain('Phường Hồng Bàng');
    expect(cells).toContain('3150/QĐ-UBND');
    const [docx] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Báo cáo tổng hợp (DOCX)' }).click(),
    ]);
    const docxPath = join(tmp, 'bao-cao.docx');
    await docx.saveAs(docxPath);
    const xml = await (await JSZip.loadAsync(readFileSync(docxPath)))
      .file('word/document.xml')!
      .async('string');
    const text = xml.replace(/<[^>]+>/g, '');
    expect(text).toContain('Tổng hợp kết quả thực hiện mô hình');
    expect(text).toContain('Phường Hồng Bàng');
    execFileSync(
      'soffice',
      [
        `-env:UserInstallation=file://${join(tmp, 'lo-profile')}`,
        '--headless',
        '--convert-to',
        'pdf',
        '--outdir',
        tmp,
        docxPath,
      ],
      { timeout: 120_000, stdio: 'ignore' },
    );
    expect(existsSync(join(tmp, 'bao-cao.pdf'))).toBe(true);
    expect(readFileSync(join(tmp, 'bao-cao.pdf')).subarray(0, 4).toString()).toBe('%PDF');

    // 10. Trang công khai của thành phố: mức độ được công nhận của Hồng Bàng, không cần đăng nhập.
    await logout(page);
    await page.goto('/p/city/HP?nam=2026');
    const pub = page.getByRole('row').filter({ hasText: 'Phường Hồng Bàng' });
    await pub.getByText('Mức 2').waitFor();
    await page.screenshot({ path: join(outDir, 'city-public.png'), fullPage: true });
  });
});
