import type { FastifyReply } from 'fastify';
import { tableXlsx, type XlsxCell, type XlsxColumn } from '../documents/xlsx-table.ts';
import { attachmentHeader } from '../files/service.ts';
import { FILE_KINDS } from '../files/types.ts';

/** Answers a generated document (XLSX, DOCX) as a download under a readable name. */
export function sendDocument(
  reply: FastifyReply,
  kind: 'xlsx' | 'docx',
  fileName: string,
  bytes: Buffer,
): Buffer {
  reply
    .header('content-type', FILE_KINDS[kind].mime)
    .header('content-disposition', attachmentHeader(fileName))
    .header('x-content-type-options', 'nosniff');
  return bytes;
}

/** A register's table as an XLSX: what its rows become, described once. */
export interface XlsxDescription<V, Q> {
  /** The file's name, without diacritics (browsers keep it as is). */
  fileName: (query: Q) => string;
  sheetName: (query: Q) => string;
  title: (query: Q) => string;
  subtitle?: (items: V[], commune: { name: string }, query: Q) => string;
  columns: XlsxColumn[];
  /** The table's rows from the list's items (in the list's order unless it says otherwise). */
  rows: (items: V[]) => XlsxCell[][];
}

export async function sendXlsx<V, Q>(
  reply: FastifyReply,
  description: XlsxDescription<V, Q>,
  items: V[],
  commune: { name: string },
  query: Q,
): Promise<Buffer> {
  const bytes = await tableXlsx({
    sheetName: description.sheetName(query),
    title: description.title(query),
    ...(description.subtitle ? { subtitle: description.subtitle(items, commune, query) } : {}),
    columns: description.columns,
    rows: description.rows(items),
  });
  return sendDocument(reply, 'xlsx', description.fileName(query), bytes);
}
