/// <reference lib="dom" />
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSettled, chooseOption, login, notice, openMenu, outDir, useBrowser } from './support.ts';

const PLAN_TITLE =
  /^Kế hoạch triển khai thực hiện mô hình “Chính quyền thân thiện” trên địa bàn xã Bình Giang/;
const CENTRE = 'Trung tâm Phục vụ hành chính công';
// Năm có trạng thái phụ thuộc ngày: luôn dùng 2027, không dùng "năm nay".
const YEAR = 2027;

const suffix = Date.now().toString(36);
const evidenceName = `bien-ban-hoi-nghi-${suffix}.pdf`;
const noteText = `Đã rà soát quy trình một cửa, niêm yết công khai thủ tục tại Trung tâm (${suffix})`;
const difficultyText = `Thiếu máy lấy số thứ tự tự động và màn hình hiển thị tại quầy tiếp nhận (${suffix})`;
const answerText = `Giao Văn phòng HĐND - UBND lập dự toán mua sắm trong quý I năm ${YEAR} (${suffix})`;

/** Một tệp PDF nhỏ nhưng hợp lệ (đầu "%PDF-1.4", bảng xref đúng vị trí, cuối "%%EOF"). */
function minimalPdf(): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 100] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    '<< /Length 44 >>\nstream\nBT /F1 12 Tf 20 50 Td (Bien ban e2e) Tj ET\nendstream',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
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

/** Dòng của nhiệm vụ số `n` trong một bảng (ô STT đúng bằng `n`). */
function taskRow(scope: Locator, n: number): Locator {
  return scope
    .getByRole('row')
    .filter({ has: scope.page().getByRole('cell', { name: String(n), exact: true }) });
}

/** Ngăn kéo chi tiết nhiệm vụ: hộp thoại có tiêu đề "Nhiệm vụ số 9 · năm 2027". */
function taskDrawer(page: Page, n: number, year: number): Locator {
  return page.getByRole('dialog', { name: `Nhiệm vụ số ${n} · năm ${year}`, exact: true });
}

/** "Nhiệm vụ của tôi" năm `year`, chọn bằng ô "Năm" (mặc định trang mở năm nay). */
async function openMyTasks(page: Page, year: number): Promise<void> {
  await openMenu(page, 'Nhiệm vụ của tôi');
  await chooseOption(page.getByRole('combobox', { name: 'Năm', exact: true }), `Năm ${year}`);
  await page.getByText(`Nhiệm vụ năm ${year} mà ${CENTRE} chủ trì hoặc phối hợp thực hiện`).waitFor();
  expect(new URL(page.url()).searchParams.get('year')).toBe(String(year));
}

/**
 * Trước khi chụp ảnh: về đầu trang và đầu các bảng cuộn ngang. Playwright cuộn tới phần tử nó bấm;
 * ảnh cả trang khi đang cuộn thì thanh đầu trang (dính) che mất tiêu đề trang.
 */
async function scrollHome(page: Page): Promise<void> {
  await page.evaluate(() => {
    window.scrollTo(0, 0);
    for (const el of document.querySelectorAll('.ant-table-content, .ant-table-body')) el.scrollLeft = 0;
  });
}

