import { budgetMeasures } from '../budget/measures.ts';
import { criteriaMeasures } from '../criteria/measures.ts';
import { feedbackMeasures } from '../feedback/measures.ts';
import { outreachMeasures } from '../outreach/measures.ts';
import { planMeasures } from '../plans/measures.ts';
import { rewardMeasures } from '../rewards/measures.ts';
import { satisfactionMeasures } from '../satisfaction/measures.ts';
import { villageMeasures } from '../village-assessments/measures.ts';
import type { MeasureDefinition } from './registry.ts';

/**
 * Every measured figure cqtt offers to the criteria capability. A capability adds its
 * own list here (e.g. `...planMeasures` from `../plans/measures.ts`); keys must be unique.
 */
export const MEASURES: readonly MeasureDefinition[] = [
  ...criteriaMeasures,
  ...planMeasures,
  ...satisfactionMeasures,
  ...feedbackMeasures,
  ...budgetMeasures,
  ...outreachMeasures,
  ...villageMeasures,
  ...rewardMeasures,
];

export function findMeasure(key: string): MeasureDefinition | undefined {
  return MEASURES.find((m) => m.key === key);
}
