/**
 * Official documents in the format of Nghị định 30/2020/NĐ-CP (Phụ lục I):
 * A4, margins top/bottom 20 mm, left 30 mm, right 15 mm, Times New Roman 14 pt
 * (13 in tables). The header table (issuing body, number, national title and
 * motto, place and date), the document type and subject, the body, then the
 * recipients and the signature; page numbers from page 2, centred in the
 * header. Appendices follow in their own sections (landscape when asked).
 *
 * Plans use it (plans/export-docx.ts); reports and reward decisions will too.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Header,
  type ISectionOptions,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  type ParagraphChild,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
} from 'docx';

export const FONT = 'Times New Roman';
/** Sizes in points. */
const BODY_PT = 14;
const TABLE_PT = 13;

/** A4 in twentieths of a point (twips). */
export const A4 = { width: 11906, height: 16838 } as const;
export const MARGINS_MM = { top: 20, bottom: 20, left: 30, right: 15 } as const;
/** Millimetres to twips, rounded (docx's own helper truncates: 20 mm would be 1133, not 1134). */
const mm = (millimetres: number) => Math.round((millimetres * 1440) / 25.4);
const MARGIN = {
  top: mm(MARGINS_MM.top),
  bottom: mm(MARGINS_MM.bottom),
  left: mm(MARGINS_MM.left),
  right: mm(MARGINS_MM.right),
  header: mm(10),
  footer: mm(10),
};
/** Width of the text on a portrait and a landscape page (twips). */
const PORTRAIT_TEXT = A4.width - MARGIN.left - MARGIN.right;
const LANDSCAPE_TEXT = A4.height - MARGIN.left - MARGIN.right;
/** First-line indent of body paragraphs: 1.27 cm. */
const INDENT = 720;

/** A block of the body, in reading order. */
export type Block =
  /** "I. MỤC ĐÍCH, YÊU CẦU", "1. Mục đích": bold, left with the paragraphs' indent. */
  | { kind: 'heading'; text: string }
  /** A body paragraph: justified with a first-line indent. */
  | { kind: 'paragraph'; text: string; italic?: boolean; bold?: boolean };

export interface TableColumn {
  header: string;
  /** Share of the table's width (the shares are scaled to fill the page). */
  width: number;
  /** Body cells: justified by default; short lists read better left-aligned. */
  align?: 'left' | 'center' | 'justify';
}

export interface Appendix {
  /** "PHỤ LỤC NHIỆM VỤ CỤ THỂ" */
  title: string;
  /** Bold line under the title. */
  subtitle?: string;
  /** Italic line: "(Kèm theo Kế hoạch số 25/KH-UBND ngày 15/4/2026 của Ủy ban nhân dân xã Bình Giang)". */
  note?: string;
  landscape?: boolean;
  table: { columns: TableColumn[]; rows: string[][] };
}

export interface OfficialDocumentInput {
  /** Issuing body, top line first; written in capitals and bold ("Ủy ban nhân dân", "Xã Bình Giang"). */
  issuer: string[];
  /** Full number ("25/KH-UBND"); empty or null while the document is not numbered yet. */
  number?: string | null;
  /** Symbol used when unnumbered: "KH-UBND" gives "Số:      /KH-UBND". */
  symbol: string;
  /** Place name for the date line ("Bình Giang"). */
  place: string;
  /** ISO date of issue; null leaves the day and month blank for the signer. */
  date?: string | null;
  /** Year written when the date is not known yet. */
  year?: number;
  /** "Kế hoạch", "Báo cáo", "Quyết định": written in bold capitals. */
  type: string;
  /** What the document is about, under the type (bold). */
  subject: string;
  body: Block[];
  /** Nơi nhận, one per line ("Sở Nội vụ thành phố"); the list gets its dashes and punctuation here. */
  recipients: string[];
  signature: {
    /** Lines above the name, in capitals ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"). */
    lines: string[];
    name: string;
  };
  appendices?: Appendix[];
  /** A letter (công văn) has no type: its subject goes under the number as "V/v …". */
  letter?: boolean;
  /** "Kính gửi:" and the addressees, above the body (a letter, a proposal). */
  to?: string[];
  /** A draft not yet issued: marked "DỰ THẢO" above the type. */
  draft?: boolean;
  /** Document properties. */
  creator?: string;
}

