import { createInflateRaw } from 'node:zlib';

/**
 * A ZIP reader for checking uploads (RELIABILITY.md 14): it reads the central
 * directory, checks the entry count and the uncompressed sizes it declares
 * before anything is inflated, then inflates each entry only to count its
 * bytes, stopping as soon as an entry gives more than it declared. Nothing is
 * written anywhere; only small entries asked for by name are kept in memory.
 */

export interface ZipLimits {
  /** Most entries (files and folders) a ZIP may have. */
  maxEntries: number;
  /** Most bytes all entries may inflate to, together. */
  maxTotalSize: number;
  /** Highest ratio uncompressed/compressed for an entry bigger than 1 MiB. */
  maxRatio: number;
}

export const UPLOAD_ZIP_LIMITS: ZipLimits = {
  maxEntries: 1000,
  maxTotalSize: 200 * 1024 * 1024,
  maxRatio: 200,
};

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  localHeaderOffset: number;
}

export type ZipProblem =
  | 'not_zip'
  | 'corrupt'
  | 'unsupported'
  | 'encrypted'
  | 'too_many_entries'
  | 'too_large'
  | 'suspicious_ratio'
  | 'bad_name';

export class ZipError extends Error {
  constructor(readonly problem: ZipProblem) {
    super(`zip: ${problem}`);
  }
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const MIB = 1024 * 1024;

/** The entries of the central directory, with the limits checked on what it declares. */
export function readCentralDirectory(zip: Buffer, limits: ZipLimits): ZipEntry[] {
  if (zip.length < 22 || zip.readUInt32LE(0) !== LOCAL) throw new ZipError('not_zip');
  // the end record is in the last 22 bytes plus at most a 65,535-byte comment
  let eocd = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--) {
    if (zip.readUInt32LE(i) === EOCD && i + 22 + zip.readUInt16LE(i + 20) === zip.length) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ZipError('corrupt');
  const disk = zip.readUInt16LE(eocd + 4);
  const cdDisk = zip.readUInt16LE(eocd + 6);
  const entriesHere = zip.readUInt16LE(eocd + 8);
  const count = zip.readUInt16LE(eocd + 10);
  const cdSize = zip.readUInt32LE(eocd + 12);
  const cdOffset = zip.readUInt32LE(eocd + 16);
  // ZIP64 (0xFFFF…) and split archives: an office file under 10 MiB never needs them
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) throw new ZipError('unsupported');
  if (disk !== 0 || cdDisk !== 0 || entriesHere !== count) throw new ZipError('unsupported');
  if (count > limits.maxEntries) throw new ZipError('too_many_entries');
  if (cdOffset + cdSize > eocd) throw new ZipError('corrupt');

  const entries: ZipEntry[] = [];
  let total = 0;
  let p = cdOffset;
  for (let n = 0; n < count; n++) {
    if (p + 46 > eocd || zip.readUInt32LE(p) !== CENTRAL) throw new ZipError('corrupt');
    const flags = zip.readUInt16LE(p + 8);
    const method = zip.readUInt16LE(p + 10);
    const compressedSize = zip.readUInt32LE(p + 20);
    const size = zip.readUInt32LE(p + 24);
    const nameLength = zip.readUInt16LE(p + 28);
    const extraLength = zip.readUInt16LE(p + 30);
    const commentLength = zip.readUInt16LE(p + 32);
    const localHeaderOffset = zip.readUInt32LE(p + 42);
    const end = p + 46 + nameLength + extraLength + commentLength;
    if (end > eocd) throw new ZipError('corrupt');
    const name = zip.toString('utf8', p + 46, p + 46 + nameLength);
    p = end;

    if (flags & 0x1) throw new ZipError('encrypted');
    if (method !== 0 && method !== 8) throw new ZipError('unsupported');
    if (size === 0xffffffff || compressedSize === 0xffffffff || localHeaderOffset === 0xffffffff)
      throw new ZipError('unsupported');
    if (
      name.length === 0 ||
      name.startsWith('/') ||
      name.includes('\\') ||
      name.includes('\0') ||
      name.split('/').includes('..')
    )
      throw new ZipError('bad_name');
    if (method === 0 && size !== compressedSize) throw new ZipError('corrupt');
    if (localHeaderOffset + 30 + compressedSize > cdOffset) throw new ZipError('corrupt');
    total += size;
    if (total > limits.maxTotalSize) throw new ZipError('too_large');
    if (size > MIB && size > limits.maxRatio * Math.max(compressedSize, 1))
      throw new ZipError('suspicious_ratio');
    entries.push({ name, method, compressedSize, size, localHeaderOffset });
  }
  return entries;
}

function dataOf(zip: Buffer, entry: ZipEntry): Buffer {
  const at = entry.localHeaderOffset;
  if (zip.readUInt32LE(at) !== LOCAL) throw new ZipError('corrupt');
  const start = at + 30 + zip.readUInt16LE(at + 26) + zip.readUInt16LE(at + 28);
  const end = start + entry.compressedSize;
  if (end > zip.length) throw new ZipError('corrupt');
  return zip.subarray(start, end);
}

/**
 * Inflates an entry, keeping the bytes only when asked, and fails as soon as
 * it gives more than it declared (a lying size is a zip bomb's trick).
 */
function inflateEntry(zip: Buffer, entry: ZipEntry, keep: boolean): Promise<Buffer | null> {
  const data = dataOf(zip, entry);
  if (entry.method === 0) return Promise.resolve(keep ? Buffer.from(data) : null);
  return new Promise((resolve, reject) => {
    const inflate = createInflateRaw();
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const fail = (problem: ZipProblem) => {
      if (settled) return;
      settled = true;
      inflate.destroy();
      reject(new ZipError(problem));
    };
    inflate.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > entry.size) return fail('too_large');
      if (keep) chunks.push(chunk);
    });
    inflate.on('error', () => fail('corrupt'));
    inflate.on('end', () => {
      if (settled) return;
      if (size !== entry.size) return fail('corrupt');
      settled = true;
      resolve(keep ? Buffer.concat(chunks) : null);
    });
    inflate.end(data);
  });
}

export interface CheckedZip {
  entries: ZipEntry[];
  /** The bytes of the entries asked for by name (lower-case match), when present. */
  read: Map<string, Buffer>;
}

/**
 * Checks a ZIP against the limits (declared sizes first, then the real ones)
 * and returns the small entries asked for by name.
 */
export async function checkZip(
  zip: Buffer,
  limits: ZipLimits,
  wanted: { names: string[]; maxSize: number },
): Promise<CheckedZip> {
  const entries = readCentralDirectory(zip, limits);
  const names = new Set(wanted.names.map((n) => n.toLowerCase()));
  const read = new Map<string, Buffer>();
  for (const entry of entries) {
    const keep = names.has(entry.name.toLowerCase()) && entry.size <= wanted.maxSize;
    const bytes = await inflateEntry(zip, entry, keep);
    if (bytes) read.set(entry.name.toLowerCase(), bytes);
  }
  return { entries, read };
}
