/** Types of the cqtt HTTP API, as the contract describes them. Ids are uuid strings, dates ISO strings. */

export { COMMUNE_KINDS, type CommuneKind, ROLES, type Role } from '@cqtt/domain/org/roles';

export interface MeUser {
  id: string;
  username: string;
  fullName: string;
  email: string | null;
  phone: string | null;
  roles: string[];
  mustChangePassword: boolean;
}

export interface CommuneRef {
  id: string;
  code: string;
  name: string;
  kind: string;
  cityId: string;
}

export interface CityRef {
  id: string;
  code: string;
  name: string;
}

export interface UnitRef {
  id: string;
  code: string;
  name: string;
}

export interface Me {
  user: MeUser;
  commune: CommuneRef | null;
  city: CityRef;
  unit: UnitRef | null;
  csrfToken: string;
  /** The counter official this account is, if any (she sees her own satisfaction figures). */
  serviceOfficialId: string | null;
  /** Maintenance: figures can be read, nothing can be saved. */
  readOnly: boolean;
}

// The commune and its reference lists come from the contract (packages/contract/src/org.ts).
export type { CommuneDetail, CommuneSummary, Unit, Village } from '@cqtt/contract/org';

export interface UserRow {
  id: string;
  username: string;
  fullName: string;
  email: string | null;
  phone: string | null;
  communeId: string | null;
  unitId: string | null;
  unitName: string | null;
  /** A village head's village. */
  villageId: string | null;
  villageName: string | null;
  roles: string[];
  isActive: boolean;
  /** An integration's account: no password, acts only through its API tokens. */
  serviceAccount: boolean;
  lastLoginAt: string | null;
}

export interface Page<T> {
  items: T[];
  total: number;
}

export interface ApiToken {
  id: string;
  name: string;
  /** Whose token it is: its maker, or a service account. */
  userId: string;
  username: string;
  serviceAccount: boolean;
  /** Username of the administrator who issued it. */
  createdBy: string;
  /** 'read' and named capabilities (permissions). */
  scopes: string[];
  expiresAt: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
  /** 'manual', 'password_changed', 'password_reset', 'migration'. */
  revokedReason: string | null;
}

export interface IssuedToken {
  id: string;
  name: string;
  token: string;
  scopes: string[];
  expiresAt: string;
}
