import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type Browser,
  type BrowserContext,
  chromium,
  type Locator,
  type Page,
  request,
} from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, expect, inject } from 'vitest';

export const baseURL = inject('baseURL');
export const DEMO_PASSWORD = process.env.CQTT_DEMO_PASSWORD ?? 'BinhGiang@2026';
export const outDir = join(fileURLToPath(new URL('..', import.meta.url)), 'test-results', 'e2e');
mkdirSync(outDir, { recursive: true });

const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

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
    context.setDefaultTimeout(15_000);
    page = await context.newPage();
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
 * tối đa ba lần.
 */
export async function pickOption(scope: Page | Locator, label: string, option: string): Promise<void> {
  const page = 'page' in scope ? scope.page() : scope;
  const field = formField(scope, label);
  const box = field.getByRole('combobox');
  // Danh sách của chính ô này (rc-select đặt id `<id ô>_list` cho listbox trong danh sách), không phải
  // danh sách của ô vừa chọn trước đó còn đang đóng lại.
  const id = await box.getAttribute('id');
  const dropdown = page
    .locator('.ant-select-dropdown:visible')
    .filter({ has: page.locator(`[id="${id}_list"]`) });
  for (let attempt = 1; ; attempt++) {
    if ((await dropdown.count()) === 0) await box.click();
    await dropdown.getByTitle(option, { exact: true }).click();
    try {
      await field
        .locator('.ant-select')
        .getByText(option, { exact: true })
        .first()
        .waitFor({ timeout: 3_000 });
      return;
    } catch (err) {
      if (attempt >= 3) throw err;
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
 * `aria-label`, rồi kiểm tra lựa chọn đã vào ô. Thử lại như `pickOption`.
 */
export async function chooseOption(box: Locator, option: string): Promise<void> {
  const page = box.page();
  const id = await box.getAttribute('id');
  const dropdown = page
    .locator('.ant-select-dropdown:visible')
    .filter({ has: page.locator(`[id="${id}_list"]`) });
  const select = page.locator('.ant-select').filter({ has: page.locator(`[id="${id}"]`) });
  for (let attempt = 1; ; attempt++) {
    if ((await dropdown.count()) === 0) await box.click();
    await dropdown.getByTitle(option, { exact: true }).click();
    try {
      await select.getByText(option, { exact: true }).first().waitFor({ timeout: 3_000 });
      // Chờ danh sách đóng hẳn (hết hiệu ứng): lần chọn sau không bấm vào danh sách đang khép lại.
      await page
        .locator('.ant-select-dropdown')
        .filter({ has: page.locator(`[id="${id}_list"]`) })
        .waitFor({ state: 'hidden' });
      return;
    } catch (err) {
      if (attempt >= 3) throw err;
    }
  }
}

/**
 * Bảo đảm tài khoản demo `username` đăng nhập được bằng DEMO_PASSWORD. Các tệp test dùng chung một
 * máy chủ và chạy theo thứ tự không cố định; password.e2e.ts đổi hẳn mật khẩu của
 * ttpvhcc.binhgiang. Nếu mật khẩu demo không còn đúng, quản trị viên đặt lại một mật khẩu tạm,
 * rồi chính người dùng đổi về DEMO_PASSWORD (qua API, không qua trình duyệt).
 */
export async function ensureDemoPassword(username: string): Promise<void> {
  const signIn = async (who: string, password: string) => {
    const api = await request.newContext({ baseURL });
    const res = await api.post('/api/auth/login', { data: { username: who, password } });
    const csrf = res.ok() ? ((await res.json()) as { csrfToken: string | null }).csrfToken : null;
    return { api, ok: res.ok(), headers: { 'x-csrf-token': csrf ?? '' } };
  };
  const first = await signIn(username, DEMO_PASSWORD);
  await first.api.dispose();
  if (first.ok) return;

  const temporary = `Tam-thoi-${Date.now().toString(36)}-e2e`;
  const admin = await signIn('admin', DEMO_PASSWORD);
  try {
    if (!admin.ok) throw new Error('admin không đăng nhập được bằng mật khẩu demo');
    const found = await admin.api.get(`/api/users?q=${encodeURIComponent(username)}`);
    const { items } = (await found.json()) as { items: { id: string; username: string }[] };
    const user = items.find((u) => u.username === username);
    if (!user) throw new Error(`Không thấy tài khoản ${username}`);
    const reset = await admin.api.post(`/api/users/${user.id}/password`, {
      data: { newPassword: temporary },
      headers: admin.headers,
    });
    if (!reset.ok()) throw new Error(`Đặt lại mật khẩu ${username}: HTTP ${reset.status()}`);
  } finally {
    await admin.api.dispose();
  }
  const self = await signIn(username, temporary);
  try {
    const changed = await self.api.post('/api/me/password', {
      data: { currentPassword: temporary, newPassword: DEMO_PASSWORD },
      headers: self.headers,
    });
    if (!changed.ok()) throw new Error(`Đổi về mật khẩu demo ${username}: HTTP ${changed.status()}`);
  } finally {
    await self.api.dispose();
  }
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
