import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type Browser,
  type BrowserContext,
  chromium,
  type Locator,
  type Page,
  type Request,
} from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, expect, inject } from 'vitest';
import { startServer } from './server.ts';

export const DEMO_PASSWORD = process.env.CQTT_DEMO_PASSWORD || 'BinhGiang@2026';
export const outDir = join(fileURLToPath(new URL('..', import.meta.url)), 'test-results', 'e2e');
mkdirSync(outDir, { recursive: true });

/**
 * Every test file that imports this module gets its own server on its own copy of the demo
 * database, started here, while the file is collected, and stopped after its last test. What a
 * file changes (a password, a score, a published answer) exists for that file only.
 */
const testFile = basename(expect.getState().testPath ?? 'e2e', '.e2e.ts');
const server = await startServer(inject('e2eTemplateDir'), join(outDir, `server-${testFile}.log`));
afterAll(() => server.stop());
export const baseURL = server.url;

const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/**
 * How long one step (a click, a wait for an element or a response) may take before the test fails.
 * Only a guard against a step that will never happen: every wait ends on its event, so on a busy
 * machine steps are slower, not wrong. E2E_ACTION_TIMEOUT_MS changes it.
 */
const actionTimeoutMs = Number(process.env.E2E_ACTION_TIMEOUT_MS ?? 90_000);

/** Requests (API calls, the code of a page loaded on demand, images) each page has sent and not yet finished. */
const apiInFlight = new WeakMap<Page, Set<Request>>();

function trackApi(page: Page): void {
  const inFlight = new Set<Request>();
  apiInFlight.set(page, inFlight);
  page.on('request', (r) => {
    if (r.url().startsWith(baseURL)) inFlight.add(r);
  });
  page.on('requestfinished', (r) => inFlight.delete(r));
  page.on('requestfailed', (r) => inFlight.delete(r));
}

/** Resolves after the page has drawn `frames` more frames: React has rendered and run its effects. */
export async function nextFrames(page: Page, frames = 2): Promise<void> {
  await page.evaluate(
    (n) =>
      new Promise<void>((resolve) => {
        const step = (left: number) => (left === 0 ? resolve() : requestAnimationFrame(() => step(left - 1)));
        step(n);
      }),
    frames,
  );
}

/**
 * Waits until every request the page made to the server has its answer, and the page, having drawn
 * what came back, asks for nothing more (the "network idle" of the application's own requests,
 * decided by the requests themselves rather than by half a second without traffic), and no loading
 * indicator is left.
 */
export async function apiSettled(page: Page): Promise<void> {
  const inFlight = apiInFlight.get(page);
  if (!inFlight) throw new Error('Trang này không do useBrowser tạo');
  for (;;) {
    while (inFlight.size > 0) {
      await Promise.all(
        [...inFlight].map(async (r) => {
          await (await r.response().catch(() => null))?.finished().catch(() => null);
          inFlight.delete(r);
        }),
      );
    }
    await nextFrames(page, 3);
    if (inFlight.size > 0) continue;
    await page
      .locator('.ant-spin-spinning, .ant-skeleton-active, [aria-busy="true"]')
      .first()
      .waitFor({ state: 'detached' });
    if (inFlight.size === 0) return;
  }
}

/**
 * What each page has announced and no test has yet waited for: toasts (antd messages and
 * notifications) and live regions (aria-live, role="status" or "alert"). A toast lives three
 * seconds and the kiosk's thank-you six: a test that polls the page for them can miss them on a
 * busy machine, so the page itself reports each one as it appears or changes (a MutationObserver
 * calling back into the test).
 */
const notices = new WeakMap<Page, { shown: string[]; wake: Set<() => void> }>();

function noticesOf(page: Page) {
  let entry = notices.get(page);
  if (!entry) {
    entry = { shown: [], wake: new Set() };
    notices.set(page, entry);
  }
  return entry;
}

async function watchNotices(context: BrowserContext): Promise<void> {
  await context.exposeBinding('__cqttNoticeShown', ({ page }, text: string) => {
    const entry = noticesOf(page);
    entry.shown.push(text);
    for (const wake of entry.wake) wake();
  });
  await context.addInitScript(() => {
    const selector =
      '.ant-message-notice, .ant-notification-notice, [aria-live], [role="status"], [role="alert"]';
    const reported = new WeakMap<Element, string>();
    const report = () => {
      for (const element of document.querySelectorAll(selector)) {
        const text = element.textContent?.replace(/\s+/g, ' ').trim();
        if (!text || reported.get(element) === text) continue;
        reported.set(element, text);
        (window as unknown as { __cqttNoticeShown(text: string): void }).__cqttNoticeShown(text);
      }
    };
    new MutationObserver(report).observe(document, { childList: true, subtree: true, characterData: true });
  });
}

