// Reads a workbook off the main thread (files/xlsx-import.ts starts it): the bytes were checked
// against the ZIP limits before they came here, and this thread runs with a memory limit and a
// deadline, so a heavy sheet slows only itself. Plain JavaScript, so that it runs the same
// under tsx, vitest and node.
import { parentPort, workerData } from 'node:worker_threads';
import ExcelJS from 'exceljs';

/** A cell as the importers read it: text, a number, or null; dates as YYYY-MM-DD. */
function cellValue(v) {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number' || typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('result' in v) return cellValue(v.result);
    if ('richText' in v && Array.isArray(v.richText)) return v.richText.map((t) => t.text).join('');
    if ('text' in v) return String(v.text);
    if ('error' in v) return null;
  }
  return null;
}

const encoder = new TextEncoder();

/**
 * One sheet's rows as JSON lines in one buffer, with where each line ends: the buffer is moved to
 * the main thread, which decodes a row only when it reads it (xlsx-import.ts, ImportedRows).
 */
function pack(lines) {
  const parts = lines.map((line) => encoder.encode(`${line}\n`));
  const bytes = new Uint8Array(parts.reduce((sum, p) => sum + p.length, 0));
  const ends = new Uint32Array(parts.length);
  let at = 0;
  parts.forEach((p, i) => {
    bytes.set(p, at);
    at += p.length;
    ends[i] = at - 1;
  });
  return { bytes, ends };
}

async function read(bytes, maxRows) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes);
  let total = 0;
  const sheets = [];
  for (const ws of wb.worksheets) {
    const lines = [];
    ws.eachRow((row, n) => {
      total++;
      if (total > maxRows) throw Object.assign(new Error('too many rows'), { tooManyRows: true });
      const values = Array.isArray(row.values) ? row.values.slice(1) : [];
      lines.push(JSON.stringify([n, ...Array.from(values, cellValue)]));
    });
    sheets.push({ name: ws.name, ...pack(lines) });
  }
  return sheets;
}

read(Buffer.from(workerData.bytes), workerData.maxRows).then(
  (sheets) =>
    parentPort.postMessage(
      { ok: true, sheets },
      sheets.flatMap((sh) => [sh.bytes.buffer, sh.ends.buffer]),
    ),
  (error) =>
    parentPort.postMessage({ ok: false, reason: error?.tooManyRows ? 'too_many_rows' : 'unreadable' }),
);
