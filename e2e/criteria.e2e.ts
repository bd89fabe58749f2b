/// <reference lib="dom" />
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formField, login, logout, openMenu, outDir, pickOption, useBrowser } from './support.ts';

// Năm riêng của tệp này: các tệp khác dùng 2026 (dữ liệu mẫu) và 2027.
const YEAR = 2028;
const suffix = Date.now().toString(36);
const evidenceName = `so-lieu-mot-cua-${suffix}.pdf`;

function minimalPdf(): Buffer {
  const objects = ['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [] /Count 0 >>'];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((obj, i) => {
    offsets.push(Buffer.byteLength(body, 'latin1'));
    body += `${i + 1} 0 obj\n${obj}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body, 'latin1');
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const off of offsets) body += `${String(off).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

function indicatorRow(page: Page, code: string) {
  return page.getByRole('row').filter({ has: page.getByRole('cell', { name: code, exact: true }) });
}

async function scoreDialog(page: Page, code: string) {
  await page.getByRole('button', { name: `Chấm điểm ${code}`, exact: true }).click();
  const dialog = page.getByRole('dialog').filter({ hasText: code });
  await dialog.waitFor();
  return dialog;
}

/** A step that moves the file on asks first and says what is missing; here, indicators are left unscored. */
async function step(page: Page, button: string, status: string) {
  await page.getByRole('button', { name: button, exact: true }).click();
  const confirm = page.getByRole('dialog').filter({ hasText: `${button}?` });
  await confirm.getByText(/\d+ chỉ tiêu chưa chấm/).waitFor();
  const lower = button.charAt(0).toLocaleLowerCase('vi-VN') + button.slice(1);
  await confirm.getByRole('button', { name: `Vẫn ${lower}`, exact: true }).click();
  await page.getByTestId('assessment-status').getByText(status, { exact: true }).waitFor();
}

describe('tiêu chí, chấm điểm và công nhận mức độ', () => {
  const b = useBrowser();
  let tmp = '';
  let assessmentUrl = '';

  beforeAll(async () => {
    tmp = mkdtempSync(join(tmpdir(), 'cqtt-criteria-'));
  });
  afterAll(() => {
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it('cả quy trình: đăng ký, tự chấm có minh chứng, giám sát điều chỉnh, duyệt, gửi, thành phố công nhận', async () => {
    const page = b.page();

    // 1. Phòng Văn hóa - Xã hội đăng ký mức 3 cho năm 2028, gửi thành phố trước 15/02.
    await login(page, 'vhxh.binhgiang');
    await openMenu(page, 'Đăng ký mức độ');
    await formField(page, 'Năm').getByRole('spinbutton').fill(String(YEAR));
    await pickOption(page, 'Mức đăng ký', 'Mức 3');
    await formField(page, 'Lý do, căn cứ đăng ký')
      .locator('textarea')
      .fill(`Xã đủ điều kiện phấn đấu mức 3 (${suffix})`);
    await page.getByRole('button', { name: 'Gửi thành phố', exact: true }).click();
    const regRow = page.getByRole('row').filter({ hasText: suffix });
    await regRow.getByText('Đúng hạn', { exact: true }).waitFor();

    // 2. Mở hồ sơ tự đánh giá năm 2028 theo bộ tiêu chí mẫu.
    await openMenu(page, 'Tự đánh giá, chấm điểm');
    await page.getByRole('button', { name: /Mở hồ sơ năm/ }).click();
    const openDialog = page.getByRole('dialog');
    await formField(openDialog, 'Năm').getByRole('spinbutton').fill(String(YEAR));
    await openDialog.getByRole('button', { name: 'Mở hồ sơ', exact: true }).click();
    await page.waitForURL(/\/assessments\/[0-9a-f-]{36}/);
    assessmentUrl = new URL(page.url()).pathname;
    await page.getByRole('heading', { name: `Hồ sơ tự đánh giá năm ${YEAR} — Xã Bình Giang` }).waitFor();
    await page.getByText('Còn thiếu để đạt mức 3 đã đăng ký').waitFor();
    await logout(page);

    // 3. Trung tâm Phục vụ hành chính công tự chấm chỉ tiêu của mình, kèm tệp minh chứng;
    //    chỉ tiêu của đơn vị khác không có nút chấm.
    await login(page, 'ttpvhcc.binhgiang');
    await page.goto(assessmentUrl);
    await page.getByTestId('assessment-status').getByText('Các đơn vị tự chấm').waitFor();
    expect(await page.getByRole('button', { name: 'Chấm điểm I.1.1', exact: true }).count()).toBe(0);
    let dialog = await scoreDialog(page, 'II.1.1');
    await dialog.getByRole('spinbutton').fill('10');
    await dialog.locator('textarea').fill('Tỷ lệ hồ sơ đúng hạn 99,1%');
    await dialog
      .locator('input[type=file]')
      .setInputFiles({ name: evidenceName, mimeType: 'application/pdf', buffer: minimalPdf() });
    await dialog.locator('.ant-upload-list-item-done').waitFor();
    await dialog.getByRole('button', { name: 'Lưu điểm' }).click();
    await indicatorRow(page, 'II.1.1').getByText(evidenceName).waitFor();
    await logout(page);

    // 4. Phòng Văn hóa - Xã hội tổng hợp.
    await login(page, 'vhxh.binhgiang');
    await page.goto(assessmentUrl);
    await step(page, 'Tổng hợp, chuyển giám sát', 'Đã tổng hợp, chờ giám sát');
    await logout(page);

    // 5. MTTQ điều chỉnh có lý do, rồi kết thúc giám sát.
    await login(page, 'mttq.binhgiang');
    await page.goto(assessmentUrl);
    dialog = await scoreDialog(page, 'II.1.1');
    await dialog.getByRole('spinbutton').fill('8');
    await dialog.getByRole('button', { name: 'Lưu điểm' }).click();
    await dialog.getByText('Phải ghi rõ lý do điều chỉnh.').waitFor();
    await dialog.locator('textarea').fill('Có 3 hồ sơ trễ hạn chưa được tính');
    await dialog.getByRole('button', { name: 'Lưu điểm' }).click();
    await indicatorRow(page, 'II.1.1')
      .getByText(/Giám sát \(.+\): Có 3 hồ sơ trễ hạn/)
      .waitFor();
    await step(page, 'Kết thúc giám sát', 'Đã giám sát, chờ lãnh đạo duyệt');
    await logout(page);

    // 6. Chủ tịch duyệt và gửi thành phố; từ đây xã chỉ xem.
    await login(page, 'chutich.binhgiang');
    await page.goto(assessmentUrl);
    await step(page, 'Lãnh đạo duyệt', 'Lãnh đạo đã duyệt');
    // sending issues the self-assessment report: who signs it, then the report takes its number
    await page.getByRole('button', { name: 'Gửi thành phố', exact: true }).click();
    const send = page.getByRole('dialog').filter({ has: page.getByLabel('Họ tên người ký') });
    await send.getByLabel('Họ tên người ký').fill('Vũ Đăng Chương');
    await send.getByLabel('Chức vụ người ký').fill('Chủ tịch');
    await send.getByRole('button', { name: 'Gửi thành phố', exact: true }).click();
    await page
      .getByTestId('assessment-status')
      .getByText('Đã gửi thành phố, chờ thẩm định', { exact: true })
      .waitFor();
    await page.getByText('Hồ sơ đã gửi thành phố: xã chỉ xem').waitFor();
    expect(await page.getByRole('button', { name: /^Chấm điểm / }).count()).toBe(0);
    await logout(page);

    // 7. Sở Nội vụ thẩm định một chỉ tiêu có lý do và công nhận mức độ.
    await login(page, 'snv.haiphong');
    await openMenu(page, 'Tự đánh giá, chấm điểm');
    await page.getByText('Mức độ của các xã, phường, đặc khu').waitFor();
    await page.getByRole('spinbutton', { name: 'Năm' }).fill(String(YEAR));
    await page
      .getByRole('row')
      .filter({ hasText: 'Xã Bình Giang' })
      .getByText('Đã gửi thành phố, chờ thẩm định')
      .waitFor();
    await page.screenshot({ path: join(outDir, 'criteria-communes.png'), fullPage: true });
    await page.goto(assessmentUrl);
    dialog = await scoreDialog(page, 'II.1.1');
    await dialog.getByRole('spinbutton').fill('7.5');
    await dialog.locator('textarea').fill('Đối chiếu hệ thống một cửa: 5 hồ sơ trễ hạn');
    await dialog.getByRole('button', { name: 'Lưu điểm' }).click();
    await indicatorRow(page, 'II.1.1')
      .getByText(/Thẩm định \(.+\): Đối chiếu/)
      .waitFor();
    await page.getByRole('button', { name: 'Công nhận mức độ', exact: true }).click();
    const rec = page.getByRole('dialog').filter({ hasText: 'Số quyết định' });
    await pickOption(rec, 'Mức công nhận', 'Mức 1');
    await formField(rec, 'Số quyết định').locator('input').fill(`88/QĐ-UBND-${suffix}`);
    // the decision cannot be dated before the file was sent (today) nor in the future: today
    const today = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Asia/Ho_Chi_Minh',
      day: '2-digit',
      month: '2-digit',
      year: 'numeric',
    }).format(new Date());
    await formField(rec, 'Ngày quyết định').locator('input').fill(today);
    await formField(rec, 'Ngày quyết định').locator('input').press('Enter');
    await rec.getByRole('button', { name: 'Ghi nhận', exact: true }).click();
    await page.getByTestId('assessment-status').getByText('Thành phố đã công nhận').waitFor();
    await page.getByText(`88/QĐ-UBND-${suffix}`).first().waitFor();
    await page.screenshot({ path: join(outDir, 'criteria-recognised.png'), fullPage: true });

    // 8. Báo cáo Word: the report as it was sent (frozen at submission), with its number; the
    // city's appraisal (7,5 for II.1.1) and its recognition do not change it.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Báo cáo tự đánh giá (Word)' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.docx$/);
    const saved = join(tmp, 'bao-cao.docx');
    await download.saveAs(saved);
    const xml = await (await JSZip.loadAsync(readFileSync(saved))).file('word/document.xml')!.async('string');
    const text = xml.replace(/<[^>]+>/g, '');
    expect(text).toContain('PHỤ LỤC BẢNG CHẤM ĐIỂM');
    expect(text).toContain('Tỷ lệ hồ sơ giải quyết đúng và trước hạn');
    expect(text).toMatch(/Số: \d+\/BC-UBND/);
    expect(text).toContain('Tổng điểm: 8/100 điểm');
    expect(text).not.toContain('Thành phố công nhận');
    expect(text).toMatch(/tự đánh giá đạt: chưa đạt mức 1/);
  });

  it('Sở Nội vụ sửa bộ tiêu chí trên giao diện: lỗi được liệt kê, bản đúng thành phiên bản mới', async () => {
    const page = b.page();
    await login(page, 'snv.haiphong');
    await openMenu(page, 'Bộ tiêu chí');
    const first = page.getByRole('row').filter({ hasText: 'MAU-CQTT' }).first();
    await first.getByRole('button', { name: 'Xem' }).click();
    // the drawer is a dialog named by its title: the set's name and version
    const drawer = page.getByRole('dialog', { name: /^Bộ tiêu chí mẫu.*\(v\d+\)$/ });
    await drawer.waitFor();
    await drawer.getByRole('button', { name: 'Sửa thành phiên bản mới' }).click();
    const editor = page.getByRole('textbox', { name: 'Sửa bộ tiêu chí (JSON)' });
    const original = await editor.inputValue();
    const set = JSON.parse(original);
    // Sai: điểm tối đa của tiêu chí I.1 không bằng tổng các chỉ tiêu, mức 2 đòi tiêu chí không có.
    set.groups[0].criteria[0].maxPoints = 9;
    set.levels[1].mandatory = ['KHONG-CO'];
    await editor.fill(JSON.stringify(set, null, 2));
    await page.getByRole('button', { name: 'Lưu phiên bản mới' }).click();
    const problems = page.getByTestId('import-problems');
    await problems.getByText('groups.0.criteria.0.maxPoints').waitFor();
    await problems.getByText('levels.1.mandatory').waitFor();
    await page
      .getByRole('button', { name: 'OK' })
      .or(page.getByRole('button', { name: 'Đồng ý' }))
      .first()
      .click();
    // Đúng: đổi tên, lưu thành phiên bản mới.
    const fixed = JSON.parse(original);
    fixed.name = `Bộ tiêu chí mẫu sửa (${suffix})`;
    await editor.fill(JSON.stringify(fixed, null, 2));
    await page.getByRole('button', { name: 'Lưu phiên bản mới' }).click();
    await page
      .getByRole('row')
      .filter({ hasText: suffix })
      .getByText(/^v\d+$/)
      .waitFor();
    // saved: the editor and the drawer of the old version close, the user is back on the list
    await editor.waitFor({ state: 'hidden' });
    await drawer.waitFor({ state: 'hidden' });
    await page.screenshot({ path: join(outDir, 'criteria-sets.png'), fullPage: true });
  });
});
