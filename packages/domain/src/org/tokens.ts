import { PERMISSIONS, type Permission } from './permissions.ts';
import { ROLE_LABELS, type Role } from './roles.ts';

/**
 * Roles that decide: the leader approves and signs, the supervisors (MTTQ, Ban XDĐ) review and
 * adjust scores, Sở Nội vụ recognises a commune's level. Nobody grants one of them to himself.
 */
export const DECIDING_ROLES: readonly Role[] = ['leader', 'supervisor', 'party', 'city'];

export function isDecidingRole(role: string): boolean {
  return (DECIDING_ROLES as readonly string[]).includes(role);
}

/**
 * A decision: a permission held only by deciding roles (approve, review, appraise, decide).
 * Derived from the table, so a permission added later is classed by itself.
 */
export function isDecision(permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly string[]).every((role) => isDecidingRole(role));
}

/** Managing accounts and tokens: never through a token (an admin token cannot mint more). */
export const ACCOUNT_PERMISSIONS: readonly Permission[] = ['users.manage', 'tokens.manage'];

/** Permissions that only decide what one reads: the scope 'read' covers them. */
export const READ_PERMISSIONS: readonly Permission[] = [
  'audit.read',
  'city.view',
  'feedback.read',
  'reports.read',
  'satisfaction.view_all',
];

/**
 * What an API token may be given: `read` (every GET its owner may make) and the named
 * capabilities of writes (a permission of the table), except managing accounts and tokens and
 * the decisions, which a person makes in a signed-in session.
 */
export const TOKEN_SCOPES: readonly string[] = [
  'read',
  ...(Object.keys(PERMISSIONS) as Permission[]).filter(
    (p) => !ACCOUNT_PERMISSIONS.includes(p) && !READ_PERMISSIONS.includes(p) && !isDecision(p),
  ),
];

export function isTokenScope(scope: string): boolean {
  return TOKEN_SCOPES.includes(scope);
}

/** A token lives at most a year; 90 days unless its issuer chooses. */
export const TOKEN_MAX_DAYS = 365;
export const TOKEN_DEFAULT_DAYS = 90;

/**
 * Roles a service account (an integration such as the one-stop system) may hold: a commune's
 * working roles, never the administrator's nor a deciding one (it acts only through tokens,
 * which decide nothing).
 */
export const SERVICE_ACCOUNT_ROLES: readonly Role[] = ['coordinator', 'focal', 'village'];

/**
 * Checks a change of roles made by `actorId` to the account `targetId`: a deciding role is
 * never added by its holder to himself. Returns a Vietnamese sentence, or null when allowed.
 */
export function selfGrantProblem(
  actorId: string,
  targetId: string,
  before: readonly string[],
  after: readonly string[],
): string | null {
  if (actorId !== targetId) return null;
  const added = after.filter((r) => !before.includes(r) && isDecidingRole(r));
  if (added.length === 0) return null;
  const names = added.map((r) => `«${ROLE_LABELS[r as Role] ?? r}»`).join(', ');
  return `Bạn không thể tự cấp cho mình vai trò ${names}: vai trò quyết định phải do một quản trị viên khác cấp.`;
}

/** Checks the roles of a service account; a Vietnamese sentence, or null when allowed. */
export function serviceAccountRolesProblem(roles: readonly string[]): string | null {
  const wrong = roles.filter((r) => !(SERVICE_ACCOUNT_ROLES as readonly string[]).includes(r));
  if (wrong.length === 0) return null;
  const names = wrong.map((r) => `«${ROLE_LABELS[r as Role] ?? r}»`).join(', ');
  return `Tài khoản dịch vụ không được có vai trò ${names}: chỉ đầu mối tổng hợp, đầu mối đơn vị hoặc trưởng thôn.`;
}
