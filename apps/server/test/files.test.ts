/**
 * Uploads and downloads (RELIABILITY.md 13 and 14): type by content, size
 * limit, ZIP limits before unpacking, generated storage names, downloads as
 * attachments only, tenancy, and no audit row for a refused file.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Document, Packer, Paragraph } from 'docx';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { moveFilesToDatabase, verifyFiles } from '../src/files/backup.ts';
import {
  CHUNK_SIZE,
  databaseFileStore,
  newStorageKey,
  removeUnusedFiles,
  sha256Hex,
} from '../src/files/store.ts';
import { type Client, countRows, createTestApp, login, type TestApp } from './harness.ts';

let t: TestApp;
let filesDir: string;
let vhxh: Client;

const VIETNAMESE = /[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ]/i;

const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n',
  'latin1',
);
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);
const JPEG = Buffer.from('ffd8ffe000104a46494600010100000100010000ffdb0043000101ffd9', 'hex');
const WEBP = Buffer.from('UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==', 'base64');
const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

async function makeDocx(): Promise<Buffer> {
  const doc = new Document({ sections: [{ children: [new Paragraph('Biên bản kiểm tra')] }] });
  return Packer.toBuffer(doc);
}

async function makeXlsx(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.addWorksheet('Tiến độ').addRow(['STT', 'Nhiệm vụ']);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** A multipart/form-data body with one file part. */
function multipart(bytes: Buffer, filename: string, type: string, field = 'file') {
  const boundary = `----cqtt${Math.random().toString(16).slice(2)}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\nContent-Type: ${type}\r\n\r\n`,
  );
  return {
    payload: Buffer.concat([head, bytes, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    contentType: `multipart/form-data; boundary=${boundary}`,
  };
}

function upload(client: Client, bytes: Buffer, filename: string, type: string, field = 'file') {
  const { payload, contentType } = multipart(bytes, filename, type, field);
  return t.app.inject({
    method: 'POST',
    url: '/api/files',
    headers: { cookie: client.cookie!, 'x-csrf-token': client.csrfToken!, 'content-type': contentType },
    payload,
  });
}

/** The storage keys and contents the database holds (file_keys, file_contents). */
async function storedFiles(): Promise<string[]> {
  const keys = await t.database.db
    .selectFrom('file_keys')
    .select('storage_key')
    .orderBy('storage_key')
    .execute();
  const contents = await t.database.db
    .selectFrom('file_contents')
    .select('sha256')
    .orderBy('sha256')
    .execute();
  return [...keys.map((k) => k.storage_key), ...contents.map((c) => c.sha256)];
}

async function fileRows() {
  const row = await t.database.db
    .selectFrom('files')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Sends something that must be refused; proves nothing was written anywhere. */
async function expectRefused(send: () => Promise<{ statusCode: number; body: string }>, status = 400) {
  const [audit, rows, stored] = [
    await countRows(t.database, 'audit_log'),
    await fileRows(),
    await storedFiles(),
  ];
  const res = await send();
  expect(res.statusCode, res.body).toBe(status);
  const body = JSON.parse(res.body);
  expect(body.error.message).toMatch(VIETNAMESE);
  expect(await countRows(t.database, 'audit_log')).toBe(audit);
  expect(await fileRows()).toBe(rows);
  expect(await storedFiles()).toEqual(stored);
  return body.error as { code: string; message: string };
}

/** Rewrites a ZIP's central directory entry for `name` (declared sizes). */
function patchCentralEntry(zip: Buffer, name: string, patch: { size?: number }) {
  const out = Buffer.from(zip);
  for (let p = 0; p < out.length - 46; p++) {
    if (out.readUInt32LE(p) !== 0x02014b50) continue;
    const nameLength = out.readUInt16LE(p + 28);
    if (out.toString('utf8', p + 46, p + 46 + nameLength) !== name) continue;
    if (patch.size !== undefined) out.writeUInt32LE(patch.size, p + 24);
    return out;
  }
  throw new Error(`no entry ${name}`);
}

beforeAll(async () => {
  filesDir = mkdtempSync(join(tmpdir(), 'cqtt-files-'));
  t = await createTestApp({ filesDir });
  vhxh = await login(t.app, 'vhxh.binhgiang');
});
afterAll(async () => {
  await t.close();
  rmSync(filesDir, { recursive: true, force: true });
});

describe('POST /api/files', () => {
  it('accepts each type by its content, stores it under a generated name, with one audit row', async () => {
    const cases: [Buffer, string, string, string][] = [
      [PDF, 'Biên bản họp.pdf', 'application/pdf', 'application/pdf'],
      [PNG, 'ảnh minh chứng.png', 'image/png', 'image/png'],
      [JPEG, 'pano tuyên truyền.jpg', 'image/jpeg', 'image/jpeg'],
      [WEBP, 'hội nghị.webp', 'image/webp', 'image/webp'],
      [await makeDocx(), 'Báo cáo.docx', DOCX_MIME, DOCX_MIME],
      [await makeXlsx(), 'Tiến độ.xlsx', XLSX_MIME, XLSX_MIME],
      // the browser's claimed type is not trusted either way: octet-stream is fine
      [await makeDocx(), 'Kế hoạch.docx', 'application/octet-stream', DOCX_MIME],
    ];
    for (const [bytes, name, claimed, mime] of cases) {
      const audit = await countRows(t.database, 'audit_log');
      const res = await upload(vhxh, bytes, name, claimed);
      expect(res.statusCode, `${name}: ${res.body}`).toBe(201);
      const file = res.json();
      expect(file).toEqual({ id: expect.any(String), name, size: bytes.length, mime });
      expect(await countRows(t.database, 'audit_log')).toBe(audit + 1);
      const row = await t.database.db
        .selectFrom('files')
        .selectAll()
        .where('id', '=', file.id)
        .executeTakeFirstOrThrow();
      expect(row.commune_id).toBe(vhxh.me.commune.id);
      expect(row.storage_key).toMatch(/^[0-9a-f]{2}\/[0-9a-f-]{36}$/);
      expect(row.storage_key).not.toContain(name);
      expect(row.sha256).toMatch(/^[0-9a-f]{64}$/);
      const log = await t.database.db
        .selectFrom('audit_log')
        .selectAll()
        .where('entity_id', '=', file.id)
        .execute();
      expect(log.map((l) => l.action)).toEqual(['files.upload']);
      // the bytes are in the database, under the generated key, addressed by their sha256
      const stored = await t.database.db
        .selectFrom('file_keys')
        .innerJoin('file_contents', 'file_contents.sha256', 'file_keys.sha256')
        .select(['file_contents.sha256', 'file_contents.size'])
        .where('file_keys.storage_key', '=', row.storage_key)
        .executeTakeFirstOrThrow();
      expect(stored).toEqual({ sha256: row.sha256, size: bytes.length });
    }
  });

  it('keeps a clean name: no folders, no control characters, the right extension', async () => {
    const res = await upload(vhxh, PDF, '../../etc/biên\u202Ebản', 'application/pdf');
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().name).toBe('biênbản.pdf');
    const long = await upload(vhxh, PDF, `${'Báo cáo 𝔸'.repeat(40)}.pdf`, 'application/pdf');
    expect([...long.json().name].length).toBe(200);
    expect(long.json().name).toMatch(/^Báo cáo .*\.pdf$/u);
  });

  it('refuses a text file that claims to be a PDF, in Vietnamese, writing nothing', async () => {
    const error = await expectRefused(() =>
      upload(vhxh, Buffer.from('Đây không phải PDF, chỉ là chữ.\n'), 'bao-cao.pdf', 'application/pdf'),
    );
    expect(error.message).toContain('không phải PDF');
  });

  it('refuses other types and a name that lies about the content', async () => {
    await expectRefused(() => upload(vhxh, Buffer.from('<script>alert(1)</script>'), 'a.html', 'text/html'));
    await expectRefused(() =>
      upload(vhxh, Buffer.from('MZ\x90\x00\x03'), 'setup.exe', 'application/x-msdownload'),
    );
    await expectRefused(() => upload(vhxh, Buffer.from('<svg onload="alert(1)"/>'), 'logo.png', 'image/png'));
    const zip = new JSZip();
    zip.file('readme.txt', 'xin chào');
    await expectRefused(async () =>
      upload(vhxh, await zip.generateAsync({ type: 'nodebuffer' }), 'tai-lieu.docx', DOCX_MIME),
    );
    // a real PNG named as a PDF: the name and the content disagree
    const error = await expectRefused(() => upload(vhxh, PNG, 'hop-dong.pdf', 'application/pdf'));
    expect(error.message).toContain('ảnh PNG');
    await expectRefused(() =>
      upload(vhxh, Buffer.from('d0cf11e0a1b11ae1000000', 'hex'), 'cu.doc', 'application/msword'),
    );
    await expectRefused(() => upload(vhxh, Buffer.alloc(0), 'rong.pdf', 'application/pdf'));
  });

  it('refuses a file over 10 MiB with 413', async () => {
    const big = Buffer.concat([PDF, Buffer.alloc(10 * 1024 * 1024)]);
    const error = await expectRefused(() => upload(vhxh, big, 'lon.pdf', 'application/pdf'), 413);
    expect(error.code).toBe('payload_too_large');
    expect(error.message).toContain('10 MB');
  });

  it('refuses ZIP bombs before unpacking: huge declared size, lying size, ratio, thousands of entries', async () => {
    const docx = await makeDocx();
    // an entry that claims 2 GiB
    const declared = await expectRefused(() =>
      upload(vhxh, patchCentralEntry(docx, 'word/document.xml', { size: 0x7fffffff }), 'a.docx', DOCX_MIME),
    );
    expect(declared.message).toContain('giải nén');
    // an entry that claims less than it inflates to
    const lying = await expectRefused(() =>
      upload(vhxh, patchCentralEntry(docx, 'word/document.xml', { size: 10 }), 'b.docx', DOCX_MIME),
    );
    expect(lying.message).toContain('giải nén');
    // a real high-ratio entry: 20 MiB of zeros in a few kilobytes
    const bomb = await JSZip.loadAsync(docx);
    bomb.file('word/media/zeros.bin', Buffer.alloc(20 * 1024 * 1024));
    const bombBytes = await bomb.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
    expect(bombBytes.length).toBeLessThan(1024 * 1024);
    const error = await expectRefused(() => upload(vhxh, bombBytes, 'c.docx', DOCX_MIME));
    expect(error.message).toContain('giải nén');
    // thousands of entries
    const many = await JSZip.loadAsync(docx);
    for (let i = 0; i < 3000; i++) many.file(`word/parts/p${i}.xml`, '<x/>');
    const manyBytes = await many.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
    const entries = await expectRefused(() => upload(vhxh, manyBytes, 'd.docx', DOCX_MIME));
    expect(entries.message).toContain('quá nhiều thành phần');
  });

  it('refuses JSON, a missing file, another field name, and a city user', async () => {
    await expectRefused(() => vhxh.post('/api/files', { name: 'x.pdf', data: 'JVBERi0=' }));
    await expectRefused(
      () =>
        t.app.inject({
          method: 'POST',
          url: '/api/files',
          headers: { cookie: vhxh.cookie!, 'x-csrf-token': vhxh.csrfToken! },
        }),
      415,
    );
    await expectRefused(() => upload(vhxh, PDF, 'a.pdf', 'application/pdf', 'tep'));
    const city = await login(t.app, 'snv.haiphong');
    await expectRefused(() => upload(city, PDF, 'a.pdf', 'application/pdf'), 403);
    // a session write without the CSRF header is refused too
    const { payload, contentType } = multipart(PDF, 'a.pdf', 'application/pdf');
    await expectRefused(
      () =>
        t.app.inject({
          method: 'POST',
          url: '/api/files',
          headers: { cookie: vhxh.cookie!, 'content-type': contentType },
          payload,
        }),
      403,
    );
  });
});

describe('GET /api/files/:id', () => {
  it('answers the bytes as an attachment, with the stored type and nosniff', async () => {
    const name = "Biên bản (họp) tháng 4 'Đợt 1'.pdf";
    const created = (await upload(vhxh, PDF, name, 'application/pdf')).json();
    const res = await vhxh.get(`/api/files/${created.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.rawPayload.equals(PDF)).toBe(true);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    const disposition = String(res.headers['content-disposition']);
    expect(disposition).toMatch(/^attachment; /);
    const encoded = /filename\*=UTF-8''([^;\s]+)/.exec(disposition)?.[1] ?? '';
    expect(encoded).toMatch(/^[A-Za-z0-9%._~!$&+^`|-]+$/);
    expect(decodeURIComponent(encoded)).toBe(name);
    expect(disposition).toContain(`filename="Bien ban (hop) thang 4 'Dot 1'.pdf"`);
    expect(disposition).not.toContain('inline');
  });

  it("answers 404 for another commune's file; a file no record holds yet is its uploader's alone", async () => {
    const mine = (await upload(vhxh, PNG, 'a.png', 'image/png')).json();
    const hongBang = await login(t.app, 'vhxh.hongbang');
    const theirs = (await upload(hongBang, PNG, 'b.png', 'image/png')).json();
    expect((await vhxh.get(`/api/files/${theirs.id}`)).statusCode).toBe(404);
    expect((await hongBang.get(`/api/files/${mine.id}`)).statusCode).toBe(404);
    expect((await vhxh.get(`/api/files/${mine.id}`)).statusCode).toBe(200);
    // the city reads a commune's files through the records holding them (file-access.test.ts)
    expect((await (await login(t.app, 'snv.haiphong')).get(`/api/files/${mine.id}`)).statusCode).toBe(404);
    expect((await (await login(t.app, 'snv.hanoi')).get(`/api/files/${mine.id}`)).statusCode).toBe(404);
    expect((await vhxh.get('/api/files/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
  });
});

describe('files in the database (decision 0021)', () => {
  it('keeps a content once, in chunks, and removes it with its last key', async () => {
    const store = databaseFileStore(t.database.db);
    // 2.5 chunks of varied bytes, so that a chunk out of order would show
    const bytes = Buffer.alloc(CHUNK_SIZE * 2 + CHUNK_SIZE / 2);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7 + (i >> 10)) & 0xff;
    const sha256 = sha256Hex(bytes);
    const [a, b] = [newStorageKey(), newStorageKey()];
    await store.put(a, bytes);
    await store.put(b, bytes);
    const chunks = await t.database.db
      .selectFrom('file_chunks')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('sha256', '=', sha256)
      .executeTakeFirstOrThrow();
    expect(Number(chunks.n)).toBe(3);
    await expect(store.put(a, bytes)).rejects.toThrow();
    const read = async (key: string) => Buffer.concat(await (await store.get(key)).toArray());
    expect((await read(b)).equals(bytes)).toBe(true);
    await store.delete(a);
    expect((await read(b)).equals(bytes)).toBe(true);
    await store.delete(b);
    await expect(store.get(b)).rejects.toThrow();
    const left = await t.database.db
      .selectFrom('file_chunks')
      .select('n')
      .where('sha256', '=', sha256)
      .execute();
    expect(left).toEqual([]);
  });

  it('removes what an upload left behind when the database went away before its row', async () => {
    const store = databaseFileStore(t.database.db);
    const key = newStorageKey();
    await store.put(key, Buffer.from('nửa chừng'));
    expect(await removeUnusedFiles(t.database.db, new Date())).toBe(0);
    expect(await removeUnusedFiles(t.database.db, new Date(Date.now() + 61 * 60_000))).toBe(1);
    await expect(store.get(key)).rejects.toThrow();
    // files that rows name are kept
    expect((await verifyFiles(t.database.db)).missing).toEqual([]);
  });

  it('moves the files an older version kept on disk, once, checking each, and serves them from the database', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cqtt-files-old-'));
    try {
      // three rows as an older version wrote them: bytes on disk under their key, none in the database
      const old = [
        { name: 'bien-ban-cu.pdf', bytes: PDF, mime: 'application/pdf' },
        { name: 'anh-cu.png', bytes: PNG, mime: 'image/png' },
        { name: 'bi-sua.pdf', bytes: PDF, mime: 'application/pdf' },
        { name: 'bi-mat.png', bytes: PNG, mime: 'image/png' },
      ];
      const ids: string[] = [];
      for (const f of old) {
        const key = newStorageKey();
        mkdirSync(join(dir, key.slice(0, 2)), { recursive: true });
        if (f.name !== 'bi-mat.png')
          writeFileSync(join(dir, key), f.name === 'bi-sua.pdf' ? Buffer.from('đã bị sửa') : f.bytes);
        const row = await t.database.db
          .insertInto('files')
          .values({
            commune_id: vhxh.me.commune.id,
            name: f.name,
            mime: f.mime,
            size: f.bytes.length,
            sha256: sha256Hex(f.bytes),
            storage_key: key,
            // uploaded by the reader, held by no record: hers alone (files/refs.ts)
            created_by: vhxh.me.user.id,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        ids.push(row.id);
      }
      const [moved, unmoved, altered, lost] = ids;
      const before = await verifyFiles(t.database.db);
      expect(before.missing.map((f) => f.id).sort()).toEqual([...ids].sort());

      // not moved yet: still served from the old folder (FILES_DIR)
      const legacy = await buildApp({ config: { ...t.config, filesDir: dir }, database: t.database });
      try {
        const reader = await login(legacy, 'vhxh.binhgiang');
        const early = await reader.get(`/api/files/${unmoved}`);
        expect(early.statusCode).toBe(200);
        expect(early.rawPayload.equals(PNG)).toBe(true);
      } finally {
        await legacy.close();
      }

      const first = await moveFilesToDatabase(t.database.db, dir);
      expect(first.moved).toBe(2);
      expect(first.corrupt.map((f) => f.id)).toEqual([altered]);
      expect(first.missing.map((f) => f.id)).toEqual([lost]);
      const again = await moveFilesToDatabase(t.database.db, dir);
      expect(again.moved).toBe(0);
      expect(again.unchanged).toBe(first.unchanged + 2);

      rmSync(dir, { recursive: true, force: true });
      for (const id of [moved, unmoved]) {
        const res = await vhxh.get(`/api/files/${id}`);
        expect(res.statusCode).toBe(200);
      }
      expect((await vhxh.get(`/api/files/${moved}`)).rawPayload.equals(PDF)).toBe(true);
      const after = await verifyFiles(t.database.db, { checksums: true });
      expect(after.missing.map((f) => f.id).sort()).toEqual([altered, lost].sort());
      expect(after.checksums?.[moved!]).toBe(sha256Hex(PDF));
    } finally {
      rmSync(dir, { recursive: true, force: true });
      // leave the table as the other tests expect it
      await t.database.db.deleteFrom('files').where('name', 'in', ['bi-sua.pdf', 'bi-mat.png']).execute();
    }
  });

  it('names a stored content that was altered since upload', async () => {
    const file = (await upload(vhxh, PDF, 'se-bi-sua.pdf', 'application/pdf')).json();
    const row = await t.database.db
      .selectFrom('files')
      .select('sha256')
      .where('id', '=', file.id)
      .executeTakeFirstOrThrow();
    // a different PDF stored under this upload's hash (a damaged disk block would look the same)
    await sql`update file_chunks set data = ${Buffer.from(PDF.toString('latin1').replace('1.4', '1.5'), 'latin1')}
      where sha256 = ${row.sha256}`.execute(t.database.db);
    const check = await verifyFiles(t.database.db);
    expect(check.corrupt.map((f) => f.name)).toContain('se-bi-sua.pdf');
    await sql`update file_chunks set data = ${PDF} where sha256 = ${row.sha256}`.execute(t.database.db);
    expect((await verifyFiles(t.database.db)).corrupt).toEqual([]);
  });
});
