import type { Role } from './roles.ts';

/** What a user may do, named as the action a civil servant would recognise. */
export const PERMISSIONS = {
  /** Add or edit the commune's units and villages. */
  'org.manage': ['admin', 'coordinator'],
  /** Create users, change their roles, reset passwords. */
  'users.manage': ['admin'],
  /** Issue and revoke API tokens for integrations. */
  'tokens.manage': ['admin'],
  /** Read the audit log. */
  'audit.read': ['admin'],
  /** Write and edit the commune's plans and their tasks. */
  'plans.manage': ['admin', 'coordinator'],
  /** Answer the difficulties units report against tasks. */
  'plans.answer_difficulties': ['coordinator', 'leader'],
  /** See the feedback queue (a unit's focal point sees its own items; supervisors and the city without personal data). */
  'feedback.read': ['admin', 'coordinator', 'leader', 'supervisor', 'focal', 'city'],
  /** Triage citizens' feedback: accept, reject, merge, route out complaints, assign to a unit; categories and holidays. */
  'feedback.triage': ['admin', 'coordinator'],
  /** Draft the answer to an item assigned to one's unit (the coordinator to any). */
  'feedback.answer': ['coordinator', 'focal'],
  /** Approve an answer, send it back, publish it. */
  'feedback.approve': ['leader'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(roles: readonly string[], permission: Permission): boolean {
  const allowed: readonly string[] = PERMISSIONS[permission];
  return roles.some((role) => allowed.includes(role));
}
