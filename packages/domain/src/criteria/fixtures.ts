import type { CriteriaSetInput } from './set.ts';

/** A small set used by the tests: two groups, 20 points, four levels. */
export function smallSet(): CriteriaSetInput {
  return {
    code: 'THU',
    name: 'Bộ tiêu chí thử',
    issuedBy: 'UBND thành phố',
    decision: '1/QĐ-UBND',
    effectiveFrom: '2026-01-01',
    groups: [
      {
        code: 'A',
        name: 'Nhóm A',
        criteria: [
          {
            code: 'A1',
            name: 'Tiêu chí A1',
            maxPoints: 6,
            passPoints: 4.5,
            responsibleUnit: 'VHXH',
            evidence: 'Kế hoạch',
            guidance: '',
            indicators: [
              { code: 'A1.1', name: 'Chỉ tiêu A1.1', maxPoints: 3.5 },
              { code: 'A1.2', name: 'Chỉ tiêu A1.2', maxPoints: 2.5, measure: 'plans.tasksOnTimeShare' },
            ],
          },
          {
            code: 'A2',
            name: 'Tiêu chí A2',
            maxPoints: 4,
            indicators: [{ code: 'A2.1', name: 'Chỉ tiêu A2.1', maxPoints: 4 }],
          },
        ],
      },
      {
        code: 'B',
        name: 'Nhóm B',
        criteria: [
          {
            code: 'B1',
            name: 'Tiêu chí B1',
            maxPoints: 10,
            passPoints: 5,
            indicators: [
              { code: 'B1.1', name: 'Chỉ tiêu B1.1', maxPoints: 5 },
              { code: 'B1.2', name: 'Chỉ tiêu B1.2', maxPoints: 5, measure: 'criteria.registrationOnTime' },
            ],
          },
        ],
      },
    ],
    levels: [
      { level: 1, minTotal: 10 },
      { level: 2, minTotal: 12, mandatory: ['A1'] },
      { level: 3, minTotal: 15, mandatory: ['A1', 'B1'], minGroupShare: 0.7 },
      { level: 4, minTotal: 18, minGroupShare: 0.9, minIndex: { 'plans.tasksOnTimeShare': 0.9 } },
    ],
  };
}

export const MEASURE_KEYS = ['plans.tasksOnTimeShare', 'criteria.registrationOnTime'];
