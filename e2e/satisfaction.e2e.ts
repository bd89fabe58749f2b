/// <reference lib="dom" />
import { join } from 'node:path';
import { request } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  baseURL,
  DEMO_PASSWORD,
  expectAccessible,
  formField,
  login,
  notice,
  outDir,
  PHONE,
  pickOption,
  useBrowser,
} from './support.ts';

const suffix = Date.now().toString(36);
const qrComment = `Cán bộ hướng dẫn rất tận tình (${suffix})`;
const kioskComment = `Đánh giá khi mất mạng (${suffix})`;

interface Counter {
  id: string;
  number: number;
  name: string;
}
let counter: Counter;

beforeAll(async () => {
  const api = await request.newContext({ baseURL });
  const counters = (await (await api.get('/api/public/communes/HP-BINHGIANG/counters')).json()) as Counter[];
  counter = counters[0]!;
  await api.dispose();
});

/** Ratings with a comment as the chairman sees them, straight from the API. */
async function ratingsWithComment(text: string): Promise<number> {
  const api = await request.newContext({ baseURL });
  await api.post('/api/auth/login', { data: { username: 'chutich.binhgiang', password: DEMO_PASSWORD } });
  const body = (await (await api.get('/api/ratings?withComment=true&pageSize=200')).json()) as {
    items: { comment: string }[];
  };
  await api.dispose();
  return body.items.filter((r) => r.comment === text).length;
}

describe('Đánh giá sự hài lòng trên điện thoại (quét mã QR)', () => {
  const b = useBrowser(PHONE);

  it('mở đường dẫn của mã QR, chạm một mặt cười, thêm ý kiến, và được cảm ơn', async () => {
    const page = b.page();
    await page.goto(`/p/HP-BINHGIANG/danh-gia?quay=${counter.id}`);
    await page.getByRole('heading', { name: 'Ông/bà có hài lòng không?' }).waitFor();
    await page.getByText(`Quầy số ${counter.number} - ${counter.name}`).waitFor();
    // vừa màn hình 360px: không cuộn ngang
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.getByRole('button', { name: 'Góp ý thêm về cán bộ (không bắt buộc)' }).click();
    // every box of «4 xin, 4 luôn» and «5 không» is the same size, however long its label
    const boxes = await page
      .getByRole('checkbox')
      .evaluateAll((els) => els.map((e) => Math.round(e.getBoundingClientRect().width)));
    expect(boxes.length).toBeGreaterThan(8);
    expect(new Set(boxes)).toEqual(new Set([22]));
    await page.getByRole('checkbox', { name: 'Xin chào' }).check();
    await page.getByRole('checkbox', { name: 'Luôn lắng nghe' }).check();
    await page.getByLabel('Ý kiến khác').fill(qrComment);
    await page.screenshot({ path: join(outDir, 'satisfaction-rate-phone.png'), fullPage: true });
    await page.getByRole('button', { name: /^Rất hài lòng \(mức 5 trên 5\)/ }).click();
    await page.getByRole('heading', { name: 'Xin cảm ơn ông/bà!' }).waitFor();
    await page.getByText('Đánh giá của ông/bà đã được ghi nhận.').waitFor();
    expect(await ratingsWithComment(qrComment)).toBe(1);
  });

  it('đường dẫn ghi một quầy không có (?quay=1): người dân được báo, không đánh giá nào được gửi', async () => {
    const page = b.page();
    const posted: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().includes('/api/public/ratings')) posted.push(r.url());
    });
    await page.goto('/p/HP-BINHGIANG/danh-gia?quay=1');
    await page.getByRole('heading', { name: 'Không tìm thấy quầy của mã QR này' }).waitFor();
    await page
      .getByRole('alert')
      .getByText(/không được ghi nhận cho quầy nào/)
      .waitFor();
    expect(await page.getByRole('button', { name: /gửi đánh giá$/ }).count()).toBe(0);
    await expectAccessible(page, 'đánh giá, mã QR ghi quầy không có');
    // the way on is a rating for the centre as a whole, and the page says so
    await page.getByRole('link', { name: 'Đánh giá chung cho Trung tâm, không theo quầy' }).click();
    await page.getByRole('heading', { name: 'Ông/bà có hài lòng không?' }).waitFor();
    expect(new URL(page.url()).search).toBe('');
    expect(await page.getByText(/^Quầy số /).count()).toBe(0);
    expect(posted).toEqual([]);
  });

  it('trang chủ của xã cho thấy chỉ số hài lòng 12 tháng, theo từng yếu tố', async () => {
    const page = b.page();
    await page.goto('/p/HP-BINHGIANG');
    await page.getByRole('heading', { name: 'Mức độ hài lòng của người dân' }).waitFor();
    await page.getByText(/Chỉ số hài lòng chung/).waitFor();
    await page.getByText(/Tiếp cận dịch vụ: /).waitFor();
    await page.screenshot({ path: join(outDir, 'satisfaction-home-phone.png'), fullPage: true });
  });
});