const run = (
  text: string,
  options: { bold?: boolean; italics?: boolean; underline?: boolean; size?: number } = {},
) =>
  new TextRun({
    text,
    bold: options.bold,
    italics: options.italics,
    underline: options.underline ? {} : undefined,
    size: options.size ? options.size * 2 : undefined,
    font: FONT,
  });

const upper = (text: string) => text.toLocaleUpperCase('vi-VN');
const lowerFirst = (text: string) => text.charAt(0).toLocaleLowerCase('vi-VN') + text.slice(1);

/** "Kính gửi: Sở Nội vụ thành phố Hải Phòng." or, for several, one addressee a line. */
function addressees(to: string[]): Paragraph[] {
  const clean = to.map((t) => t.trim().replace(/[;.,]+$/, '')).filter(Boolean);
  if (clean.length <= 1)
    return [
      centred([run('Kính gửi: ', { size: BODY_PT }), run(`${clean[0] ?? ''}.`, { size: BODY_PT })], {
        before: 240,
        after: 120,
      }),
    ];
  return [
    new Paragraph({
      indent: { left: 2268 },
      spacing: { before: 240 },
      children: [run('Kính gửi:', { size: BODY_PT })],
    }),
    ...clean.map(
      (t, i) =>
        new Paragraph({
          indent: { left: 3402 },
          spacing: { after: i === clean.length - 1 ? 120 : 0 },
          children: [run(`- ${t}${i === clean.length - 1 ? '.' : ';'}`, { size: BODY_PT })],
        }),
    ),
  ];
}

function centred(children: ParagraphChild[], spacing: { before?: number; after?: number } = {}) {
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { before: 0, after: 0, ...spacing },
    children,
  });
}

/** A short horizontal line under a centred block, `share` of the width it sits in. */
function rule(containerWidth: number, share: number, after = 0) {
  const side = Math.round((containerWidth * (1 - share)) / 2);
  return new Paragraph({
    indent: { left: side, right: side },
    spacing: { before: 0, after, line: 120, lineRule: 'exact' },
    border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 1 } },
    children: [run('', { size: 4 })],
  });
}

const NO_BORDERS = {
  top: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
  bottom: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
  left: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
  right: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
  insideHorizontal: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
  insideVertical: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
};

/** A table used for layout only: fixed widths, no borders. */
function layoutTable(widths: number[], rows: Paragraph[][][]) {
  return new Table({
    width: { size: widths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    borders: NO_BORDERS,
    rows: rows.map(
      (cells) =>
        new TableRow({
          children: cells.map(
            (children, i) =>
              new TableCell({
                width: { size: widths[i]!, type: WidthType.DXA },
                margins: { left: 0, right: 0 },
                children,
              }),
          ),
        }),
    ),
  });
}

/** "Số: 25/KH-UBND", or "Số:      /KH-UBND" before the document is numbered. */
export function numberLine(number: string | null | undefined, symbol: string): string {
  const n = (number ?? '').trim();
  if (!n) return `Số:      /${symbol}`;
  return `Số: ${n.includes('/') ? n : `${n}/${symbol}`}`;
}

/**
 * "Bình Giang, ngày 15 tháng 4 năm 2026": days below 10 and months below 3
 * take a leading zero (Nghị định 30/2020, Phụ lục I); blanks when undated.
 */
export function placeDateLine(place: string, date: string | null | undefined, year?: number): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date ?? '');
  if (!m) return `${place}, ngày      tháng      năm ${year ?? new Date().getFullYear()}`;
  const [y, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const dd = day < 10 ? `0${day}` : String(day);
  const mm = month < 3 ? `0${month}` : String(month);
  return `${place}, ngày ${dd} tháng ${mm} năm ${y}`;
}

