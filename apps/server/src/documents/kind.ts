/**
 * What the documents capability asks of each kind of document: who may draft it, its defaults
 * and refusals, its data from cqtt's figures, and how it renders (Nghị định 30/2020). Each
 * capability that owns the data implements its kinds (plans, criteria, reports, budget);
 * documents/kinds.ts lists them.
 */
import type { DocumentKind } from '@cqtt/domain';
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { DB, DocumentsTable } from '../db/schema.ts';
import type { Actor, RequestContext } from '../http/route.ts';

export type DocumentRow = Selectable<DocumentsTable>;

/** What the register gives a document when it is issued. */
export interface IssueFacts {
  /** "05/BC-UBND". */
  number: string;
  /** ISO day of issue. */
  date: string;
  signer: { name: string; title: string };
}

/** A document this one replaces (a correction), as the new one names it. */
export interface Replaced {
  number: string;
  date: string;
}

/** An editable narrative part of a draft, in reading order. */
export interface SectionSpec {
  key: string;
  /** Vietnamese heading, as the console and the document show it. */
  label: string;
  /** Guidance under the field in the console. */
  hint?: string;
}

export interface Prepared {
  subject: string;
  recordId: string | null;
  sections: Record<string, string>;
  recipients: string[];
}

export interface DocumentKindHandler<D = unknown> {
  kind: DocumentKind;
  /** Whether the actor may draft (and edit the draft of) this kind; the unit code is the actor's. */
  mayDraft(actor: Actor, unitCode: string | null): boolean;
  /** The narrative parts people write. */
  sections: SectionSpec[];
  /**
   * A new draft's subject, record and default narrative; throws the Vietnamese refusal when the
   * commune cannot have this document for the year (nothing is written then).
   */
  prepare(
    ctx: RequestContext,
    communeId: string,
    input: { year: number; recordId?: string; replacesId?: string },
  ): Promise<Prepared>;
  /** Refusals checked again when issuing, inside the issuing transaction (after the number's lock). */
  checkIssue?(trx: Transaction<DB>, doc: DocumentRow): Promise<void>;
  /** The figures the document states, read now. */
  data(ctx: RequestContext, doc: DocumentRow): Promise<D>;
  /** The DOCX: a draft (no number) when `issue` is null. */
  render(data: D, doc: DocumentRow, issue: IssueFacts | null, replaced: Replaced | null): Promise<Buffer>;
  /** Writes that go with issuing, in the same transaction (the plan takes its number…). */
  afterIssue?(trx: Kysely<DB>, doc: DocumentRow, issue: IssueFacts): Promise<void>;
  /** The file name of the DOCX. */
  fileName(doc: DocumentRow, issue: IssueFacts | null): string;
}