describe('Kế hoạch "Chính quyền thân thiện" xã Bình Giang', () => {
  const b = useBrowser();
  let tmp = '';
  let evidencePath = '';

  beforeAll(async () => {
    tmp = mkdtempSync(join(tmpdir(), 'cqtt-e2e-plans-'));
    evidencePath = join(tmp, evidenceName);
    writeFileSync(evidencePath, minimalPdf());
  });
  afterAll(() => {
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it('Phòng Văn hóa - Xã hội xem phụ lục mười nhiệm vụ và tải kế hoạch dạng Word', async () => {
    const page = b.page();
    await login(page, 'vhxh.binhgiang');
    await openMenu(page, 'Kế hoạch');
    // Nhắc việc trước hạn: thêm lần nhắc 14 ngày, lưu, tải lại trang vẫn còn.
    const reminders = page.getByRole('combobox', { name: 'Nhắc việc trước hạn' });
    await page.getByText('30 ngày trước hạn').waitFor();
    await reminders.click();
    await page
      .locator('.ant-select-dropdown:visible')
      .getByTitle('14 ngày trước hạn', { exact: true })
      .click();
    await reminders.press('Escape');
    await page.getByRole('button', { name: 'Lưu' }).click();
    await notice(page, 'Đã lưu số ngày nhắc việc');
    await page.reload();
    await page.getByText('14 ngày trước hạn').waitFor();
    await page.getByRole('link', { name: PLAN_TITLE }).click();
    await page.waitForURL(/\/plans\/[0-9a-f-]{36}/);
    await page.getByRole('heading', { level: 3, name: PLAN_TITLE }).waitFor();

    // Phụ lục: mười nhiệm vụ, thời gian thực hiện đúng câu chữ của kế hoạch.
    await page.getByRole('tab', { name: 'Phụ lục nhiệm vụ (10)', exact: true }).click();
    const appendix = page.getByRole('tabpanel', { name: 'Phụ lục nhiệm vụ (10)' });
    await appendix.getByText('PHỤ LỤC NHIỆM VỤ CỤ THỂ', { exact: true }).waitFor();
    await taskRow(appendix, 10).waitFor();
    expect(await appendix.locator('tbody tr.ant-table-row').count()).toBe(10);
    for (let n = 1; n <= 10; n++) expect(await taskRow(appendix, n).count()).toBe(1);

    const task3 = taskRow(appendix, 3);
    await task3.getByRole('cell', { name: 'Trước ngày 15/02 hằng năm', exact: true }).waitFor();
    await task3.getByRole('cell', { name: 'Phòng Văn hóa - Xã hội', exact: true }).waitFor();
    await taskRow(appendix, 9).getByRole('cell', { name: CENTRE, exact: true }).waitFor();
    await taskRow(appendix, 10).getByRole('cell', { name: 'Năm 2027 và năm 2030', exact: true }).waitFor();
    await page.screenshot({ path: join(outDir, 'plans-appendix.png'), fullPage: true });

    // Tiến độ năm 2026: nhiệm vụ 3 hạn 14/02/2026, nhiệm vụ 10 không có kỳ thực hiện;
    // năm 2027 thì có nhiệm vụ 10.
    await page.getByRole('tab', { name: /^Tiến độ năm \d{4}$/ }).click();
    const progress = page.getByRole('tabpanel', { name: /^Tiến độ năm \d{4}$/ });
    const yearBox = progress.getByRole('combobox', { name: 'Năm', exact: true });
    await chooseOption(yearBox, 'Năm 2026');
    await taskRow(progress, 3).getByText('Hạn: 14/02/2026', { exact: true }).waitFor();
    expect(await progress.getByRole('button', { name: /^Mở nhiệm vụ số 10:/ }).count()).toBe(0);
    await chooseOption(yearBox, `Năm ${YEAR}`);
    await taskRow(progress, 10).getByText('Năm 2027 và năm 2030', { exact: true }).waitFor();
    await taskRow(progress, 3).getByText(`Hạn: 14/02/${YEAR}`, { exact: true }).waitFor();

    // Tải Word: trình duyệt nhận một tệp .docx (ZIP, bắt đầu bằng "PK").
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Tải Word (.docx)' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.docx$/);
    const saved = join(tmp, 'ke-hoach.docx');
    await download.saveAs(saved);
    const bytes = readFileSync(saved);
    expect(bytes.length).toBeGreaterThan(1000);
    expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
  });

  it('Trung tâm Phục vụ hành chính công cập nhật tiến độ có minh chứng, hoàn thành và báo vướng mắc', async () => {
    const page = b.page();
    await login(page, 'ttpvhcc.binhgiang');
    await openMyTasks(page, YEAR);

    const row9 = taskRow(page.getByRole('table'), 9);
    await row9.getByRole('cell', { name: 'Chủ trì', exact: true }).waitFor();
    await row9.getByRole('button', { name: /^Mở nhiệm vụ số 9:/ }).click();
    await page.waitForURL((url) => url.searchParams.has('task'));
    const drawer = taskDrawer(page, 9, YEAR);
    await drawer.getByText('Chưa có cập nhật tiến độ nào cho nhiệm vụ này trong năm').waitFor();
    expect(await drawer.getByText(CENTRE, { exact: true }).count()).toBeGreaterThan(0);

    // Cập nhật tiến độ 50% với một tệp PDF minh chứng.
    const form = drawer.getByTestId('add-note-form');
    await form.getByLabel('Nội dung đã thực hiện', { exact: true }).fill(noteText);
    const percent = form.getByRole('spinbutton', { name: 'Phần trăm tiến độ' });
    await percent.fill('50');
    await percent.press('Tab');
    await form.locator('input[type="file"]').setInputFiles(evidencePath);
    await form.locator('.ant-upload-list-item-done').filter({ hasText: evidenceName }).waitFor();
    await form.getByRole('button', { name: 'Gửi cập nhật', exact: true }).click();
    await notice(page, 'Đã ghi nhận cập nhật tiến độ');

    // Ghi chú hiện trong "Quá trình thực hiện" với 50% và đường dẫn tới tệp.
    await drawer.getByText('Quá trình thực hiện (1)').waitFor();
    const note = drawer.getByTestId('progress-note').filter({ hasText: noteText });
    await note.waitFor();
    await note.getByText('50%', { exact: true }).waitFor();
    await note.getByText('Phạm Văn Đức', { exact: true }).waitFor();
    const link = note.getByRole('link', { name: new RegExp(evidenceName.replace(/\./g, '\\.')) });
    await link.waitFor();
    const href = await link.getAttribute('href');
    expect(href).toMatch(/^\/api\/files\//);
    const file = await page.request.get(href!);
    expect(file.status()).toBe(200);
    expect((await file.body()).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    await drawer.getByText('Đang thực hiện', { exact: true }).waitFor();
    await drawer.getByRole('progressbar').first().getByText('50%').waitFor();

    // Đánh dấu hoàn thành: trạng thái "Hoàn thành", nút "Mở lại" thay nút hoàn thành.
    await drawer.getByRole('button', { name: 'Đánh dấu hoàn thành' }).click();
    const complete = page.getByRole('dialog', { name: `Hoàn thành nhiệm vụ số 9 năm ${YEAR}` });
    await complete.getByLabel('Ngày hoàn thành').waitFor();
    await complete.getByRole('button', { name: 'Xác nhận hoàn thành' }).click();
    await notice(page, 'Đã đánh dấu hoàn thành');
    await complete.waitFor({ state: 'detached' });
    await drawer.locator('[data-status="done"]').getByText('Hoàn thành', { exact: true }).waitFor();
    await drawer.getByRole('button', { name: 'Mở lại' }).waitFor();
    expect(await drawer.getByRole('button', { name: 'Đánh dấu hoàn thành' }).count()).toBe(0);

    // Báo vướng mắc cho nhiệm vụ này: hiện trong ngăn kéo, đang chờ trả lời.
    await drawer.getByRole('button', { name: 'Báo vướng mắc' }).click();
    const report = page.getByRole('dialog', { name: 'Báo vướng mắc, khó khăn' });
    await report.getByText(`Vướng mắc khi thực hiện Nhiệm vụ số 9 năm ${YEAR}.`, { exact: false }).waitFor();
    await report.getByLabel('Nội dung vướng mắc, khó khăn').fill(difficultyText);
    await report.getByRole('button', { name: 'Gửi', exact: true }).click();
    await notice(page, 'Đã gửi vướng mắc');
    await report.waitFor({ state: 'detached' });
    await drawer.getByText('Vướng mắc, khó khăn (1)').waitFor();
    const reported = drawer.getByRole('alert').filter({ hasText: difficultyText });
    await reported.getByText('Đang chờ trả lời').waitFor();

    // Trong danh sách: nhiệm vụ 9 hoàn thành, một vướng mắc chưa trả lời.
    // Các thông báo "Đã …" xếp chồng ở giữa đầu trang có thể che nút đóng ngăn kéo (và đứng yên khi
    // con trỏ nằm trên chúng): chờ chúng tắt hẳn rồi mới bấm.
    await page.mouse.move(0, 500);
    await page.locator('.ant-message-notice').last().waitFor({ state: 'detached' });
    await drawer.getByRole('button', { name: 'Đóng', exact: true }).click();
    await drawer.waitFor({ state: 'detached' });
    await row9.getByText('Hoàn thành', { exact: true }).waitFor();
    await row9.getByRole('progressbar').getByText('100%').waitFor();
  });

  it('Chủ tịch UBND xã trả lời vướng mắc; câu trả lời hiện trong danh sách', async () => {
    const page = b.page();
    await login(page, 'chutich.binhgiang');
    await openMenu(page, 'Vướng mắc, khó khăn');
    await chooseOption(page.getByRole('combobox', { name: 'Năm', exact: true }), `Năm ${YEAR}`);

    const row = page.getByRole('row').filter({ hasText: difficultyText });
    await row.waitFor();
    expect(await row.textContent()).toContain('Nhiệm vụ số 9');
    expect(await row.textContent()).toContain(CENTRE);
    await row.getByText('Chưa trả lời', { exact: true }).waitFor();
    await row.getByRole('button', { name: 'Trả lời' }).click();

    const dialog = page.getByRole('dialog', { name: 'Trả lời vướng mắc của nhiệm vụ số 9' });
    await dialog.getByText(difficultyText).waitFor();
    await dialog.getByLabel('Trả lời', { exact: true }).fill(answerText);
    await dialog.getByRole('button', { name: 'Gửi trả lời' }).click();
    await notice(page, 'Đã gửi trả lời');
    await dialog.waitFor({ state: 'detached' });

    await row.getByText(answerText).waitFor();
    await row.getByText(/^Vũ Đăng Chương · /).waitFor();
    expect(await row.getByRole('button', { name: 'Trả lời' }).count()).toBe(0);
    expect(await row.getByText('Chưa trả lời', { exact: true }).count()).toBe(0);
    await scrollHome(page);
    await page.screenshot({ path: join(outDir, 'plans-difficulties.png'), fullPage: true });
  });

  it('Trung tâm thấy câu trả lời trong nhiệm vụ của mình; ảnh "Nhiệm vụ của tôi"', async () => {
    const page = b.page();
    await login(page, 'ttpvhcc.binhgiang');
    await openMyTasks(page, YEAR);

    const table = page.getByRole('table');
    const row9 = taskRow(table, 9);
    await row9.getByText('Hoàn thành', { exact: true }).waitFor();
    await row9.getByRole('cell', { name: 'Chủ trì', exact: true }).waitFor();
    // Nhiệm vụ 3 năm 2027: hạn 14/02/2027, trung tâm phối hợp.
    await taskRow(table, 3).getByText('Hạn: 14/02/2027', { exact: true }).waitFor();
    await taskRow(table, 3).getByRole('cell', { name: 'Phối hợp', exact: true }).waitFor();
    await apiSettled(page);
    await scrollHome(page);
    await page.getByRole('heading', { name: 'Nhiệm vụ của tôi', exact: true }).waitFor();
    await page.screenshot({ path: join(outDir, 'plans-my-tasks.png'), fullPage: true });

    await row9.getByRole('button', { name: /^Mở nhiệm vụ số 9:/ }).click();
    const drawer = taskDrawer(page, 9, YEAR);
    const answered = drawer.getByRole('alert').filter({ hasText: difficultyText });
    await answered.getByText(`Trả lời: ${answerText} (Vũ Đăng Chương,`, { exact: false }).waitFor();
    expect(await answered.getByText('Đang chờ trả lời').count()).toBe(0);
  });
});
