import { can as domainCan, type Permission } from '@cqtt/domain/org/permissions';
import type { Me } from '../api/types';

/**
 * What a user may do in the console. The rules are the domain's (the server checks the
 * same table again); 'org.view' is every signed-in user.
 */
export type Capability = 'org.view' | Permission;

export function hasRole(me: Me, ...roles: string[]): boolean {
  return me.user.roles.some((r) => roles.includes(r));
}

export function can(me: Me, capability: Capability): boolean {
  return capability === 'org.view' ? true : domainCan(me.user.roles, capability);
}

/** A city-level account (Sở Nội vụ, city administrator) belongs to no commune and sees all of the city. */
export function isCityLevel(me: Me): boolean {
  return me.commune === null;
}
