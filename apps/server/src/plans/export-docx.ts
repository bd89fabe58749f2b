/**
 * The plan as the commune issues it: a Nghị định 30/2020 document (see
 * documents/official.ts) with sections I-V from the plan's fields, the
 * recipients and signature, and the landscape appendix of tasks.
 */
import { type Block, buildOfficialDocument, numberLine } from '../documents/official.ts';
import { referenceDate } from '../documents/words.ts';

export interface PlanExportData {
  commune: { name: string; kind: 'xa' | 'phuong' | 'dac_khu' };
  plan: {
    number: string;
    title: string;
    issuedPlace: string;
    issuedOn: string | null;
    legalBases: string[];
    purpose: string;
    requirements: string;
    objectives: string;
    content: string;
    funding: string;
    organization: string;
    /** V. Tổ chức thực hiện, each unit's (or group's) role as the plan words it. */
    roles: Array<{ heading: string; text: string }>;
    targets: Array<{ year: number; level: number }>;
    periodFrom: number;
    periodTo: number | null;
    signerTitle: string;
    signerName: string;
    recipients: string[];
  };
  /** Active tasks in appendix order. */
  tasks: Array<{
    number: number;
    content: string;
    scheduleText: string;
    leadUnit: string;
    coordinatingText: string;
    coordinatingUnits: string[];
  }>;
}

const KIND_WORD = { xa: 'xã', phuong: 'phường', dac_khu: 'đặc khu' } as const;

const lowerFirst = (s: string) => s.charAt(0).toLocaleLowerCase('vi-VN') + s.slice(1);
const upperFirst = (s: string) => s.charAt(0).toLocaleUpperCase('vi-VN') + s.slice(1);

/** "Kế hoạch triển khai …" → "Triển khai …", the subject under "KẾ HOẠCH". */
export function planSubject(title: string): string {
  const rest = title.trim().replace(/^kế hoạch\s+/iu, '');
  return upperFirst(rest);
}

/** The plan's title as it reads inside a sentence: "Kế hoạch triển khai …". */
function titleInSentence(title: string): string {
  const t = title.trim();
  return /^kế hoạch\s/iu.test(t)
    ? `Kế hoạch ${t.replace(/^kế hoạch\s+/iu, '')}`
    : `Kế hoạch ${lowerFirst(t)}`;
}

/**
 * Free text of a field, one paragraph per line. A numbered line without end
 * punctuation ("1. Công tác thông tin, tuyên truyền") is a sub-heading; a line
 * wholly in brackets ("(Có Phụ lục chi tiết kèm theo)") is italic.
 */
export function blocksFromText(text: string): Block[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0)
    .map((line): Block => {
      if (/^([IVX]+|\d+)\.\s/.test(line) && !/[.;:,!?]$/.test(line) && line.length <= 200)
        return { kind: 'heading', text: line };
      if (/^\(.*\)$/.test(line)) return { kind: 'paragraph', text: line, italic: true };
      return { kind: 'paragraph', text: line };
    });
}

/** "Căn cứ …;" for each legal basis, the last ending with a full stop. */
function legalBasisBlocks(bases: string[]): Block[] {
  const lines = bases.map((b) => b.trim().replace(/[;.,]+$/, '')).filter(Boolean);
  return lines.map((b, i) => ({
    kind: 'paragraph',
    text: `${/^căn cứ\s/iu.test(b) ? upperFirst(b) : `Căn cứ ${b}`}${i === lines.length - 1 ? '.' : ';'}`,
  }));
}

/**
 * V. Tổ chức thực hiện: each role as a numbered heading ("2. Phòng Văn hóa - Xã hội") and its
 * duties; the free text of the section, when there is one, comes after them (the closing words).
 */
function organizationBlocks(data: PlanExportData): Block[] {
  const roles = data.plan.roles.filter((r) => r.heading.trim());
  if (roles.length > 0)
    return [
      ...roles.flatMap((r, i): Block[] => [
        { kind: 'heading', text: `${i + 1}. ${r.heading.trim().replace(/^\d+\.\s*/, '')}` },
        ...blocksFromText(r.text).map(
          (b): Block => (b.kind === 'heading' ? { kind: 'paragraph', text: b.text } : b),
        ),
      ]),
      ...blocksFromText(data.plan.organization),
    ];
  if (data.plan.organization.trim()) return blocksFromText(data.plan.organization);
  // no text yet: say who leads which tasks of the appendix, from the tasks themselves
  const byLead = new Map<string, number[]>();
  for (const task of data.tasks)
    byLead.set(task.leadUnit, [...(byLead.get(task.leadUnit) ?? []), task.number]);
  const blocks: Block[] = [];
  let n = 0;
  for (const [unit, numbers] of byLead) {
    n++;
    blocks.push({
      kind: 'paragraph',
      text: `${n}. ${unit} chủ trì thực hiện ${numbers.length > 1 ? 'các nhiệm vụ số' : 'nhiệm vụ số'} ${numbers.join(', ')} tại Phụ lục kèm theo Kế hoạch này.`,
    });
  }
  blocks.push({
    kind: 'paragraph',
    text: `${n + 1}. Các cơ quan, đơn vị được giao phối hợp có trách nhiệm phối hợp chặt chẽ với cơ quan chủ trì trong quá trình thực hiện.`,
  });
  return blocks;
}

