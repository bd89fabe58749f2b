/**
 * Every file cqtt hands out (each XLSX and DOCX route of the registry, for the demo's data) shows
 * dates and percentages as a Vietnamese reader writes them: dd/mm/yyyy (or an Excel date cell),
 * "91,9%"; never "2026-02-10", "2026-02-10T02:30:00.000Z" or "88.3%" (issue 18). What people typed
 * ("ngày 09/4/2026" quoted from the city's plan) is theirs; the dates cqtt writes itself in
 * documents are padded, tested with each document (documents, reports, plans-export tests). A
 * new download route fails here until it is listed, so none escapes the check.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DOCUMENT_KINDS } from '@cqtt/domain';
import ExcelJS from 'exceljs';
import type { LightMyRequestResponse } from 'fastify';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, login, type TestApp } from './harness.ts';

let t: TestApp;
let vhxh: Client;
let city: Client;
let leader: Client;
let filesDir: string;

beforeAll(async () => {
  filesDir = mkdtempSync(join(tmpdir(), 'cqtt-export-dates-'));
  t = await createTestApp({ filesDir });
  vhxh = await login(t.app, 'vhxh.binhgiang');
  city = await login(t.app, 'snv.haiphong');
  leader = await login(t.app, 'chutich.binhgiang');
});
afterAll(async () => {
  await t.close();
  rmSync(filesDir, { recursive: true, force: true });
});

const ISO = /\b20\d\d-[01]\d-[0-3]\d(?:T[\d:.]+Z?)?\b/;
const DOT_PERCENT = /\b\d+\.\d+\s?%/;

/** What a person reads in the file: each text cell of a workbook, each paragraph of a document. */
async function textsOf(res: LightMyRequestResponse): Promise<string[]> {
  const type = String(res.headers['content-type']);
  if (type.includes('spreadsheetml')) {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const texts: string[] = [];
    wb.eachSheet((sheet) =>
      sheet.eachRow((row) =>
        row.eachCell((cell) => {
          if (typeof cell.value === 'string') texts.push(`${sheet.name}!${cell.address}: ${cell.value}`);
          else if (cell.value && typeof cell.value === 'object' && 'richText' in cell.value)
            texts.push(`${sheet.name}!${cell.address}: ${cell.text}`);
        }),
      ),
    );
    return texts;
  }
  if (type.includes('wordprocessingml')) {
    const zip = await JSZip.loadAsync(res.rawPayload);
    const xml = (await zip.file('word/document.xml')?.async('string')) ?? '';
    return xml
      .split('</w:p>')
      .map((p) => p.replace(/<[^>]+>/g, '').trim())
      .filter(Boolean);
  }
  throw new Error(`${type} is neither XLSX nor DOCX`);
}

