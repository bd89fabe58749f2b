/// <reference lib="dom" />

import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { apiSettled, login, outDir, useBrowser } from './support.ts';

/**
 * Every page of the console, for every role of the demo, on a 1366 × 768 screen (the laptops of
 * the communes): nothing a user needs lies beyond a sideways scroll, and no date or percentage is
 * shown in a machine's form (ISO "2026-02-10", "88.3%") instead of the Vietnamese one (issue 18).
 */
const ROLES = [
  { username: 'admin', role: 'quản trị xã' },
  { username: 'vhxh.binhgiang', role: 'Phòng VH-XH, đầu mối' },
  { username: 'chutich.binhgiang', role: 'Chủ tịch UBND' },
  { username: 'kinhte.binhgiang', role: 'đầu mối một đơn vị' },
  { username: 'mttq.binhgiang', role: 'Ủy ban MTTQ, giám sát' },
  { username: 'thon1.binhgiang', role: 'trưởng thôn' },
  { username: 'ttpvhcc.binhgiang', role: 'Trung tâm Phục vụ hành chính công' },
  { username: 'vpub.binhgiang', role: 'Văn phòng HĐND-UBND' },
  { username: 'snv.haiphong', role: 'Sở Nội vụ' },
];

interface Finding {
  kind: string;
  detail: string;
}

/** What on the page, as drawn now, a user at 1366 px cannot reach or would read in a foreign form. */
function inspect(page: Page): Promise<Finding[]> {
  return page.evaluate(() => {
    const found: { kind: string; detail: string }[] = [];
    const width = document.documentElement.clientWidth;
    const main = document.querySelector('main') ?? document.body;
    // biome-ignore lint/performance/useDomNodeTextContent: what is drawn, not hidden nodes' text
    const text = main instanceof HTMLElement ? main.innerText : '';
    for (const m of text.matchAll(/\b20\d\d-[01]\d-[0-3]\d(?:T[\d:.]+Z?)?\b/g))
      found.push({ kind: 'ngày dạng ISO', detail: m[0] });
    for (const m of text.matchAll(/\b\d+\.\d+\s?%/g))
      found.push({ kind: 'phần trăm có dấu chấm', detail: m[0] });
    if (document.documentElement.scrollWidth > width + 1)
      found.push({ kind: 'trang cuộn ngang', detail: `${document.documentElement.scrollWidth} > ${width}` });
    for (const t of document.querySelectorAll<HTMLElement>('.ant-table-content, .ant-table-body')) {
      // a comparison wider than a laptop by design scrolls with its first columns pinned
      const wide = t.closest('.cqtt-wide-table');
      if (wide?.querySelector('.ant-table-cell-fix-left, .ant-table-cell-fix-start')) continue;
      if (t.scrollWidth > t.clientWidth + 1) {
        const head = [...(t.closest('.ant-table')?.querySelectorAll('thead th') ?? [])]
          .map((th) => (th.textContent ?? '').trim())
          .filter(Boolean)
          .join(' | ');
        found.push({ kind: 'bảng cuộn ngang', detail: `${t.scrollWidth} > ${t.clientWidth}: ${head}` });
      }
    }
    for (const b of document.querySelectorAll<HTMLElement>('button, a.ant-btn, [role="button"]')) {
      const r = b.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      if (r.right > width + 1)
        found.push({
          kind: 'nút ngoài màn hình',
          detail: (b.textContent || b.getAttribute('aria-label') || '').trim(),
        });
    }
    return found;
  });
}

describe('Mọi trang của giao diện quản trị ở màn hình 1366 × 768', () => {
  const b = useBrowser({ viewport: { width: 1366, height: 768 } });

  for (const { username, role } of ROLES) {
    it(`${role} (${username}): không cần cuộn ngang, ngày và số theo kiểu Việt Nam`, async () => {
      const page = b.page();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await login(page, username);
      await apiSettled(page);
      const items = page.getByRole('menu').first().getByRole('menuitem');
      const names = await items.allInnerTexts();
      expect(names.length).toBeGreaterThan(2);
      // each entry's address, then each page loaded on its own: nothing of the previous page remains
      const paths: Array<{ name: string; path: string }> = [];
      for (let i = 0; i < names.length; i++) {
        const before = page.url();
        await items.nth(i).click();
        if (i > 0 || page.url() !== before) await page.waitForURL((u) => u.href !== before || i === 0);
        paths.push({
          name: names[i]!.trim(),
          path: new URL(page.url()).pathname + new URL(page.url()).search,
        });
      }
      const problems: string[] = [];
      for (const { name, path } of paths) {
        await page.goto(path);
        await page.locator('main').first().waitFor();
        await apiSettled(page);
        const shot = `walk-${username}-${path.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '') || 'home'}.png`;
        await page.screenshot({ path: join(outDir, shot) });
        for (const f of await inspect(page)) {
          const line = `${name} (${path}): ${f.kind}: ${f.detail}`;
          if (!problems.includes(line)) problems.push(line);
        }
      }
      expect(errors).toEqual([]);
      expect(problems).toEqual([]);
    });
  }
});