/**
 * Resolves when the page has shown a toast, or a live region has said, something containing
 * `text` (since the page opened, or since the last notice a test waited for): each notice answers
 * one wait, so two saves in a row need two toasts.
 */
export async function notice(page: Page, text: string): Promise<void> {
  const entry = noticesOf(page);
  let guard: NodeJS.Timeout | undefined;
  let wake: (() => void) | undefined;
  try {
    await new Promise<void>((resolve, reject) => {
      wake = () => {
        const i = entry.shown.findIndex((shown) => shown.includes(text));
        if (i < 0) return;
        entry.shown.splice(i, 1);
        resolve();
      };
      entry.wake.add(wake);
      guard = setTimeout(
        () => reject(new Error(`Không thấy thông báo «${text}»; đã thấy: ${JSON.stringify(entry.shown)}`)),
        actionTimeoutMs,
      );
      wake();
    });
  } finally {
    clearTimeout(guard);
    if (wake) entry.wake.delete(wake);
  }
}

/** Màn hình một điện thoại rẻ tiền (360 x 640), cho các trang dành cho người dân. */
export const PHONE = { viewport: { width: 360, height: 640 }, isMobile: true } as const;

/**
 * Một trình duyệt cho cả tệp test và một ngữ cảnh (cookie riêng) cho mỗi test.
 * Khi một test lỗi, ảnh chụp màn hình được lưu vào test-results/e2e/failed-<tên>.png.
 */
export function useBrowser(
  options: { viewport?: { width: number; height: number }; isMobile?: boolean } = {},
): { page: () => Page; context: () => BrowserContext } {
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;
  let page: Page | undefined;
  let pageErrors: string[] = [];

  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: chromiumArgs,
    });
  });
  afterAll(async () => {
    await browser?.close();
  });
  beforeEach(async () => {
    if (!browser) throw new Error('Chromium chưa khởi động');
    context = await browser.newContext({
      baseURL,
      locale: 'vi-VN',
      timezoneId: 'Asia/Ho_Chi_Minh',
      viewport: options.viewport ?? { width: 1366, height: 860 },
      isMobile: options.isMobile ?? false,
      hasTouch: options.isMobile ?? false,
    });
    context.setDefaultTimeout(actionTimeoutMs);
    await watchNotices(context);
    context.on('page', (p) => {
      if (!apiInFlight.has(p)) trackApi(p);
    });
    page = await context.newPage();
    if (!apiInFlight.has(page)) trackApi(page);
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));
    pageErrors = errors;
  });
  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail' && page) {
      const name = ctx.task.name.replace(/[^\p{L}\p{N}]+/gu, '-').slice(0, 80);
      await page.screenshot({ path: join(outDir, `failed-${name}.png`), fullPage: true }).catch(() => {});
      if (pageErrors.length > 0) console.error(`Lỗi JavaScript trong trang:\n${pageErrors.join('\n')}`);
    }
    await context?.close();
    context = undefined;
    page = undefined;
  });

  return {
    page: () => {
      if (!page) throw new Error('Chưa có trang: chỉ dùng trong một test');
      return page;
    },
    context: () => {
      if (!context) throw new Error('Chưa có ngữ cảnh: chỉ dùng trong một test');
      return context;
    },
  };
}

/** Đăng nhập qua trang /login và chờ vào đến giao diện chính (hoặc trang đổi mật khẩu bắt buộc). */
export async function login(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/login');
  await fillLogin(page, username, password);
  await page.waitForURL((url) => url.pathname !== '/login');
  await page.getByTestId('header-user').waitFor();
}

