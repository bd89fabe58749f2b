import { work as c } from '@cqtt/contract/work';
import type { Capability } from '../capability.ts';
import { implement } from '../http/route.ts';
import { workList } from './work-list.ts';

/** Work: what waits for the signed-in user, across the capabilities, for the console's home. */
export const work: Capability = {
  name: 'work',
  routes: [implement(c.mine, { handler: ({ ctx }) => workList(ctx) })],
};