/** The header table: issuing body and number on the left, national title, motto and date on the right. */
function headerTable(input: OfficialDocumentInput) {
  const left = Math.round(PORTRAIT_TEXT * 0.38);
  const right = PORTRAIT_TEXT - left;
  // both lines of the issuing body bold ("ỦY BAN NHÂN DÂN" / "XÃ BÌNH GIANG"), as DOMAIN.md asks
  const issuer = input.issuer.map((line) => centred([run(upper(line), { bold: true, size: TABLE_PT })]));
  return layoutTable(
    [left, right],
    [
      [
        [...issuer, rule(left, 0.35)],
        [
          // the national title at 12 pt (Nghị định 30 allows 12-13) so that it keeps to one line
          centred([run('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { bold: true, size: 12 })]),
          centred([run('Độc lập - Tự do - Hạnh phúc', { bold: true, underline: true, size: TABLE_PT })]),
        ],
      ],
      [
        [
          centred([run(numberLine(input.number, input.symbol), { size: TABLE_PT })], { before: 120 }),
          ...(input.letter ? [centred([run(`V/v ${lowerFirst(input.subject)}`, { size: 12 })])] : []),
        ],
        [
          centred(
            [run(placeDateLine(input.place, input.date, input.year), { italics: true, size: TABLE_PT })],
            {
              before: 120,
            },
          ),
        ],
      ],
    ],
  );
}

function bodyParagraph(block: Block): Paragraph {
  const heading = block.kind === 'heading';
  return new Paragraph({
    alignment: AlignmentType.JUSTIFIED,
    indent: { firstLine: INDENT },
    spacing: { before: 120, after: 0, line: 288, lineRule: 'auto' },
    keepNext: heading,
    children: [
      run(block.text, {
        bold: heading || (block.kind === 'paragraph' && block.bold),
        italics: block.kind === 'paragraph' && block.italic,
      }),
    ],
  });
}

/** "- Sở Nội vụ thành phố;" … "- Lưu: VT, VHXH." */
function recipientLines(recipients: string[]): string[] {
  return recipients
    .map((r) =>
      r
        .trim()
        .replace(/^[-–•]\s*/, '')
        .replace(/[;.,]+$/, ''),
    )
    .filter((r) => r.length > 0)
    .map((r, i, all) => `- ${r}${i === all.length - 1 ? '.' : ';'}`);
}

function signatureTable(input: OfficialDocumentInput) {
  const left = Math.round(PORTRAIT_TEXT * 0.45);
  const right = PORTRAIT_TEXT - left;
  const recipients = [
    new Paragraph({
      spacing: { before: 240, after: 0 },
      children: [run('Nơi nhận:', { bold: true, italics: true, size: 12 })],
    }),
    ...recipientLines(input.recipients).map(
      (line) => new Paragraph({ spacing: { before: 0, after: 0 }, children: [run(line, { size: 11 })] }),
    ),
  ];
  const signer = [
    ...input.signature.lines.map((line, i) =>
      centred([run(upper(line), { bold: true, size: BODY_PT })], i === 0 ? { before: 240 } : {}),
    ),
    // room for the signature and the seal
    ...Array.from({ length: 4 }, () => centred([run('', { size: BODY_PT })])),
    centred([run(input.signature.name, { bold: true, size: BODY_PT })]),
  ];
  return layoutTable([left, right], [[recipients, signer]]);
}

function pageNumberHeader() {
  return new Header({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [new TextRun({ children: [PageNumber.CURRENT], font: FONT, size: BODY_PT * 2 })],
      }),
    ],
  });
}

const ALIGN = { left: AlignmentType.LEFT, center: AlignmentType.CENTER, justify: AlignmentType.JUSTIFIED };