describe('Máy tính bảng tại quầy (kiosk) khi mất mạng', () => {
  const b = useBrowser({ viewport: { width: 800, height: 1280 }, isMobile: true });

  it('giữ đánh giá trên máy khi mất mạng, gửi một lần khi có mạng lại', async () => {
    const page = b.page();
    await page.goto(`/p/HP-BINHGIANG/kiosk?quay=${counter.id}`);
    await page.getByRole('heading', { name: 'Ông/bà có hài lòng không?' }).waitFor();
    await b.context().setOffline(true);
    await page.getByRole('button', { name: 'Góp ý thêm về cán bộ (không bắt buộc)' }).click();
    await page.getByLabel('Ý kiến khác').fill(kioskComment);
    await page.getByRole('button', { name: /^Hài lòng \(mức 4 trên 5\)/ }).click();
    // the thank-you of the kiosk goes back to the faces after six seconds: waited for as announced
    await notice(page, 'Mạng đang gián đoạn: đánh giá đã được lưu trên máy');
    await page.getByText('Còn 1 đánh giá chờ gửi khi có mạng.').waitFor();
    await expectAccessible(page, 'kiosk, đánh giá chờ gửi');
    await page.screenshot({ path: join(outDir, 'satisfaction-kiosk-offline.png'), fullPage: true });
    expect(await ratingsWithComment(kioskComment)).toBe(0);
    // đánh giá vẫn còn sau khi tải lại trang
    expect(
      await page.evaluate(() => JSON.parse(localStorage.getItem('cqtt.ratings.pending') ?? '[]').length),
    ).toBe(1);
    // back on the network but the server still unreachable: the rating survives a reload
    await page.route('**/api/public/ratings', (route) => route.abort('connectionrefused'));
    await b.context().setOffline(false);
    await page.reload();
    await page.getByText('Còn 1 đánh giá chờ gửi khi có mạng.').waitFor();
    await page.unroute('**/api/public/ratings');
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
    await page.waitForFunction(
      () => JSON.parse(localStorage.getItem('cqtt.ratings.pending') ?? '[]').length === 0,
    );
    // gửi lại lần nữa (như khi mạng chập chờn): cùng mã, không thêm bản ghi
    await page.evaluate(async () => {
      const body = { communeCode: 'HP-BINHGIANG', clientId: crypto.randomUUID(), score: 4, channel: 'kiosk' };
      for (let i = 0; i < 3; i++) {
        await fetch('/api/public/ratings', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
      }
    });
    expect(await ratingsWithComment(kioskComment)).toBe(1);
    // manifest và service worker chỉ cho trang kiosk
    const manifest = await page.evaluate(() =>
      document.querySelector('link[rel="manifest"]')?.getAttribute('href'),
    );
    expect(manifest).toBe('/api/public/communes/HP-BINHGIANG/kiosk.webmanifest');
  });
});

describe('Bảng chỉ số trong giao diện cán bộ', () => {
  const b = useBrowser();

  it('Trung tâm Phục vụ hành chính công xem quầy, in áp phích mã QR và xem phiếu khảo sát', async () => {
    const page = b.page();
    await login(page, 'ttpvhcc.binhgiang');
    await page.goto('/satisfaction/setup');
    await page.getByRole('heading', { name: 'Trung tâm Phục vụ hành chính công' }).waitFor();
    await page.getByRole('cell', { name: counter.name, exact: true }).waitFor();
    await page.getByRole('button', { name: /Mã QR/ }).first().click();
    const poster = page.getByRole('img', { name: `Áp phích mã QR đánh giá của quầy số ${counter.number}` });
    await poster.waitFor();
    await page.screenshot({ path: join(outDir, 'satisfaction-poster.png') });
    // no PUBLIC_URL on this server: the QR code opens the address the officer reached it at
    const counters = (await (await page.request.get('/api/counters')).json()) as {
      id: string;
      link: string;
    }[];
    expect(counters.find((c) => c.id === counter.id)!.link).toBe(
      `${baseURL}/p/HP-BINHGIANG/danh-gia?quay=${counter.id}`,
    );
    await page.keyboard.press('Escape');
    await page.getByRole('tab', { name: 'Phiếu khảo sát' }).click();
    await page.getByText(/Phiên bản 1 ·/).waitFor();
    await expect(page.getByLabel('Tên phiếu').inputValue()).resolves.toContain('SIPAS');
  });

  it('Trung tâm đăng ký máy tính bảng tại quầy; máy giữ khóa, gửi đánh giá như máy đã đăng ký', async () => {
    const page = b.page();
    await login(page, 'ttpvhcc.binhgiang');
    await page.goto('/satisfaction/setup');
    await page.getByRole('tab', { name: 'Máy đánh giá tại quầy' }).click();
    await page.getByRole('button', { name: 'Đăng ký máy' }).click();
    const dialog = page.getByRole('dialog', { name: 'Đăng ký máy' });
    const name = `Máy quầy ${counter.number} (${suffix})`;
    await formField(dialog, 'Tên máy').getByRole('textbox').fill(name);
    await pickOption(dialog, 'Quầy', `${counter.number} - ${counter.name}`);
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    const shown = page.getByRole('dialog', { name: `Đường dẫn cho máy «${name}»` });
    const link = ((await shown.locator('code').textContent()) ?? '').trim();
    expect(link).toMatch(new RegExp(`/p/HP-BINHGIANG/kiosk\\?quay=${counter.id}&may=[A-Za-z0-9_-]{43}$`));
    await expectAccessible(page, 'đường dẫn máy đánh giá');
    await shown.locator('.ant-modal-footer').getByRole('button', { name: 'Đóng' }).click();
    await page.getByRole('cell', { name, exact: true }).waitFor();

    // the tablet opens the link once: the key stays on it, out of the address bar
    const tablet = await b.context().newPage();
    await tablet.goto(link.replace(/^https?:\/\/[^/]+/, ''));
    await tablet.getByRole('heading', { name: 'Ông/bà có hài lòng không?' }).waitFor();
    await tablet.waitForURL((url) => !url.searchParams.has('may'));
    expect(await tablet.evaluate(() => localStorage.getItem('cqtt.kiosk.key'))).toBe(link.split('may=')[1]);
    const sent = tablet.waitForRequest('**/api/public/ratings');
    await tablet.getByRole('button', { name: /^Rất hài lòng \(mức 5 trên 5\)/ }).click();
    expect((await sent).headers()['x-cqtt-kiosk']).toBe(link.split('may=')[1]);
    await tablet.getByRole('heading', { name: 'Xin cảm ơn ông/bà!' }).waitFor();
    await tablet.close();
    await page.reload();
    await page.getByRole('tab', { name: 'Máy đánh giá tại quầy' }).click();
    const row = page.getByRole('row').filter({ has: page.getByRole('cell', { name, exact: true }) });
    await expect(row.getByRole('cell').nth(3).textContent()).resolves.toMatch(/\d{2}\/\d{2}\/\d{4}/);
  });

  it('Chủ tịch thấy lượt đánh giá mới và ý kiến của người dân', async () => {
    const page = b.page();
    await login(page, 'chutich.binhgiang');
    await page.goto('/satisfaction');
    await page.getByRole('heading', { name: 'Sự hài lòng của người dân' }).waitFor();
    await page.getByText('Chỉ số theo 5 yếu tố (phiếu khảo sát)').waitFor();
    await page.getByText(qrComment).waitFor();
    // floods of ratings have their own card (limits refused, bursts to void)
    await page.getByText('Đánh giá bất thường', { exact: true }).waitFor();
    await expectAccessible(page, 'bảng theo dõi sự hài lòng');
    await page.screenshot({ path: join(outDir, 'satisfaction-dashboard.png'), fullPage: true });
  });
});
