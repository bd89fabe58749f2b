import { budgetMeasures } from '../budget/measures.ts';
import { outreachMeasures } from '../outreach/measures.ts';
import { rewardMeasures } from '../rewards/measures.ts';
import { villageMeasures } from '../village-assessments/measures.ts';
import type { MeasureDefinition } from './registry.ts';

/**
 * Every measured figure cqtt offers to the criteria capability. A capability adds its
 * own list here (e.g. `...planMeasures` from `../plans/measures.ts`); keys must be unique.
 */
export const MEASURES: readonly MeasureDefinition[] = [
  ...budgetMeasures,
  ...outreachMeasures,
  ...villageMeasures,
  ...rewardMeasures,
];

export function findMeasure(key: string): MeasureDefinition | undefined {
  return MEASURES.find((m) => m.key === key);
}
