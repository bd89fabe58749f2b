/**
 * Row types of the tables, mirroring migrations/*.sql. Kysely reads and writes
 * through these; a migration that changes a table changes this file with it.
 */
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Json = ColumnType<unknown, string | undefined | null, string | null>;

export interface CitiesTable {
  id: Generated<string>;
  code: string;
  name: string;
  created_at: CreatedAt;
}

export interface CommunesTable {
  id: Generated<string>;
  city_id: string;
  code: string;
  name: string;
  kind: 'xa' | 'phuong' | 'dac_khu';
  created_at: CreatedAt;
}

export interface UnitsTable {
  commune_id: string;
  id: Generated<string>;
  code: string;
  name: string;
  description: Generated<string>;
  is_active: Generated<boolean>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface VillagesTable {
  commune_id: string;
  id: Generated<string>;
  name: string;
  head_name: Generated<string>;
  households: number | null;
  is_active: Generated<boolean>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface UsersTable {
  id: Generated<string>;
  city_id: string;
  commune_id: string | null;
  unit_id: string | null;
  username: string;
  full_name: string;
  email: string | null;
  phone: string | null;
  password_hash: string;
  roles: string[];
  is_active: Generated<boolean>;
  is_demo: Generated<boolean>;
  must_change_password: Generated<boolean>;
  last_login_at: Date | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface SessionsTable {
  id_hash: string;
  user_id: string;
  csrf_token: string;
  ip: Generated<string>;
  user_agent: Generated<string>;
  created_at: CreatedAt;
  last_seen_at: Timestamp;
  expires_at: Date | string;
}

export interface LoginAttemptsTable {
  id: Generated<number>;
  username: string;
  ip: string;
  success: boolean;
  at: CreatedAt;
}

export interface ApiTokensTable {
  id: Generated<string>;
  user_id: string;
  name: string;
  token_hash: string;
  created_by: string;
  created_at: CreatedAt;
  last_used_at: Date | null;
  revoked_at: Date | null;
  revoked_by: string | null;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: CreatedAt;
  actor_id: string | null;
  actor_name: string;
  city_id: string | null;
  commune_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string;
  before: Json;
  after: Json;
  request_id: string | null;
  ip: string | null;
}

export interface SchemaMigrationsTable {
  version: string;
  applied_at: CreatedAt;
}

export interface DB {
  cities: CitiesTable;
  communes: CommunesTable;
  units: UnitsTable;
  villages: VillagesTable;
  users: UsersTable;
  sessions: SessionsTable;
  login_attempts: LoginAttemptsTable;
  api_tokens: ApiTokensTable;
  audit_log: AuditLogTable;
  schema_migrations: SchemaMigrationsTable;
}

export type User = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;
export type Unit = Selectable<UnitsTable>;
export type Village = Selectable<VillagesTable>;
export type Commune = Selectable<CommunesTable>;
