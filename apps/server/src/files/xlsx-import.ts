import { Worker } from 'node:worker_threads';
import { AppError, badRequest } from '../http/errors.ts';
import { checkZip, UPLOAD_ZIP_LIMITS, ZipError, type ZipLimits } from './zip.ts';

/**
 * The one way to read an imported workbook (dossiers, criteria sets, any import later;
 * RELIABILITY 14 and 31): the ZIP is checked against the upload limits before anything is
 * unpacked (entry count, declared and real uncompressed sizes, ratio; a tighter total, since
 * an import's rows become data), then read by ExcelJS in a worker thread with a memory limit
 * and a deadline, at most two at a time. A small file that unpacks to a huge sheet is refused
 * in milliseconds, and a heavy sheet never holds the event loop other requests need.
 * A test checks that ExcelJS reads workbooks nowhere else.
 */
export const IMPORT_ZIP_LIMITS: ZipLimits = { ...UPLOAD_ZIP_LIMITS, maxTotalSize: 50 * 1024 * 1024 };

export interface ImportLimits {
  zip: ZipLimits;
  /** rows of all sheets together */
  maxRows: number;
  /** the worker is stopped after this long */
  timeoutMs: number;
  /** the worker's heap */
  memoryMb: number;
}

export const IMPORT_LIMITS: ImportLimits = {
  zip: IMPORT_ZIP_LIMITS,
  maxRows: 100_000,
  timeoutMs: 60_000,
  memoryMb: 512,
};

/** Workbooks read at the same time, and how many more may wait for their turn. */
const PARALLEL = 2;
const WAITING = 8;

export type Cell = string | number | null;
export interface ImportedRow {
  /** the row number (1 = the first row) */
  n: number;
  cells: Cell[];
}
export interface ImportedSheet {
  name: string;
  /** the rows that hold something */
  rows: ImportedRows;
}

const decoder = new TextDecoder();

/**
 * A sheet's rows as the worker sent them: one UTF-8 buffer of JSON lines, moved to this thread
 * (not copied, not cloned into objects), each row decoded only when it is read. Cloning 40,000
 * rows of objects into the main thread cost it ~100-300 ms of deserialising and garbage
 * collection per import (the event loop silent all that time); an import that stops at its
 * header row now decodes one row, and one that reads every row pays row by row.
 */
export class ImportedRows implements Iterable<ImportedRow> {
  readonly length: number;
  /** bytes: the rows' JSON, each line ending with a newline; ends[i]: where row i's JSON ends */
  constructor(
    private readonly bytes: Uint8Array,
    private readonly ends: Uint32Array,
  ) {
    this.length = ends.length;
  }

  at(i: number): ImportedRow | undefined {
    if (!Number.isInteger(i) || i < 0 || i >= this.length) return undefined;
    const start = i === 0 ? 0 : this.ends[i - 1]! + 1;
    const [n, ...cells] = JSON.parse(decoder.decode(this.bytes.subarray(start, this.ends[i]))) as [
      number,
      ...Cell[],
    ];
    return { n, cells };
  }

  *[Symbol.iterator](): Iterator<ImportedRow> {
    for (let i = 0; i < this.length; i++) yield this.at(i)!;
  }

  find(match: (row: ImportedRow) => boolean): ImportedRow | undefined {
    for (const row of this) if (match(row)) return row;
    return undefined;
  }
}

type WorkerAnswer =
  | { ok: true; sheets: { name: string; bytes: Uint8Array; ends: Uint32Array }[] }
  | { ok: false; reason: string };

const MB = 1024 * 1024;
const tooHeavy = (message: string) => new AppError('payload_too_large', 413, message);

async function checkWorkbook(bytes: Buffer, limits: ZipLimits) {
  let types: string | undefined;
  try {
    const checked = await checkZip(bytes, limits, { names: ['[Content_Types].xml'], maxSize: MB });
    types = checked.read.get('[content_types].xml')?.toString('utf8');
  } catch (error) {
    if (!(error instanceof ZipError)) throw error;
    if (['too_many_entries', 'too_large', 'suspicious_ratio'].includes(error.problem))
      throw tooHeavy(
        `Tệp Excel khi giải nén quá lớn (quá ${Math.round(limits.maxTotalSize / MB)} MB, quá ${limits.maxEntries} thành phần hoặc nén bất thường); không đọc tệp này. Vui lòng chia nhỏ tệp.`,
      );
    throw badRequest('Tệp không phải Excel (.xlsx) hợp lệ hoặc đã bị hỏng. Vui lòng lưu lại thành XLSX.');
  }
  if (!types?.includes('spreadsheetml.sheet.main+xml'))
    throw badRequest('Tệp không phải bảng tính Excel (.xlsx). Vui lòng lưu lại thành XLSX.');
}

let running = 0;
const waiting: (() => void)[] = [];

async function turn(): Promise<() => void> {
  if (running >= PARALLEL) {
    if (waiting.length >= WAITING)
      throw new AppError(
        'rate_limited',
        429,
        'Máy chủ đang đọc nhiều tệp Excel cùng lúc. Vui lòng thử lại sau ít phút.',
        { retryAfterSeconds: 60 },
      );
    await new Promise<void>((resolve) => waiting.push(resolve));
  } else running++;
  return () => {
    const next = waiting.shift();
    if (next) next();
    else running--;
  };
}

function parseInWorker(bytes: Buffer, limits: ImportLimits): Promise<ImportedSheet[]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./xlsx-worker.mjs', import.meta.url), {
      workerData: { bytes: new Uint8Array(bytes), maxRows: limits.maxRows },
      resourceLimits: { maxOldGenerationSizeMb: limits.memoryMb, maxYoungGenerationSizeMb: 64 },
      stdout: true,
      stderr: true,
    });
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      fn();
      void worker.terminate();
    };
    const timer = setTimeout(
      () =>
        finish(() =>
          reject(
            tooHeavy(
              'Tệp Excel quá lớn hoặc quá phức tạp để đọc trong thời gian cho phép; không đọc tệp này. Vui lòng chia nhỏ tệp.',
            ),
          ),
        ),
      limits.timeoutMs,
    );
    worker.once('message', (m: WorkerAnswer) =>
      finish(() => {
        if (m.ok)
          resolve(m.sheets.map((sh) => ({ name: sh.name, rows: new ImportedRows(sh.bytes, sh.ends) })));
        else if (m.reason === 'too_many_rows')
          reject(
            tooHeavy(`Tệp có quá ${limits.maxRows.toLocaleString('vi-VN')} dòng; vui lòng chia nhỏ tệp.`),
          );
        else reject(badRequest('Không đọc được tệp Excel (.xlsx). Vui lòng lưu lại thành XLSX.'));
      }),
    );
    // out of memory (ERR_WORKER_OUT_OF_MEMORY) or a crash: the sheet was too much
    worker.once('error', () =>
      finish(() => reject(tooHeavy('Tệp Excel quá lớn để đọc; không đọc tệp này. Vui lòng chia nhỏ tệp.'))),
    );
    worker.once('exit', () =>
      finish(() => reject(tooHeavy('Tệp Excel quá lớn để đọc; không đọc tệp này. Vui lòng chia nhỏ tệp.'))),
    );
  });
}

/** The sheets of an imported XLSX, or a Vietnamese 4xx; never blocks the event loop. */
export async function readXlsxImport(
  bytes: Buffer,
  limits: ImportLimits = IMPORT_LIMITS,
): Promise<ImportedSheet[]> {
  await checkWorkbook(bytes, limits.zip);
  const done = await turn();
  try {
    return await parseInWorker(bytes, limits);
  } finally {
    done();
  }
}
