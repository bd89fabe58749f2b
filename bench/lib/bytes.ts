/**
 * Bytes a browser with an empty cache receives for a page: real Chromium (playwright-core,
 * /usr/bin/chromium or CHROMIUM_PATH), every response of the page counted as it came over the
 * wire (Chrome DevTools Protocol: Network.loadingFinished.encodedDataLength, headers and
 * compressed body), until the network has been quiet for half a second.
 */
import { type Browser, type CDPSession, chromium, type Page } from 'playwright-core';

const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export interface PageBytes {
  page: string;
  bytes: number;
  requests: number;
  /** The largest responses, for the report. */
  largest: { url: string; bytes: number }[];
}

class Meter {
  private bytes = new Map<string, { url: string; bytes: number }>();
  private urls = new Map<string, string>();
  constructor(cdp: CDPSession) {
    cdp.on('Network.requestWillBeSent', (e) => this.urls.set(e.requestId, e.request.url));
    cdp.on('Network.loadingFinished', (e) =>
      this.bytes.set(e.requestId, { url: this.urls.get(e.requestId) ?? '?', bytes: e.encodedDataLength }),
    );
  }
  take(page: string): PageBytes {
    const all = [...this.bytes.values()];
    this.bytes.clear();
    if (process.env.BENCH_BYTES_DETAIL)
      for (const r of all) console.log(`  ${page}  ${(r.bytes / 1024).toFixed(1).padStart(7)} KB  ${r.url}`);
    return {
      page,
      bytes: all.reduce((s, r) => s + r.bytes, 0),
      requests: all.length,
      largest: all
        .sort((a, b) => b.bytes - a.bytes)
        .slice(0, 3)
        .map((r) => ({ url: r.url.replace(/^https?:\/\/[^/]+/, ''), bytes: r.bytes })),
    };
  }
}

async function fresh(browser: Browser, baseURL: string, mobile: boolean) {
  const context = await browser.newContext({
    baseURL,
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    viewport: mobile ? { width: 360, height: 640 } : { width: 1366, height: 860 },
    isMobile: mobile,
    hasTouch: mobile,
  });
  context.setDefaultTimeout(60_000);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: false });
  return { context, page, meter: new Meter(cdp) };
}

async function settle(page: Page) {
  await page.waitForLoadState('networkidle');
}

export async function measureBytes(o: {
  baseURL: string;
  username: string;
  password: string;
  citizenPages: string[];
}): Promise<{ login: PageBytes; firstConsolePage: PageBytes; citizens: PageBytes[] }> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ARGS,
  });
  try {
    const s = await fresh(browser, o.baseURL, false);
    await s.page.goto('/login');
    await s.page.getByRole('button', { name: 'Đăng nhập', exact: true }).waitFor();
    await settle(s.page);
    const login = s.meter.take('/login');
    await s.page.getByLabel('Tên đăng nhập', { exact: true }).fill(o.username);
    await s.page.getByLabel('Mật khẩu', { exact: true }).fill(o.password);
    await s.page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
    await s.page.waitForURL((url) => url.pathname !== '/login');
    await s.page.getByTestId('header-user').waitFor();
    await settle(s.page);
    const firstConsolePage = s.meter.take(`first page after login (${new URL(s.page.url()).pathname})`);
    await s.context.close();

    const citizens: PageBytes[] = [];
    for (const path of o.citizenPages) {
      const c = await fresh(browser, o.baseURL, true);
      await c.page.goto(path);
      await c.page.locator('main, h1').first().waitFor();
      await settle(c.page);
      citizens.push(c.meter.take(path));
      await c.context.close();
    }
    return { login, firstConsolePage, citizens };
  } finally {
    await browser.close();
  }
}
