import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseURL, DEMO_PASSWORD, formField, login, logout, outDir, useBrowser } from './support.ts';

// The demo's "today" is in 2026: the yearly report of 2026 is drafted in December (task 7).
const YEAR = 2026;
const suffix = Date.now().toString(36);
const results = `Các nhiệm vụ trọng tâm hoàn thành đúng hạn (${suffix}).`;

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cqtt-e2e-cycle-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const panel = (page: Page) => page.getByTestId('report-document');
const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

interface YearlyReport {
  tasks: { totals: { total: number; done: number; doneOnTime: number } };
  difficulties: { reported: number };
  document: { id: string } | null;
}

async function openReport(page: Page) {
  await page.goto(`/reports/yearly?year=${YEAR}`);
  await page.getByRole('heading', { name: 'Báo cáo kết quả năm', exact: true }).waitFor();
  await page.getByTestId('section-tasks').waitFor();
}

async function downloadIssued(scope: Locator, name: string): Promise<Buffer> {
  const [download] = await Promise.all([
    scope.page().waitForEvent('download'),
    scope.getByRole('button', { name: 'Tải văn bản đã ban hành' }).click(),
  ]);
  const saved = join(dir, name);
  await download.saveAs(saved);
  return readFileSync(saved);
}

describe('báo cáo kết quả năm: soạn từ số liệu, viết nhận định, ban hành, tải về', () => {
  const b = useBrowser();

  it('Phòng VH-XH thấy số liệu của năm như API, soạn dự thảo và viết phần nhận định', async () => {
    const page = b.page();
    await login(page, 'vhxh.binhgiang');
    await openReport(page);
    const api = (await (await page.request.get(`/api/reports/yearly?year=${YEAR}`)).json()) as YearlyReport;
    // the tasks line on the page is the API's figures (themselves the console's, see reports.test.ts)
    const { total, done, doneOnTime } = api.tasks.totals;
    await page
      .getByTestId('section-tasks')
      .getByText(`${total} nhiệm vụ đến kỳ: ${done} hoàn thành (${doneOnTime} đúng hạn)`)
      .waitFor();
    // tasks 3, 5 and 6 are carried by the work that fulfils them
    await page
      .getByTestId('section-tasks')
      .getByText(/Hoàn thành tự động: đăng ký mức độ/)
      .waitFor();

    await panel(page)
      .getByRole('button', { name: `Soạn dự thảo báo cáo năm ${YEAR}` })
      .click();
    const editor = panel(page).getByTestId('draft-editor');
    await editor.waitFor();
    await formField(editor, 'Ưu điểm, kết quả nổi bật').locator('textarea').fill(results);
    await editor.getByRole('button', { name: 'Lưu dự thảo' }).click();
    await page.getByText('Đã lưu dự thảo').waitFor();
    // a coordinator drafts but does not give numbers
    await expect(panel(page).getByRole('button', { name: 'Cho số và ban hành' }).count()).resolves.toBe(0);
    await logout(page);
  });

  it('Văn phòng HĐND-UBND cho số trong sổ văn bản đi; tệp tải về đúng SHA-256, không đổi khi số liệu đổi', async () => {
    const page = b.page();
    await login(page, 'vpub.binhgiang');
    // Văn phòng does not read the report's figures; it numbers the drafts waiting in the register
    await page.goto(`/documents?year=${YEAR}`);
    await page.getByRole('heading', { name: 'Sổ văn bản đi', exact: true }).waitFor();
    await page.getByRole('button', { name: /^Báo cáo kết quả năm: / }).click();
    const drawer = page.getByTestId('document-drawer');
    await drawer.getByText('Dự thảo').first().waitFor();
    await drawer.getByRole('button', { name: 'Cho số và ban hành' }).click();
    const dialog = page.getByRole('dialog', { name: 'Ban hành: Báo cáo kết quả năm' });
    const name = formField(dialog, 'Họ tên người ký').locator('input');
    // no signer: a clear message, nothing issued
    await name.fill('');
    await dialog.getByRole('button', { name: 'Ban hành' }).click();
    await dialog.getByText('Vui lòng nhập họ tên người ký').waitFor();
    await name.fill('Vũ Đăng Chương');
    await formField(dialog, 'Chức vụ người ký').locator('input').fill('Chủ tịch');
    await dialog.getByRole('button', { name: 'Ban hành' }).click();
    const done = page.getByText(/Đã ban hành văn bản số \d+\/BC-UBND/);
    await done.waitFor();
    const number = ((await done.textContent()) ?? '').replace(/^.* số /, '');
    const facts = drawer.getByTestId('document-facts');
    await facts.getByText('Chủ tịch Vũ Đăng Chương').waitFor();
    await facts.getByText(number).waitFor();
    await page.screenshot({ path: join(outDir, 'yearly-report-issued.png'), fullPage: true });

    const listed = (await (
      await page.request.get(`/api/documents?year=${YEAR}&kind=yearly-report`)
    ).json()) as {
      id: string;
      status: string;
      sha256: string;
      fullNumber: string;
    }[];
    const doc = listed.find((d) => d.fullNumber === number)!;
    expect(doc.status).toBe('issued');
    const first = await downloadIssued(drawer, 'bao-cao-1.docx');
    expect(first.subarray(0, 2).toString()).toBe('PK');
    expect(sha(first)).toBe(doc.sha256);
    // the issued report has no editor any more
    await expect(drawer.getByTestId('draft-editor').count()).resolves.toBe(0);

    // the year's data changes: Phòng VH-XH reports a difficulty on task 7 of 2026
    const api = await request.newContext({ baseURL });
    const signIn = await api.post('/api/auth/login', {
      data: { username: 'vhxh.binhgiang', password: DEMO_PASSWORD },
    });
    const csrf = ((await signIn.json()) as { csrfToken: string }).csrfToken;
    const before = (await (await api.get(`/api/reports/yearly?year=${YEAR}`)).json()) as YearlyReport;
    expect(before.document?.id).toBe(doc.id);
    const plans = (await (await api.get('/api/plans')).json()) as { id: string }[];
    const plan = (await (await api.get(`/api/plans/${plans[0]!.id}`)).json()) as {
      tasks: { id: string; number: number }[];
    };
    const task = plan.tasks.find((x) => x.number === 7)!;
    const sent = await api.post('/api/difficulties', {
      data: { taskId: task.id, year: YEAR, content: `Chậm tổng hợp số liệu báo cáo năm (${suffix})` },
      headers: { 'x-csrf-token': csrf },
    });
    expect(sent.status()).toBe(201);
    const after = (await (await api.get(`/api/reports/yearly?year=${YEAR}`)).json()) as YearlyReport;
    expect(after.difficulties.reported).toBe(before.difficulties.reported + 1);
    // the API refuses to edit the issued report, in Vietnamese
    const edit = await api.patch(`/api/documents/${doc.id}`, {
      data: { sections: { results: 'Sửa sau khi ban hành' } },
      headers: { 'x-csrf-token': csrf },
    });
    expect(edit.status()).toBeGreaterThanOrEqual(400);
    expect(edit.status()).toBeLessThan(500);
    await api.dispose();

    await page.reload();
    await drawer.getByTestId('document-facts').getByText(number).waitFor();
    const second = await downloadIssued(drawer, 'bao-cao-2.docx');
    expect(second.equals(first)).toBe(true);
  });

  it('Phòng VH-XH thấy báo cáo đã ban hành trên trang báo cáo năm, không còn sửa được', async () => {
    const page = b.page();
    await login(page, 'vhxh.binhgiang');
    await openReport(page);
    await panel(page).getByTestId('document-facts').getByText('Đã ban hành').waitFor();
    await panel(page).getByText('Chủ tịch Vũ Đăng Chương').waitFor();
    await expect(panel(page).getByTestId('draft-editor').count()).resolves.toBe(0);
    await panel(page).getByRole('button', { name: 'Tải văn bản đã ban hành' }).waitFor();
  });
});
