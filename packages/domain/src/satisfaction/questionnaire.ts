import type { Problem } from '../problem.ts';
import { isScore } from './indices.ts';

/** A questionnaire version: elements of questions, each answered on the 1..5 scale. */
export interface QuestionnaireDefinition {
  title: string;
  elements: {
    key: string;
    name: string;
    questions: { key: string; text: string }[];
  }[];
}

const KEY = /^[a-z][a-z0-9_]{0,39}$/;

/** Problems of a questionnaire an admin saves: keys well formed and unique, nothing empty. */
export function questionnaireProblems(q: QuestionnaireDefinition): Problem[] {
  const problems: Problem[] = [];
  if (!q.title.trim()) problems.push({ path: 'title', message: 'Phiếu khảo sát phải có tên.' });
  if (q.elements.length === 0) {
    problems.push({ path: 'elements', message: 'Phiếu khảo sát phải có ít nhất một yếu tố.' });
  }
  const elementKeys = new Set<string>();
  const questionKeys = new Set<string>();
  q.elements.forEach((element, e) => {
    if (!KEY.test(element.key)) {
      problems.push({
        path: `elements.${e}.key`,
        message: 'Mã yếu tố chỉ gồm chữ thường không dấu, số và dấu gạch dưới, bắt đầu bằng chữ.',
      });
    } else if (elementKeys.has(element.key)) {
      problems.push({ path: `elements.${e}.key`, message: `Mã yếu tố «${element.key}» bị trùng.` });
    }
    elementKeys.add(element.key);
    if (!element.name.trim()) problems.push({ path: `elements.${e}.name`, message: 'Yếu tố phải có tên.' });
    if (element.questions.length === 0) {
      problems.push({ path: `elements.${e}.questions`, message: 'Mỗi yếu tố phải có ít nhất một câu hỏi.' });
    }
    element.questions.forEach((question, i) => {
      const path = `elements.${e}.questions.${i}`;
      if (!KEY.test(question.key)) {
        problems.push({
          path: `${path}.key`,
          message: 'Mã câu hỏi chỉ gồm chữ thường không dấu, số và dấu gạch dưới, bắt đầu bằng chữ.',
        });
      } else if (questionKeys.has(question.key)) {
        problems.push({ path: `${path}.key`, message: `Mã câu hỏi «${question.key}» bị trùng.` });
      }
      questionKeys.add(question.key);
      if (!question.text.trim())
        problems.push({ path: `${path}.text`, message: 'Câu hỏi phải có nội dung.' });
    });
  });
  return problems;
}

/**
 * Problems of a citizen's answers: at least one answer, every key a question of this
 * version, every score a whole number 1..5. Unanswered questions are allowed.
 */
export function answersProblems(
  q: Pick<QuestionnaireDefinition, 'elements'>,
  answers: Record<string, unknown>,
): Problem[] {
  const known = new Set(q.elements.flatMap((e) => e.questions.map((x) => x.key)));
  const problems: Problem[] = [];
  const entries = Object.entries(answers);
  if (entries.length === 0) {
    problems.push({ path: 'answers', message: 'Vui lòng trả lời ít nhất một câu hỏi.' });
  }
  for (const [key, score] of entries) {
    if (!known.has(key)) {
      problems.push({ path: `answers.${key}`, message: `Câu hỏi «${key}» không có trong phiếu khảo sát.` });
    } else if (!isScore(score)) {
      problems.push({ path: `answers.${key}`, message: 'Mức đánh giá phải là số nguyên từ 1 đến 5.' });
    }
  }
  return problems;
}

/** The element each question key belongs to. */
export function elementOfQuestion(q: Pick<QuestionnaireDefinition, 'elements'>): Map<string, string> {
  const out = new Map<string, string>();
  for (const e of q.elements) for (const x of e.questions) out.set(x.key, e.key);
  return out;
}

/** The demo's questionnaire: the five SIPAS elements (Bộ Nội vụ), in plain Vietnamese. */
export const SIPAS_QUESTIONNAIRE: QuestionnaireDefinition = {
  title: 'Phiếu khảo sát sự hài lòng của người dân (5 yếu tố SIPAS)',
  elements: [
    {
      key: 'tiep_can',
      name: 'Tiếp cận dịch vụ',
      questions: [
        { key: 'tiep_can_1', text: 'Nơi tiếp nhận hồ sơ dễ tìm, có chỗ ngồi chờ và trang thiết bị đầy đủ' },
        { key: 'tiep_can_2', text: 'Thông tin về thủ tục được niêm yết công khai, dễ tra cứu' },
      ],
    },
    {
      key: 'thu_tuc',
      name: 'Thủ tục hành chính',
      questions: [
        { key: 'thu_tuc_1', text: 'Thành phần hồ sơ và phí, lệ phí đúng như quy định được niêm yết' },
        { key: 'thu_tuc_2', text: 'Thời hạn giải quyết đúng như quy định' },
      ],
    },
    {
      key: 'cong_chuc',
      name: 'Công chức trực tiếp giải quyết',
      questions: [
        { key: 'cong_chuc_1', text: 'Công chức có thái độ lịch sự, tôn trọng, nhiệt tình' },
        { key: 'cong_chuc_2', text: 'Công chức hướng dẫn đầy đủ, dễ hiểu, một lần là đủ' },
      ],
    },
    {
      key: 'ket_qua',
      name: 'Kết quả giải quyết',
      questions: [
        { key: 'ket_qua_1', text: 'Kết quả đúng quy định, thông tin chính xác' },
        { key: 'ket_qua_2', text: 'Nhận kết quả đúng hẹn' },
      ],
    },
    {
      key: 'gop_y',
      name: 'Tiếp nhận, xử lý góp ý, phản ánh, kiến nghị',
      questions: [
        { key: 'gop_y_1', text: 'Có hình thức tiếp nhận góp ý, phản ánh thuận tiện' },
        { key: 'gop_y_2', text: 'Góp ý, phản ánh được tiếp nhận, xử lý và trả lời kịp thời' },
      ],
    },
  ],
};
