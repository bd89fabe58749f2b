import { describe, expect, it } from 'vitest';
import {
  answersProblems,
  elementOfQuestion,
  questionnaireProblems,
  SIPAS_QUESTIONNAIRE,
} from './questionnaire.ts';

describe('questionnaire definitions', () => {
  it('the demo SIPAS questionnaire has the five elements and is valid', () => {
    expect(questionnaireProblems(SIPAS_QUESTIONNAIRE)).toEqual([]);
    expect(SIPAS_QUESTIONNAIRE.elements).toHaveLength(5);
  });

  it('refuses empty, malformed and repeated keys with their paths', () => {
    const problems = questionnaireProblems({
      title: ' ',
      elements: [
        { key: 'A', name: '', questions: [] },
        {
          key: 'b',
          name: 'B',
          questions: [
            { key: 'q1', text: 'x' },
            { key: 'q1', text: '' },
          ],
        },
        { key: 'b', name: 'B2', questions: [{ key: '1q', text: 'y' }] },
      ],
    });
    expect(problems.map((p) => p.path)).toEqual([
      'title',
      'elements.0.key',
      'elements.0.name',
      'elements.0.questions',
      'elements.1.questions.1.key',
      'elements.1.questions.1.text',
      'elements.2.key',
      'elements.2.questions.0.key',
    ]);
  });

  it('a questionnaire needs an element', () => {
    expect(questionnaireProblems({ title: 'T', elements: [] })).toEqual([
      { path: 'elements', message: 'Phiếu khảo sát phải có ít nhất một yếu tố.' },
    ]);
  });

  it('a key is unique across elements too', () => {
    const problems = questionnaireProblems({
      title: 'T',
      elements: [
        { key: 'a', name: 'A', questions: [{ key: 'q', text: 'x' }] },
        { key: 'b', name: 'B', questions: [{ key: 'q', text: 'y' }] },
      ],
    });
    expect(problems).toEqual([{ path: 'elements.1.questions.0.key', message: 'Mã câu hỏi «q» bị trùng.' }]);
  });
});

describe("a citizen's answers", () => {
  it('accepts some questions answered 1..5', () => {
    expect(answersProblems(SIPAS_QUESTIONNAIRE, { tiep_can_1: 1, gop_y_2: 5 })).toEqual([]);
  });
  it('needs at least one answer', () => {
    expect(answersProblems(SIPAS_QUESTIONNAIRE, {})).toEqual([
      { path: 'answers', message: 'Vui lòng trả lời ít nhất một câu hỏi.' },
    ]);
  });
  it('refuses unknown keys and scores outside 1..5 or not whole', () => {
    const p = answersProblems(SIPAS_QUESTIONNAIRE, {
      nope: 3,
      tiep_can_1: 0,
      tiep_can_2: 6,
      thu_tuc_1: 4.5,
      thu_tuc_2: '4',
    });
    expect(p.map((x) => x.path)).toEqual([
      'answers.nope',
      'answers.tiep_can_1',
      'answers.tiep_can_2',
      'answers.thu_tuc_1',
      'answers.thu_tuc_2',
    ]);
    expect(p[0]!.message).toBe('Câu hỏi «nope» không có trong phiếu khảo sát.');
    expect(p[1]!.message).toBe('Mức đánh giá phải là số nguyên từ 1 đến 5.');
  });
  it('maps questions to their element', () => {
    const m = elementOfQuestion(SIPAS_QUESTIONNAIRE);
    expect(m.get('cong_chuc_2')).toBe('cong_chuc');
    expect(m.size).toBe(10);
  });
});