function objectiveBlocks(data: PlanExportData): Block[] {
  if (data.plan.objectives.trim()) return blocksFromText(data.plan.objectives);
  return data.plan.targets.map((t, i) => ({
    kind: 'paragraph',
    text: `${i + 1}. Năm ${t.year}, phấn đấu đạt chuẩn “Chính quyền thân thiện” mức độ ${t.level}.`,
  }));
}

export function planBody(data: PlanExportData): Block[] {
  const { plan } = data;
  const kind = KIND_WORD[data.commune.kind];
  const section = (heading: string, blocks: Block[]): Block[] =>
    blocks.length ? [{ kind: 'heading', text: heading }, ...blocks] : [];
  return [
    ...legalBasisBlocks(plan.legalBases),
    {
      kind: 'paragraph',
      text: `Ủy ban nhân dân ${kind} xây dựng ${titleInSentence(plan.title)}, cụ thể như sau:`,
    },
    ...section('I. MỤC ĐÍCH, YÊU CẦU', [
      ...(plan.purpose.trim() ? [{ kind: 'heading', text: '1. Mục đích' } as Block] : []),
      ...blocksFromText(plan.purpose),
      ...(plan.requirements.trim()
        ? [{ kind: 'heading', text: `${plan.purpose.trim() ? 2 : 1}. Yêu cầu` } as Block]
        : []),
      ...blocksFromText(plan.requirements),
    ]),
    ...section('II. MỤC TIÊU', objectiveBlocks(data)),
    ...section(
      'III. NỘI DUNG',
      plan.content.trim()
        ? blocksFromText(plan.content)
        : [{ kind: 'paragraph', text: 'Các nhiệm vụ cụ thể tại Phụ lục kèm theo Kế hoạch này.' }],
    ),
    ...section('IV. KINH PHÍ THỰC HIỆN', blocksFromText(plan.funding)),
    ...section('V. TỔ CHỨC THỰC HIỆN', organizationBlocks(data)),
    {
      kind: 'paragraph',
      text: `Trên đây là ${titleInSentence(plan.title)}. Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, các cơ quan, đơn vị phản ánh về Ủy ban nhân dân ${kind} để xem xét, giải quyết./.`,
    },
  ];
}

/** Lines above the signer's name: on behalf of the committee, then the title (KT. for a deputy). */
export function signatureLines(signerTitle: string): string[] {
  const title = signerTitle.trim().toLocaleUpperCase('vi-VN') || 'CHỦ TỊCH';
  return title.startsWith('PHÓ CHỦ TỊCH')
    ? ['TM. ỦY BAN NHÂN DÂN', 'KT. CHỦ TỊCH', title]
    : ['TM. ỦY BAN NHÂN DÂN', title];
}

export const PLAN_SYMBOL = 'KH-UBND';

export async function planDocx(data: PlanExportData, options: { draft?: boolean } = {}): Promise<Buffer> {
  const { plan, commune } = data;
  const place = plan.issuedPlace.trim() || commune.name.replace(/^(xã|phường|đặc khu)\s+/iu, '');
  const number = numberLine(plan.number, PLAN_SYMBOL).replace(/^Số:\s?/, '');
  return buildOfficialDocument({
    issuer: ['Ủy ban nhân dân', commune.name],
    number: plan.number,
    symbol: PLAN_SYMBOL,
    place,
    date: plan.issuedOn,
    year: plan.periodFrom,
    type: 'Kế hoạch',
    subject: planSubject(plan.title),
    body: planBody(data),
    recipients: plan.recipients,
    signature: { lines: signatureLines(plan.signerTitle), name: plan.signerName },
    draft: options.draft,
    appendices: [
      {
        title: 'Phụ lục nhiệm vụ cụ thể',
        subtitle: planSubject(plan.title),
        note: `(Kèm theo Kế hoạch số ${number} ngày ${referenceDate(plan.issuedOn, plan.periodFrom)} của Ủy ban nhân dân ${lowerFirst(commune.name)})`,
        landscape: true,
        table: {
          columns: [
            { header: 'STT', width: 6, align: 'center' },
            { header: 'Nhiệm vụ cụ thể', width: 46 },
            { header: 'Thời gian thực hiện', width: 14, align: 'center' },
            { header: 'Cơ quan chủ trì', width: 14, align: 'center' },
            { header: 'Cơ quan phối hợp', width: 20, align: 'left' },
          ],
          rows: data.tasks.map((t) => [
            String(t.number),
            t.content,
            t.scheduleText,
            t.leadUnit,
            t.coordinatingText.trim() || t.coordinatingUnits.join('; '),
          ]),
        },
      },
    ],
  });
}

/** "Kế hoạch 25-KH-UBND Xã Bình Giang.docx", safe for every system once in filename*. */
export function planFileName(data: PlanExportData, extension: string): string {
  const number = data.plan.number.trim().replace(/[/\\]/g, '-');
  const period = `${data.plan.periodFrom}-${data.plan.periodTo ?? ''}`.replace(/-$/, '');
  return `Kế hoạch ${number ? `${number} ` : ''}${data.commune.name} ${period}.${extension}`;
}
