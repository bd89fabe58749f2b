import { audit as c } from '@cqtt/contract/audit';
import type { Capability } from '../capability.ts';
import { implement } from '../http/route.ts';
import { listAudit } from './list-audit.ts';

/** Audit: the log of every change, read by those who hold audit.read (service.ts writes it). */
export const audit: Capability = {
  name: 'audit',
  routes: [implement(c.list, { handler: ({ ctx, query }) => listAudit(ctx, query) })],
  permissions: ['audit.read'],
};
