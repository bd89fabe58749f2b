import type { RegisterTable } from '../register/table.ts';

/** The register of supervision and social critique as the kit reads it. */
export const supervisionTable: RegisterTable<'supervision_entries'> = {
  table: 'supervision_entries',
  noun: 'Mục giám sát, phản biện',
  year: { column: 'year', kind: 'year' },
  filters: { kind: 'kind', body: 'body', unitId: 'unit_id', answered: 'answered' },
  search: ['subject', 'findings', 'recommendations', 'answer'],
  order: [
    ['held_on', 'desc'],
    ['created_at', 'desc'],
  ],
};