function dataTable(table: Appendix['table'], textWidth: number) {
  const total = table.columns.reduce((a, c) => a + c.width, 0);
  const widths = table.columns.map((c) => Math.floor((c.width / total) * textWidth));
  const border = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
  const cell = (text: string, i: number, header: boolean) =>
    new TableCell({
      width: { size: widths[i]!, type: WidthType.DXA },
      verticalAlign: VerticalAlignTable.CENTER,
      margins: { top: 40, bottom: 40, left: 80, right: 80 },
      children: (text === '' ? [''] : text.split('\n')).map(
        (line) =>
          new Paragraph({
            alignment: header ? AlignmentType.CENTER : ALIGN[table.columns[i]!.align ?? 'justify'],
            spacing: { before: 0, after: 0 },
            children: [run(line, { bold: header, size: TABLE_PT })],
          }),
      ),
    });
  return new Table({
    width: { size: widths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    borders: {
      top: border,
      bottom: border,
      left: border,
      right: border,
      insideHorizontal: border,
      insideVertical: border,
    },
    rows: [
      new TableRow({
        tableHeader: true,
        cantSplit: true,
        children: table.columns.map((c, i) => cell(c.header, i, true)),
      }),
      ...table.rows.map(
        (row) => new TableRow({ cantSplit: true, children: row.map((v, i) => cell(v, i, false)) }),
      ),
    ],
  });
}

function appendixSection(appendix: Appendix): ISectionOptions {
  const landscape = appendix.landscape ?? false;
  const textWidth = landscape ? LANDSCAPE_TEXT : PORTRAIT_TEXT;
  return {
    properties: {
      page: {
        size: {
          width: A4.width,
          height: A4.height,
          orientation: landscape ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT,
        },
        margin: MARGIN,
      },
    },
    headers: { default: pageNumberHeader() },
    children: [
      centred([run(upper(appendix.title), { bold: true, size: BODY_PT })]),
      ...(appendix.subtitle ? [centred([run(appendix.subtitle, { bold: true, size: BODY_PT })])] : []),
      ...(appendix.note ? [centred([run(appendix.note, { italics: true, size: BODY_PT })])] : []),
      rule(textWidth, 0.2, 240),
      dataTable(appendix.table, textWidth),
    ],
  };
}

/** Builds the document; returns the bytes of the .docx file. */
export async function buildOfficialDocument(input: OfficialDocumentInput): Promise<Buffer> {
  const main: ISectionOptions = {
    properties: {
      page: {
        size: { width: A4.width, height: A4.height, orientation: PageOrientation.PORTRAIT },
        margin: MARGIN,
      },
      // the first page has no number: its header ("first") is empty
      titlePage: true,
    },
    headers: { default: pageNumberHeader(), first: new Header({ children: [new Paragraph('')] }) },
    children: [
      headerTable(input),
      ...(input.draft ? [centred([run('DỰ THẢO', { bold: true, size: BODY_PT })], { before: 240 })] : []),
      ...(input.letter
        ? []
        : [
            centred([run(upper(input.type), { bold: true, size: BODY_PT })], { before: 360 }),
            centred([run(input.subject, { bold: true, size: BODY_PT })]),
            rule(PORTRAIT_TEXT, 0.25, 120),
          ]),
      ...(input.to ? addressees(input.to) : []),
      ...input.body.map(bodyParagraph),
      signatureTable(input),
    ],
  };
  const doc = new Document({
    creator: input.creator ?? 'cqtt',
    title: `${input.type} ${input.subject}`.slice(0, 250),
    styles: {
      default: {
        document: { run: { font: FONT, size: BODY_PT * 2 }, paragraph: { spacing: { before: 0, after: 0 } } },
      },
    },
    sections: [main, ...(input.appendices ?? []).map(appendixSection)],
  });
  return Packer.toBuffer(doc);
}
