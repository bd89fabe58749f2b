/**
 * Home (Tổng quan) as each role of xã Bình Giang meets it (issue 18): the work waiting for the
 * user, from the demo data, each item a link to its page; the year at a glance beside it; a
 * focal point with nothing waiting is told so.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { apiSettled, login, outDir, useBrowser } from './support.ts';

const VN_DATE = /\d{2}\/\d{2}\/\d{4}/;

async function home(page: Page, username: string) {
  await login(page, username);
  await page.getByRole('heading', { name: 'Tổng quan', exact: true }).waitFor();
  const list = page.getByTestId('work-list');
  await list.getByText('Việc đang chờ bạn').waitFor();
  await apiSettled(page);
  // the year at a glance sits beside it
  await page.getByTestId('year-glance').waitFor();
  return list;
}

/** The section of a kind of work, by its heading. */
const section = (page: Page, name: string) => page.getByRole('region', { name });

describe('Tổng quan: việc đang chờ theo vai trò', () => {
  const b = useBrowser();

  it('cán bộ Phòng VH-XH (điều phối): phản ánh cần tiếp nhận, phản ánh quá hạn của đơn vị, kết quả thôn chờ xét', async () => {
    const page = b.page();
    await home(page, 'vhxh.binhgiang');
    const feedback = section(page, 'Phản ánh, kiến nghị chờ xử lý');
    await feedback.getByRole('link', { name: /Nhóm thanh niên tụ tập/ }).waitFor();
    const late = feedback.getByRole('listitem').filter({ hasText: 'Cống thoát nước đầu ngõ 5' });
    expect(await late.getByText(/^Quá hạn /).textContent()).toMatch(VN_DATE);
    await section(page, 'Kết quả bình xét thôn')
      .getByRole('link', { name: /Thôn Tráng Liệt/ })
      .waitFor();
    await page.screenshot({ path: join(outDir, 'home-coordinator.png'), fullPage: true });
    // follows the late item to its page
    await late.getByRole('link').click();
    await page.waitForURL(/\/feedback\/[0-9a-f-]{36}$/);
    await page.getByText('PA-9MRT4-BC6XE').first().waitFor();
  });

  it('đầu mối Phòng Kinh tế: chỉ phản ánh giao cho đơn vị mình, đã quá hạn', async () => {
    const page = b.page();
    const list = await home(page, 'kinhte.binhgiang');
    const feedback = section(page, 'Phản ánh, kiến nghị chờ xử lý');
    const item = feedback.getByRole('link', { name: /Cống thoát nước đầu ngõ 5/ });
    await item.waitFor();
    expect(await list.getByText(/Nhóm thanh niên tụ tập|Cán bộ tiếp nhận hồ sơ/).count()).toBe(0);
    await item.click();
    await page.waitForURL(/\/feedback\/[0-9a-f-]{36}$/);
    await page.getByText('PA-9MRT4-BC6XE').first().waitFor();
  });

  it('đầu mối Trung tâm PVHCC không có việc chờ: trang nói rõ là không có', async () => {
    const page = b.page();
    const list = await home(page, 'ttpvhcc.binhgiang');
    await list.getByText('Không có việc nào đang chờ bạn.').waitFor();
  });

  it('MTTQ xã (giám sát): phản ánh đã quá hạn của xã', async () => {
    const page = b.page();
    await home(page, 'mttq.binhgiang');
    const item = section(page, 'Phản ánh, kiến nghị chờ xử lý').getByRole('link', {
      name: /Cống thoát nước đầu ngõ 5/,
    });
    await item.click();
    await page.waitForURL(/\/feedback\/[0-9a-f-]{36}$/);
    await page.getByText('PA-9MRT4-BC6XE').first().waitFor();
  });

  it('Chủ tịch UBND xã (lãnh đạo): dự thảo trả lời chờ duyệt, đề nghị khen thưởng chờ quyết định', async () => {
    const page = b.page();
    await home(page, 'chutich.binhgiang');
    await section(page, 'Phản ánh, kiến nghị chờ xử lý')
      .getByRole('listitem')
      .filter({ hasText: 'chờ lãnh đạo duyệt' })
      .getByRole('link', { name: /Cán bộ tiếp nhận hồ sơ/ })
      .waitFor();
    const reward = section(page, 'Đề nghị khen thưởng chờ ý kiến, quyết định').getByRole('link', {
      name: /Phạm Văn Đức/,
    });
    await reward.click();
    await page.waitForURL(
      (url) => url.pathname === '/rewards' && url.searchParams.get('status') === 'nominated',
    );
    await page.getByRole('cell', { name: 'Phạm Văn Đức' }).first().waitFor();
  });

  it('trưởng thôn Ngọc Quán: kết quả bình xét của thôn mình chưa nhập', async () => {
    const page = b.page();
    await home(page, 'thon1.binhgiang');
    const item = section(page, 'Kết quả bình xét thôn')
      .getByRole('listitem')
      .filter({ hasText: 'Thôn Ngọc Quán' });
    await item.getByText('Chưa nhập kết quả').waitFor();
    await item.getByRole('link').click();
    await page.waitForURL((url) => url.pathname === '/village-assessments');
    await page
      .getByRole('cell', { name: /Thôn Ngọc Quán/ })
      .first()
      .waitFor();
  });

  it('quản trị xã: phản ánh mới cần tiếp nhận, kết quả thôn chờ xét', async () => {
    const page = b.page();
    await home(page, 'admin');
    await section(page, 'Phản ánh, kiến nghị chờ xử lý')
      .getByRole('link', { name: /Nhóm thanh niên tụ tập/ })
      .waitFor();
    await section(page, 'Kết quả bình xét thôn')
      .getByRole('link', { name: /Thôn Tráng Liệt/ })
      .click();
    await page.waitForURL((url) => url.pathname === '/village-assessments');
    await page
      .getByRole('cell', { name: /Thôn Tráng Liệt/ })
      .first()
      .waitFor();
  });
});
