import { checkZip, UPLOAD_ZIP_LIMITS, ZipError } from './zip.ts';

/**
 * The kinds of files the platform accepts as evidence and attachments, told
 * apart by their content (magic bytes, and for DOCX/XLSX the main part named
 * in [Content_Types].xml), never by the name or the type the browser claims.
 */
export const FILE_KINDS = {
  pdf: { mime: 'application/pdf', extensions: ['pdf'], label: 'PDF' },
  docx: {
    mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    extensions: ['docx'],
    label: 'Word (DOCX)',
  },
  xlsx: {
    mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    extensions: ['xlsx'],
    label: 'Excel (XLSX)',
  },
  jpeg: { mime: 'image/jpeg', extensions: ['jpg', 'jpeg'], label: 'ảnh JPEG' },
  png: { mime: 'image/png', extensions: ['png'], label: 'ảnh PNG' },
  webp: { mime: 'image/webp', extensions: ['webp'], label: 'ảnh WebP' },
} as const;

export type FileKind = keyof typeof FILE_KINDS;

export const ACCEPTED_TYPES_TEXT = 'PDF, Word (DOCX), Excel (XLSX) và ảnh JPEG, PNG, WebP';

/** The main part's content type in [Content_Types].xml, for the office kinds. */
const OFFICE_MAIN: Record<string, FileKind> = {
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml': 'docx',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml': 'xlsx',
};

export type Detection =
  | { ok: true; kind: FileKind }
  | {
      ok: false;
      reason: 'unknown' | 'legacy_office' | 'office_unsupported' | 'zip_limits' | 'zip_corrupt' | 'empty';
    };

const startsWith = (bytes: Buffer, signature: number[], at = 0) =>
  bytes.length >= at + signature.length && signature.every((b, i) => bytes[at + i] === b);
const ascii = (bytes: Buffer, text: string, at = 0) =>
  bytes.length >= at + text.length && bytes.toString('latin1', at, at + text.length) === text;

function isPdf(bytes: Buffer): boolean {
  // "%PDF-1.7" at the start and "%%EOF" near the end (ISO 32000: the last line)
  if (!/^%PDF-[12]\.\d/.test(bytes.toString('latin1', 0, 8))) return false;
  return bytes.toString('latin1', Math.max(0, bytes.length - 4096)).includes('%%EOF');
}

function imageKind(bytes: Buffer): FileKind | null {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) && ascii(bytes, 'IHDR', 12))
    return 'png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff]) && bytes.length > 4) return 'jpeg';
  if (
    ascii(bytes, 'RIFF') &&
    ascii(bytes, 'WEBP', 8) &&
    (ascii(bytes, 'VP8 ', 12) || ascii(bytes, 'VP8L', 12) || ascii(bytes, 'VP8X', 12))
  )
    return 'webp';
  return null;
}

function attributes(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of tag.matchAll(/([A-Za-z:]+)\s*=\s*("([^"]*)"|'([^']*)')/g))
    out[m[1]!] = (m[3] ?? m[4] ?? '').replace(/&amp;/g, '&');
  return out;
}

async function officeKind(bytes: Buffer): Promise<Detection> {
  let checked: Awaited<ReturnType<typeof checkZip>>;
  try {
    checked = await checkZip(bytes, UPLOAD_ZIP_LIMITS, {
      names: ['[Content_Types].xml'],
      maxSize: 1024 * 1024,
    });
  } catch (error) {
    if (!(error instanceof ZipError)) throw error;
    const limits = ['too_many_entries', 'too_large', 'suspicious_ratio'].includes(error.problem);
    return { ok: false, reason: limits ? 'zip_limits' : 'zip_corrupt' };
  }
  const types = checked.read.get('[content_types].xml')?.toString('utf8');
  if (!types) return { ok: false, reason: 'office_unsupported' };
  const names = new Set(checked.entries.map((e) => e.name.toLowerCase()));
  for (const m of types.matchAll(/<(?:\w+:)?Override\b[^>]*>/g)) {
    const { PartName, ContentType } = attributes(m[0]);
    const kind = ContentType ? OFFICE_MAIN[ContentType] : undefined;
    if (kind && PartName && names.has(PartName.replace(/^\//, '').toLowerCase())) return { ok: true, kind };
  }
  // a ZIP, an ODT, a macro-enabled or template document: not one of ours
  return { ok: false, reason: 'office_unsupported' };
}

export async function detectFileType(bytes: Buffer): Promise<Detection> {
  if (bytes.length === 0) return { ok: false, reason: 'empty' };
  if (isPdf(bytes)) return { ok: true, kind: 'pdf' };
  const image = imageKind(bytes);
  if (image) return { ok: true, kind: image };
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return officeKind(bytes);
  // .doc/.xls of Office 97-2003 (OLE compound file)
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))
    return { ok: false, reason: 'legacy_office' };
  return { ok: false, reason: 'unknown' };
}

/** The kind a name's extension or a claimed type points to, if it is one of ours. */
export function claimedKind(name: string, claimedMime: string): FileKind | null {
  const extension = /\.([A-Za-z0-9]{1,8})$/.exec(name)?.[1]?.toLowerCase();
  const mime = claimedMime.split(';')[0]!.trim().toLowerCase();
  for (const [kind, info] of Object.entries(FILE_KINDS) as [FileKind, (typeof FILE_KINDS)[FileKind]][]) {
    if (extension && (info.extensions as readonly string[]).includes(extension)) return kind;
  }
  for (const [kind, info] of Object.entries(FILE_KINDS) as [FileKind, (typeof FILE_KINDS)[FileKind]][]) {
    if (mime === info.mime) return kind;
  }
  return null;
}

/**
 * The name kept for a file: no folders, no control or bidirectional
 * characters (which can disguise "gpj.exe" as "exe.jpg"), at most 200
 * characters, ending with an extension of its real kind.
 */
export function cleanFileName(raw: string, kind: FileKind): string {
  let name = raw
    .normalize('NFC')
    .replace(/^.*[/\\]/, '')
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, '')
    .replace(/["*:<>?|]/g, '_')
    .trim()
    .replace(/^\.+/, '');
  const info = FILE_KINDS[kind];
  const extension = /\.([A-Za-z0-9]{1,8})$/.exec(name)?.[1]?.toLowerCase();
  if (!extension || !(info.extensions as readonly string[]).includes(extension)) {
    name = `${name || 'tep'}.${info.extensions[0]}`;
  }
  const chars = [...name];
  if (chars.length > 200) {
    // cut by characters (not UTF-16 units), keeping the extension
    const dot = chars.lastIndexOf('.');
    name = chars.slice(0, 200 - (chars.length - dot)).join('') + chars.slice(dot).join('');
  }
  return name;
}
