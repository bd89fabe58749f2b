import type { LibraryDocument } from '@cqtt/contract/outreach';
import { checkCommuneFiles } from '../files/refs.ts';
import { conflict } from '../http/errors.ts';
import type { RequestContext } from '../http/route.ts';
import { defineRegister } from '../register/define.ts';
import { loadRefs } from '../register/refs.ts';
import type { Row } from '../register/table.ts';
import { activitiesCiting, documentTable } from './store.ts';

/** The library of legal and guiding documents (văn bản) activities point to. */

type DocumentRow = Row<'outreach_documents'>;

async function views(ctx: RequestContext, rows: DocumentRow[]): Promise<LibraryDocument[]> {
  const refs = await loadRefs(ctx.db, rows, { files: rows.map((r) => r.file_id) });
  return rows.map((r) => ({
    id: r.id,
    communeId: r.commune_id,
    number: r.number,
    issuedOn: r.issued_on ? String(r.issued_on).slice(0, 10) : null,
    issuer: r.issuer,
    title: r.title,
    summary: r.summary,
    file: refs.file(r.file_id),
  }));
}

interface DocumentInput {
  number?: string;
  issuedOn?: string | null;
  issuer?: string;
  title: string;
  summary?: string;
  fileId?: string | null;
}

export const library = defineRegister<'outreach_documents', LibraryDocument, DocumentInput>({
  ...documentTable,
  audit: {
    entity: 'outreach_document',
    create: 'outreach.document_create',
    update: 'outreach.document_update',
    remove: 'outreach.document_delete',
  },
  fields: {
    number: 'number',
    issuedOn: 'issued_on',
    issuer: 'issuer',
    title: 'title',
    summary: 'summary',
    fileId: 'file_id',
  },
  view: views,
  async check(ctx, communeId, input) {
    if (input.fileId) await checkCommuneFiles(ctx.db, communeId, [input.fileId], 'fileId');
    return undefined;
  },
  created: (ctx) => ({ created_by: ctx.actor!.userId }),
  async beforeRemove(ctx, row) {
    const citing = await activitiesCiting(ctx.db, row.commune_id, row.id);
    if (citing > 0) {
      throw conflict(`Văn bản đang được ${citing} hoạt động tuyên truyền dẫn chiếu; không xóa được.`);
    }
  },
});