describe('every download writes dates and percentages the Vietnamese way', () => {
  it('each official document drafted from the data (plan, letters, reports, proposal)', async () => {
    const problems: string[] = [];
    for (const kind of DOCUMENT_KINDS) {
      const year = kind === 'review-report' ? 2027 : 2026;
      const draft = await vhxh.post('/api/documents', { kind, year });
      expect(draft.statusCode, `${kind}: ${draft.body}`).toBe(201);
      const file = await vhxh.get(`/api/documents/${draft.json().id}/file`);
      expect(file.statusCode, `${kind}: ${file.body.slice(0, 300)}`).toBe(200);
      for (const text of await textsOf(file)) {
        if (ISO.test(text) || DOT_PERCENT.test(text)) problems.push(`${kind}: ${text.slice(0, 160)}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('each XLSX and DOCX route, with the demo data', async () => {
    const first = async (
      c: Client,
      url: string,
      pick: (x: Record<string, unknown>) => boolean = () => true,
    ) => {
      const body = (await c.get(url)).json();
      const items = (Array.isArray(body) ? body : body.items) as Record<string, unknown>[];
      const found = items.find(pick);
      if (!found) throw new Error(`nothing in ${url}`);
      return String(found.id);
    };
    // how to reach each download: who asks, and the record it is of
    const cases: Record<string, () => Promise<[Client, string]>> = {
      'GET /api/plans/:id/export.docx': async () => [
        vhxh,
        `/api/plans/${await first(vhxh, '/api/plans')}/export.docx`,
      ],
      'GET /api/plans/:id/occurrences.xlsx': async () => [
        vhxh,
        `/api/plans/${await first(vhxh, '/api/plans')}/occurrences.xlsx?year=2026`,
      ],
      'GET /api/public/communes/:communeCode/plan.docx': async () => {
        // the plan as issued: a draft the chairman signs
        const listed = (await vhxh.get('/api/documents?year=2026')).json();
        const draft =
          (listed.items ?? listed).find(
            (d: { kind: string; status: string }) => d.kind === 'plan' && d.status === 'draft',
          ) ?? (await vhxh.post('/api/documents', { kind: 'plan', year: 2026 })).json();
        const issued = await leader.post(`/api/documents/${draft.id}/issue`, {
          signerName: 'Vũ Đăng Chương',
          signerTitle: 'Chủ tịch',
        });
        expect(issued.statusCode, issued.body).toBe(200);
        return [vhxh, '/api/public/communes/HP-BINHGIANG/plan.docx'];
      },
      'GET /api/assessments/:id/report.docx': async () => [
        vhxh,
        `/api/assessments/${await first(vhxh, '/api/assessments')}/report.docx`,
      ],
      'GET /api/assessments/:id/scores.xlsx': async () => [
        vhxh,
        `/api/assessments/${await first(vhxh, '/api/assessments')}/scores.xlsx`,
      ],
      'GET /api/criteria-sets/:id/export.xlsx': async () => [
        city,
        `/api/criteria-sets/${await first(city, '/api/criteria-sets')}/export.xlsx`,
      ],
      'GET /api/budgets/:id/export.xlsx': async () => [
        vhxh,
        `/api/budgets/${await first(vhxh, '/api/budgets?year=2026')}/export.xlsx`,
      ],
      'GET /api/rewards/:id/decision.docx': async () => [
        vhxh,
        `/api/rewards/${await first(vhxh, '/api/rewards?year=2025', (r) => Boolean(r.decisionNumber))}/decision.docx`,
      ],
      'GET /api/rewards/export.xlsx': async () => [vhxh, '/api/rewards/export.xlsx?year=2025'],
      'GET /api/outreach-activities/export.xlsx': async () => [
        vhxh,
        '/api/outreach-activities/export.xlsx?year=2026',
      ],
      'GET /api/good-examples/export.xlsx': async () => [vhxh, '/api/good-examples/export.xlsx?year=2026'],
      'GET /api/village-assessments/export.xlsx': async () => [
        vhxh,
        '/api/village-assessments/export.xlsx?year=2025',
      ],
      'GET /api/supervision-entries/export.xlsx': async () => [
        vhxh,
        '/api/supervision-entries/export.xlsx?year=2026',
      ],
      'GET /api/documents/export.xlsx': async () => [vhxh, '/api/documents/export.xlsx'],
      'GET /api/level-overview.xlsx': async () => [city, '/api/level-overview.xlsx?year=2026'],
      'GET /api/city/communes.xlsx': async () => [city, '/api/city/communes.xlsx?year=2026'],
      'GET /api/city/report.docx': async () => [city, '/api/city/report.docx?year=2026'],
      'GET /api/official-indices/template.xlsx': async () => [
        city,
        '/api/official-indices/template.xlsx?year=2026',
      ],
    };
    const downloads = t.app.cqttRoutes
      .filter((r) => r.method === 'GET' && (r.file || /\.(xlsx|docx)$/.test(r.url)))
      .map((r) => `${r.method} ${r.url}`);
    expect(downloads.filter((d) => !(d in cases))).toEqual([]);
    expect(Object.keys(cases).filter((c) => !downloads.includes(c))).toEqual([]);
    const problems: string[] = [];
    for (const [route, reach] of Object.entries(cases)) {
      const [client, url] = await reach();
      let res = await client.get(url);
      // a route that takes no year refuses one: ask again without it
      if (res.statusCode === 400 && url.includes('year='))
        res = await client.get(url.replace(/[?&]year=\d+/, ''));
      expect(res.statusCode, `${route} ${url}: ${res.body.slice(0, 300)}`).toBe(200);
      for (const text of await textsOf(res)) {
        if (ISO.test(text) || DOT_PERCENT.test(text)) problems.push(`${route}: ${text.slice(0, 160)}`);
      }
    }
    expect(problems).toEqual([]);
  });
});