/** Điền và gửi biểu mẫu đăng nhập, không chờ kết quả. */
export async function fillLogin(page: Page, username: string, password: string): Promise<void> {
  await page.getByLabel('Tên đăng nhập', { exact: true }).fill(username);
  await page.getByLabel('Mật khẩu', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
}

/**
 * Mục menu bên trái theo tên hiển thị. Tên truy cập của mục có cả nhãn của biểu tượng đứng trước
 * (ví dụ "apartment Cơ quan, đơn vị"), nên so khớp phần cuối của tên.
 */
export function menuItem(page: Page, item: string): Locator {
  const escaped = item.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return page.getByRole('menu').getByRole('menuitem', { name: new RegExp(`(^|\\s)${escaped}$`) });
}

/** Bấm một mục của menu bên trái và chờ tiêu đề trang tương ứng. */
export async function openMenu(page: Page, item: string, heading = item): Promise<void> {
  await menuItem(page, item).click();
  await page.getByRole('heading', { name: heading, exact: true }).waitFor();
}

/**
 * Mục biểu mẫu (antd Form.Item) có nhãn `label`. Tìm theo nhãn hiển thị chứ không theo liên kết
 * nhãn–ô, vì một Select bọc trong component riêng có thể chưa nhận `id` của Form.Item.
 */
export function formField(scope: Page | Locator, label: string): Locator {
  const page = 'page' in scope ? scope.page() : scope;
  return scope.locator('.ant-form-item').filter({ has: page.locator(`label[title="${label}"]`) });
}

/**
 * Chọn `option` trong ô chọn antd (Select) có nhãn `label`, rồi kiểm tra lựa chọn đã vào ô.
 * Danh sách có thể được vẽ lại khi dữ liệu về (mục vừa bấm biến mất dưới con trỏ), nên thử lại
 * tối đa ba lần (xem selectOption).
 */
export async function pickOption(scope: Page | Locator, label: string, option: string): Promise<void> {
  const field = formField(scope, label);
  await selectOption(field.getByRole('combobox'), field.locator('.ant-select'), option);
}

/**
 * Mở danh sách của ô `box` (nếu đang đóng), bấm `option`, rồi chờ trang vẽ xong lượt bấm: lựa chọn
 * đã hiện trong `select` thì xong; nếu chưa (cú bấm rơi vào một danh sách vừa được vẽ lại) thì bấm
 * lại, tối đa ba lần. Không chờ theo thời gian: sau cú bấm, React vẽ lựa chọn ngay trong khung hình kế.
 */
async function selectOption(box: Locator, select: Locator, option: string): Promise<void> {
  const page = box.page();
  // Danh sách của chính ô này (rc-select đặt id `<id ô>_list` cho listbox trong danh sách), không phải
  // danh sách của ô vừa chọn trước đó còn đang đóng lại.
  await apiSettled(page);
  const id = await box.getAttribute('id');
  // a list that is open, not one closing (its leave animation still shows it)
  const dropdown = page
    .locator('.ant-select-dropdown:visible:not(.ant-select-dropdown-hidden):not([class*="-leave"])')
    .filter({ has: page.locator(`[id="${id}_list"]`) });
  const chosen = select.getByText(option, { exact: true }).first();
  for (let attempt = 1; ; attempt++) {
    // the page first answers what it asked for: data arriving redraws the field, and a list opened
    // before that closes under the pointer (the click then waited for an option that was gone)
    if (attempt > 1) await apiSettled(page);
    if ((await dropdown.count()) === 0) await box.click();
    await dropdown.getByTitle(option, { exact: true }).click();
    await nextFrames(page);
    if (await chosen.isVisible()) return;
    if (attempt >= 3) {
      await chosen.waitFor();
      return;
    }
  }
}

/** Đăng xuất bằng nút ở đầu trang và chờ về trang đăng nhập. */
export async function logout(page: Page): Promise<void> {
  await page.getByTestId('logout').click();
  await page.waitForURL((url) => url.pathname === '/login');
}

/**
 * Chọn `option` trong một ô chọn antd (Select) đã tìm được theo vai trò, ví dụ ô "Năm" có
 * `aria-label`, rồi kiểm tra lựa chọn đã vào ô, như `pickOption`.
 */
export async function chooseOption(box: Locator, option: string): Promise<void> {
  const page = box.page();
  const id = await box.getAttribute('id');
  await selectOption(box, page.locator('.ant-select').filter({ has: page.locator(`[id="${id}"]`) }), option);
  // Chờ danh sách đóng hẳn (hết hiệu ứng): lần chọn sau không bấm vào danh sách đang khép lại.
  await page
    .locator('.ant-select-dropdown')
    .filter({ has: page.locator(`[id="${id}_list"]`) })
    .waitFor({ state: 'hidden' });
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * RELIABILITY 26: axe-core (WCAG 2.1 A and AA rules) on the page as it is now. Fails with one line
 * per problem: the rule, how bad, what it means and where.
 */
export async function expectAccessible(page: Page, where: string): Promise<void> {
  const violations = await axeViolations(page);
  expect(violations, `${where}:\n${violations.join('\n')}`).toEqual([]);
}

/** What axe finds on the page, one line per rule. */
export async function axeViolations(page: Page): Promise<string[]> {
  // evaluated through the browser's debugging protocol: the page's CSP rightly refuses inline scripts
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const result = await (
      window as unknown as {
        axe: {
          run(
            context: Document,
            options: object,
          ): Promise<{
            violations: {
              id: string;
              impact: string;
              help: string;
              nodes: { target: string[]; failureSummary?: string }[];
            }[];
          }>;
        };
      }
    ).axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] });
    return result.violations.map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}` +
        ` — ${v.nodes[0]?.failureSummary?.replace(/\s+/g, ' ') ?? ''}`,
    );
  });
}
