/**
 * Exports of the demo plan of xã Bình Giang: the DOCX in the Nghị định
 * 30/2020 format (read back from its XML, and converted to PDF by LibreOffice
 * when it is installed) and the XLSX of a year's occurrences (read back with
 * exceljs).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OCCURRENCE_STATUS_LABELS, vietnamDate } from '@cqtt/domain';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BINH_GIANG_TASKS } from '../src/demo/plan.ts';
import { numberLine, placeDateLine } from '../src/documents/official.ts';
import { signatureLines } from '../src/plans/export-docx.ts';
import { type Client, createTestApp, login, type TestApp } from './harness.ts';
import { convertWithLibreOffice } from './office.ts';

let t: TestApp;
let vhxh: Client;
let planId: string;
let docx: Buffer;
let documentXml: string;

const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The text of a WordprocessingML fragment, paragraph by paragraph. */
function textOf(xml: string): string {
  return xml
    .replace(/<\/w:p>/g, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'");
}

function soffice(): string | null {
  for (const name of ['soffice', 'libreoffice']) {
    if (spawnSync('sh', ['-c', `command -v ${name}`]).status === 0) return name;
  }
  return null;
}

beforeAll(async () => {
  t = await createTestApp();
  vhxh = await login(t.app, 'vhxh.binhgiang');
  const plan = await t.database.db
    .selectFrom('plans')
    .select('id')
    .where('commune_id', '=', vhxh.me.commune.id)
    .executeTakeFirstOrThrow();
  planId = plan.id;
  const res = await vhxh.get(`/api/plans/${planId}/export.docx`);
  expect(res.statusCode, res.body).toBe(200);
  docx = res.rawPayload;
  documentXml = (await (await JSZip.loadAsync(docx)).file('word/document.xml')!.async('string')) ?? '';
});
afterAll(() => t.close());

describe('GET /api/plans/:id/export.docx', () => {
  it('is a DOCX attachment with a Vietnamese file name', async () => {
    const res = await vhxh.get(`/api/plans/${planId}/export.docx`);
    expect(res.headers['content-type']).toBe(DOCX_MIME);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    const disposition = String(res.headers['content-disposition']);
    expect(disposition).toMatch(/^attachment; filename="[\x20-\x7e]+\.docx"; filename\*=UTF-8''/);
    const name = decodeURIComponent(/filename\*=UTF-8''(\S+)/.exec(disposition)![1]!);
    expect(name).toBe('Kế hoạch Xã Bình Giang 2026-2030.docx');
  });

  it('has the header of Nghị định 30/2020: issuer, number, national title and motto, place and date', () => {
    const text = textOf(documentXml);
    expect(text).toContain('ỦY BAN NHÂN DÂN');
    expect(text).toContain('XÃ BÌNH GIANG');
    // the demo plan is not numbered yet: the number is left blank for the office
    expect(text).toMatch(/Số:\s+\/KH-UBND/);
    expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(text).toContain('Độc lập - Tự do - Hạnh phúc');
    expect(text).toContain('Bình Giang, ngày 15 tháng 4 năm 2026');
    expect(text).toContain('KẾ HOẠCH');
    expect(text).toContain(
      'Triển khai thực hiện mô hình “Chính quyền thân thiện” trên địa bàn xã Bình Giang giai đoạn 2026-2030 và những năm tiếp theo',
    );
    // the motto bold and underlined, the date line in italics
    expect(documentXml).toMatch(/<w:b\/>.*<w:u w:val="single"\/>.*Độc lập - Tự do - Hạnh phúc/);
    expect(documentXml).toMatch(/<w:i\/>[\s\S]*?Bình Giang, ngày 15 tháng 4 năm 2026/);
  });

  it('has the body sections in order, the legal bases first, the recipients and the signature', () => {
    const text = textOf(documentXml);
    const order = [
      'Căn cứ Quyết định số 1376/QĐ-UBND ngày 09/4/2026 của Ủy ban nhân dân thành phố;',
      'Căn cứ Kế hoạch số 119/KH-UBND',
      'I. MỤC ĐÍCH, YÊU CẦU',
      '1. Mục đích',
      '2. Yêu cầu',
      'II. MỤC TIÊU',
      'III. NỘI DUNG',
      'IV. KINH PHÍ THỰC HIỆN',
      'V. TỔ CHỨC THỰC HIỆN',
      'Nơi nhận:',
      '- Sở Nội vụ thành phố;',
      '- Lưu: VT, VHXXH.',
      'TM. ỦY BAN NHÂN DÂN',
      'CHỦ TỊCH',
      'Vũ Đăng Chương',
      'PHỤ LỤC NHIỆM VỤ CỤ THỂ',
    ];
    let at = -1;
    for (const piece of order) {
      const next = text.indexOf(piece, at + 1);
      expect(next, `"${piece}" after position ${at}`).toBeGreaterThan(at);
      at = next;
    }
    expect(text).toContain('Năm 2026, phấn đấu đạt chuẩn “Chính quyền thân thiện” mức độ 3.');
  });

  it('section V holds each unit’s role as the signed plan words it (the seed’s text)', () => {
    const text = textOf(documentXml);
    const v = text.slice(text.indexOf('V. TỔ CHỨC THỰC HIỆN'), text.indexOf('Nơi nhận:'));
    const headings = [
      '1. Các cơ quan, đơn vị có liên quan',
      '2. Phòng Văn hóa - Xã hội',
      '3. Trung tâm Phục vụ hành chính công',
      '4. Văn phòng HĐND và UBND',
      '5. Phòng Kinh tế',
      '6. Trung tâm Dịch vụ sự nghiệp công',
      '7. Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam xã và các tổ chức chính trị - xã hội xã',
      '8. Đề nghị Ban Xây dựng Đảng',
    ];
    let at = -1;
    for (const heading of headings) {
      const next = v.indexOf(heading, at + 1);
      expect(next, heading).toBeGreaterThan(at);
      at = next;
    }
    expect(v).toContain(
      'Phối hợp với Phòng Văn hóa - Xã hội và các cơ quan, đơn vị liên quan tham mưu, đề xuất Ủy ban nhân dân thành phố bố trí kinh phí ngân sách hàng năm để thực hiện (nếu có).',
    );
    expect(v).toContain('- Chủ trì tham mưu thực hiện sơ kết vào năm 2027');
    expect(v).not.toMatch(/chủ trì thực hiện các nhiệm vụ số/); // no longer the generated fallback
  });

  it('has the appendix table: STT | Nhiệm vụ cụ thể | Thời gian thực hiện | Cơ quan chủ trì | Cơ quan phối hợp, ten tasks', () => {
    const appendix = documentXml.slice(documentXml.indexOf('PHỤ LỤC NHIỆM VỤ CỤ THỂ'));
    const rows = [...appendix.matchAll(/<w:tr\b[\s\S]*?<\/w:tr>/g)].map((m) =>
      [...m[0].matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map((c) => textOf(c[0]).trim()),
    );
    expect(rows[0]).toEqual([
      'STT',
      'Nhiệm vụ cụ thể',
      'Thời gian thực hiện',
      'Cơ quan chủ trì',
      'Cơ quan phối hợp',
    ]);
    expect(rows).toHaveLength(1 + BINH_GIANG_TASKS.length);
    for (const [i, task] of BINH_GIANG_TASKS.entries()) {
      const row = rows[i + 1]!;
      expect(row[0]).toBe(String(task.number));
      expect(row[1]).toBe(task.content);
      expect(row[2]).toBe(task.scheduleText);
      expect(row[4]).toBe(task.coordinatingText);
    }
    expect(rows[3]![2]).toBe('Trước ngày 15/02 hằng năm');
    expect(rows[1]![3]).toBe('Phòng Văn hóa - Xã hội');
    // task 4 is led by every unit, as the plan says
    expect(rows[4]![3]).toBe('Các phòng, ban, cơ quan, đơn vị thuộc UBND xã');
    expect(rows[9]![3]).toBe('Trung tâm Phục vụ hành chính công');
    // the header row repeats on each page
    expect(appendix).toContain('<w:tblHeader/>');
  });

  it('is A4 in Times New Roman 14 pt with the margins of the decree, the appendix landscape, numbers from page 2', async () => {
    const zip = await JSZip.loadAsync(docx);
    const styles = await zip.file('word/styles.xml')!.async('string');
    expect(styles).toMatch(/w:ascii="Times New Roman"/);
    expect(styles).toMatch(/<w:docDefaults>[\s\S]*<w:sz w:val="28"\/>/);
    expect(documentXml).toContain('w:ascii="Times New Roman"');
    const sections = [...documentXml.matchAll(/<w:sectPr\b[\s\S]*?<\/w:sectPr>/g)].map((m) => m[0]);
    expect(sections).toHaveLength(2);
    const [main, appendix] = sections as [string, string];
    expect(main).toMatch(/<w:pgSz w:w="11906" w:h="16838" w:orient="portrait"\/>/);
    // 20 mm top and bottom, 30 mm left, 15 mm right
    expect(main).toMatch(/w:top="1134"/);
    expect(main).toMatch(/w:bottom="1134"/);
    expect(main).toMatch(/w:left="1701"/);
    expect(main).toMatch(/w:right="850"/);
    expect(main).toContain('<w:titlePg/>');
    expect(appendix).toMatch(/<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"\/>/);
    // the first page's header is empty; the others carry the page number, centred
    const firstRef = /<w:headerReference w:type="first" r:id="(\w+)"\/>/.exec(main)![1];
    const defaultRef = /<w:headerReference w:type="default" r:id="(\w+)"\/>/.exec(main)![1];
    const rels = await zip.file('word/_rels/document.xml.rels')!.async('string');
    const target = (id: string) => new RegExp(`Id="${id}"[^>]*Target="([^"]+)"`).exec(rels)?.[1] ?? '';
    const first = await zip.file(`word/${target(firstRef!)}`)!.async('string');
    const numbered = await zip.file(`word/${target(defaultRef!)}`)!.async('string');
    expect(first).not.toContain('PAGE');
    expect(numbered).toContain('PAGE');
    expect(numbered).toContain('<w:jc w:val="center"/>');
  });

  it('converts to PDF with LibreOffice (skipped, with the reason, when LibreOffice is absent)', async (ctx) => {
    const office = soffice();
    if (!office) {
      console.warn(
        'plans-export: LibreOffice (soffice) is not on the PATH; the PDF conversion is not checked.',
      );
      ctx.skip('LibreOffice (soffice) is not on the PATH');
      return;
    }
    const dir = mkdtempSync(join(tmpdir(), 'cqtt-lo-'));
    try {
      writeFileSync(join(dir, 'ke-hoach.docx'), docx);
      execFileSync(
        office,
        [
          `-env:UserInstallation=file://${join(dir, 'profile')}`,
          '--headless',
          '--convert-to',
          'pdf',
          '--outdir',
          dir,
          join(dir, 'ke-hoach.docx'),
        ],
        { stdio: 'pipe', timeout: 120_000 },
      );
      const pdf = join(dir, 'ke-hoach.pdf');
      expect(existsSync(pdf)).toBe(true);
      expect(statSync(pdf).size).toBeGreaterThan(10_000);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 150_000);

  it('LibreOffice reads section V and the all-units lead of task 4 (skipped without LibreOffice)', async (ctx) => {
    const text = convertWithLibreOffice({ plan: docx });
    if (!text) {
      ctx.skip('LibreOffice (soffice) is not on the PATH');
      return;
    }
    const read = text.plan!;
    expect(read).toContain('V. TỔ CHỨC THỰC HIỆN');
    expect(read).toContain('8. Đề nghị Ban Xây dựng Đảng');
    expect(read).toContain('Các phòng, ban, cơ quan, đơn vị thuộc UBND xã');
  }, 250_000);

  it('writes the number once the plan has one, in the header, the appendix note and the file name', async () => {
    await t.database.db.updateTable('plans').set({ number: '25/KH-UBND' }).where('id', '=', planId).execute();
    try {
      const res = await vhxh.get(`/api/plans/${planId}/export.docx`);
      const xml = await (await JSZip.loadAsync(res.rawPayload)).file('word/document.xml')!.async('string');
      const text = textOf(xml);
      expect(text).toContain('Số: 25/KH-UBND');
      expect(text).toContain(
        '(Kèm theo Kế hoạch số 25/KH-UBND ngày 15/04/2026 của Ủy ban nhân dân xã Bình Giang)',
      );
      const name = decodeURIComponent(
        /filename\*=UTF-8''(\S+)/.exec(String(res.headers['content-disposition']))![1]!,
      );
      expect(name).toBe('Kế hoạch 25-KH-UBND Xã Bình Giang 2026-2030.docx');
    } finally {
      await t.database.db.updateTable('plans').set({ number: '' }).where('id', '=', planId).execute();
    }
  });

  it('formats the number, the date and the signature as the decree writes them', () => {
    expect(numberLine('25/KH-UBND', 'KH-UBND')).toBe('Số: 25/KH-UBND');
    expect(numberLine('15', 'BC-UBND')).toBe('Số: 15/BC-UBND');
    expect(numberLine('', 'KH-UBND')).toBe('Số:      /KH-UBND');
    expect(placeDateLine('Bình Giang', '2026-04-15')).toBe('Bình Giang, ngày 15 tháng 4 năm 2026');
    // days below 10 and months below 3 take a leading zero
    expect(placeDateLine('Bình Giang', '2026-02-05')).toBe('Bình Giang, ngày 05 tháng 02 năm 2026');
    expect(placeDateLine('Bình Giang', '2026-12-01')).toBe('Bình Giang, ngày 01 tháng 12 năm 2026');
    expect(placeDateLine('Bình Giang', null, 2027)).toBe('Bình Giang, ngày      tháng      năm 2027');
    expect(signatureLines('Chủ tịch')).toEqual(['TM. ỦY BAN NHÂN DÂN', 'CHỦ TỊCH']);
    expect(signatureLines('Phó Chủ tịch')).toEqual(['TM. ỦY BAN NHÂN DÂN', 'KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH']);
  });

  it("answers 404 for another commune's plan; the city sees its communes' plans", async () => {
    const hongBang = await login(t.app, 'vhxh.hongbang');
    expect((await hongBang.get(`/api/plans/${planId}/export.docx`)).statusCode).toBe(404);
    expect((await hongBang.get(`/api/plans/${planId}/occurrences.xlsx?year=2026`)).statusCode).toBe(404);
    const haiPhong = await login(t.app, 'snv.haiphong');
    expect((await haiPhong.get(`/api/plans/${planId}/export.docx`)).statusCode).toBe(200);
    const haNoi = await login(t.app, 'snv.hanoi');
    expect((await haNoi.get(`/api/plans/${planId}/export.docx`)).statusCode).toBe(404);
    expect((await vhxh.get('/api/plans/00000000-0000-4000-8000-000000000000/export.docx')).statusCode).toBe(
      404,
    );
    const anonymous = await t.app.inject({ method: 'GET', url: `/api/plans/${planId}/export.docx` });
    expect(anonymous.statusCode).toBe(401);
  });
});

describe('GET /api/plans/:id/occurrences.xlsx', () => {
  async function sheetOf(year: number) {
    const res = await vhxh.get(`/api/plans/${planId}/occurrences.xlsx?year=${year}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe(XLSX_MIME);
    expect(String(res.headers['content-disposition'])).toMatch(/^attachment; .*filename\*=UTF-8''/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    let headerRow = 0;
    sheet.eachRow((row, n) => {
      if (row.getCell(1).value === 'STT' && !headerRow) headerRow = n;
    });
    expect(headerRow).toBeGreaterThan(0);
    const header = (sheet.getRow(headerRow).values as unknown[]).slice(1);
    const rows: unknown[][] = [];
    for (let n = headerRow + 1; n <= sheet.rowCount; n++) {
      const values = (sheet.getRow(n).values as unknown[]).slice(1);
      if (values.length) rows.push(values);
    }
    return { header, rows };
  }

  const iso = (value: unknown) => (value instanceof Date ? value.toISOString().slice(0, 10) : value);

  it("lists 2026's occurrences: nine tasks, task 10 (2027 and 2030) absent; status from the task_years rows", async () => {
    const { db } = t.database;
    const tasks = await db
      .selectFrom('plan_tasks')
      .select(['id', 'number'])
      .where('plan_id', '=', planId)
      .execute();
    const idOf = (n: number) => tasks.find((task) => task.number === n)!.id;
    const communeId = vhxh.me.commune.id as string;
    await db
      .insertInto('task_years')
      .values([
        {
          commune_id: communeId,
          task_id: idOf(3),
          year: 2026,
          progress: 100,
          completed_on: '2026-02-10',
          updated_at: new Date(),
        },
        {
          commune_id: communeId,
          task_id: idOf(1),
          year: 2026,
          progress: 40,
          completed_on: null,
          updated_at: new Date(),
        },
      ])
      .execute();

    const { header, rows } = await sheetOf(2026);
    expect(header).toEqual([
      'STT',
      'Nhiệm vụ',
      'Thời gian thực hiện',
      'Hạn',
      'Cơ quan chủ trì',
      'Trạng thái',
      'Tiến độ (%)',
      'Ngày hoàn thành',
      // what completed a task carried by its work (#12)
      'Ghi chú',
    ]);
    expect(rows.map((r) => r[0])).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const byNumber = new Map(rows.map((r) => [r[0], r]));
    expect(byNumber.has(10)).toBe(false);

    const today = vietnamDate(new Date());
    const task3 = byNumber.get(3)!;
    expect(task3[2]).toBe('Trước ngày 15/02 hằng năm');
    expect(iso(task3[3])).toBe('2026-02-14');
    expect(task3[4]).toBe('Phòng Văn hóa - Xã hội');
    expect(task3[5]).toBe('Hoàn thành');
    expect(task3[6]).toBe(100);
    expect(iso(task3[7])).toBe('2026-02-10');

    const task4 = byNumber.get(4)!;
    expect(task4[3]).toBe('Thường xuyên');
    expect(task4[5]).toBe(OCCURRENCE_STATUS_LABELS.not_started);

    // tasks 1 and 5 are carried by their work (#12): outreach's village coverage is task 1's
    // progress, the self-assessment sent is task 5's completion; the sheet says what the console says
    const listed = (await vhxh.get(`/api/plans/${planId}/occurrences?year=2026`)).json() as {
      taskNumber: number;
      status: keyof typeof OCCURRENCE_STATUS_LABELS;
      progress: number;
    }[];
    for (const n of [1, 5]) {
      const row = byNumber.get(n)!;
      const o = listed.find((x) => x.taskNumber === n)!;
      expect(row[5], `task ${n}`).toBe(OCCURRENCE_STATUS_LABELS[o.status]);
      expect(row[6], `task ${n}`).toBe(o.progress);
    }
    expect(iso(byNumber.get(1)![3])).toBe('2026-12-31');
    expect(iso(byNumber.get(5)![3])).toBe('2026-11-11');
    expect(today).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(byNumber.get(9)![4]).toBe('Trung tâm Phục vụ hành chính công');
  });

  it('lists all ten in 2027, none outside the plan period, and refuses a bad year', async () => {
    expect((await sheetOf(2027)).rows.map((r) => r[0])).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect((await sheetOf(2031)).rows).toEqual([]);
    expect((await vhxh.get(`/api/plans/${planId}/occurrences.xlsx?year=hai-nghin`)).statusCode).toBe(400);
    expect((await vhxh.get(`/api/plans/${planId}/occurrences.xlsx?year=2026&sort=x`)).statusCode).toBe(400);
  });
});
