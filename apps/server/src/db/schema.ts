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

export interface PlansTable {
  commune_id: string;
  id: Generated<string>;
  number: Generated<string>;
  title: string;
  issued_place: Generated<string>;
  issued_on: string | null;
  legal_bases: Generated<string[]>;
  purpose: Generated<string>;
  requirements: Generated<string>;
  objectives: Generated<string>;
  content: Generated<string>;
  funding: Generated<string>;
  organization: Generated<string>;
  targets: ColumnType<Array<{ year: number; level: number }>, string | undefined, string>;
  period_from: number;
  period_to: number | null;
  signer_title: Generated<string>;
  signer_name: Generated<string>;
  recipients: Generated<string[]>;
  created_by: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface PlanTasksTable {
  commune_id: string;
  id: Generated<string>;
  plan_id: string;
  number: number;
  content: string;
  schedule: ColumnType<import('@cqtt/domain').Schedule, string, string>;
  schedule_text: string;
  lead_unit_id: string;
  coordinating_unit_ids: Generated<string[]>;
  coordinating_text: Generated<string>;
  added_on: string;
  is_active: Generated<boolean>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface TaskYearsTable {
  commune_id: string;
  task_id: string;
  year: number;
  progress: Generated<number>;
  completed_on: string | null;
  completed_by: string | null;
  updated_at: Timestamp;
}

export interface FilesTable {
  commune_id: string;
  id: Generated<string>;
  name: string;
  mime: string;
  size: number;
  sha256: string;
  storage_key: string;
  created_by: string | null;
  created_at: CreatedAt;
}

export interface ProgressNotesTable {
  commune_id: string;
  id: Generated<string>;
  task_id: string;
  year: number;
  unit_id: string | null;
  author_id: string | null;
  note: string;
  progress: number | null;
  file_ids: Generated<string[]>;
  created_at: CreatedAt;
}

export interface DifficultiesTable {
  commune_id: string;
  id: Generated<string>;
  task_id: string;
  year: number;
  unit_id: string | null;
  author_id: string | null;
  content: string;
  answer: string | null;
  answered_by: string | null;
  answered_at: Date | null;
  created_at: CreatedAt;
}

export interface NotificationsTable {
  commune_id: string | null;
  id: Generated<string>;
  user_id: string;
  kind: string;
  title: string;
  body: Generated<string>;
  link: Generated<string>;
  created_at: CreatedAt;
  read_at: Date | null;
}

export interface RemindersSentTable {
  commune_id: string;
  task_id: string;
  year: number;
  key: string;
  sent_at: CreatedAt;
}

export interface MailOutboxTable {
  id: Generated<string>;
  commune_id: string | null;
  to_address: string;
  subject: string;
  body: string;
  created_at: CreatedAt;
  next_attempt_at: Timestamp;
  attempts: Generated<number>;
  last_error: string | null;
  sent_at: Date | null;
}

export interface CommuneSettingsTable {
  commune_id: string;
  reminder_offsets: Generated<number[]>;
  updated_at: Timestamp;
}

export interface RateLimitsTable {
  bucket: string;
  subject: string;
  window_start: Date | string;
  hits: number;
}

export interface BudgetEstimatesTable {
  commune_id: string;
  id: Generated<string>;
  year: number;
  unit_id: string | null;
  title: string;
  note: Generated<string>;
  status: Generated<'draft' | 'submitted' | 'approved'>;
  submitted_by: string | null;
  submitted_at: Date | null;
  decided_by: string | null;
  decided_at: Date | null;
  decision_note: Generated<string>;
  created_by: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface BudgetLinesTable {
  commune_id: string;
  id: Generated<string>;
  estimate_id: string;
  number: number;
  content: string;
  amount: number;
  source: 'commune' | 'city' | 'other';
  approved_amount: number | null;
  note: Generated<string>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface BudgetSpendingsTable {
  commune_id: string;
  id: Generated<string>;
  line_id: string;
  spent_on: string;
  amount: number;
  content: string;
  over_reason: string | null;
  file_ids: Generated<string[]>;
  created_by: string | null;
  created_at: CreatedAt;
}

export interface OutreachDocumentsTable {
  commune_id: string;
  id: Generated<string>;
  number: Generated<string>;
  issued_on: string | null;
  issuer: Generated<string>;
  title: string;
  summary: Generated<string>;
  file_id: string | null;
  created_by: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export type OutreachKindColumn =
  | 'conference'
  | 'loudspeaker'
  | 'website'
  | 'zalo'
  | 'facebook'
  | 'banner'
  | 'performance'
  | 'village_board';

export interface OutreachActivitiesTable {
  commune_id: string;
  id: Generated<string>;
  kind: OutreachKindColumn;
  title: string;
  held_on: string;
  place: Generated<string>;
  village_id: string | null;
  unit_id: string | null;
  audience: number | null;
  content: Generated<string>;
  document_ids: Generated<string[]>;
  file_ids: Generated<string[]>;
  links: Generated<string[]>;
  is_public: Generated<boolean>;
  created_by: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface GoodExamplesTable {
  commune_id: string;
  id: Generated<string>;
  kind: 'good' | 'shortcoming';
  year: number;
  subject: string;
  unit_id: string | null;
  village_id: string | null;
  title: string;
  content: Generated<string>;
  file_ids: Generated<string[]>;
  links: Generated<string[]>;
  created_by: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface VillageHeadsTable {
  commune_id: string;
  user_id: string;
  village_id: string;
}

export interface VillageAssessmentsTable {
  commune_id: string;
  id: Generated<string>;
  village_id: string;
  year: number;
  households: number;
  cultural_families: number;
  model_items: Generated<string[]>;
  propose_title: Generated<boolean>;
  note: Generated<string>;
  file_ids: Generated<string[]>;
  status: Generated<'draft' | 'submitted' | 'reviewed'>;
  title_achieved: boolean | null;
  review_note: Generated<string>;
  reviewed_by: string | null;
  reviewed_at: Date | null;
  created_by: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface RewardsTable {
  commune_id: string;
  id: Generated<string>;
  year: number;
  nominee_kind: 'individual' | 'collective';
  nominee_name: string;
  nominee_position: Generated<string>;
  unit_id: string | null;
  village_id: string | null;
  achievements: string;
  file_ids: Generated<string[]>;
  nominated_by: string | null;
  nominating_unit_id: string | null;
  status: Generated<'nominated' | 'awarded' | 'declined'>;
  mttq_comment: Generated<string>;
  commented_by: string | null;
  commented_at: Date | null;
  form: Generated<string>;
  decision_number: Generated<string>;
  decision_date: string | null;
  decision_note: Generated<string>;
  decided_by: string | null;
  decided_at: Date | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
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
  plans: PlansTable;
  plan_tasks: PlanTasksTable;
  task_years: TaskYearsTable;
  files: FilesTable;
  progress_notes: ProgressNotesTable;
  difficulties: DifficultiesTable;
  notifications: NotificationsTable;
  reminders_sent: RemindersSentTable;
  mail_outbox: MailOutboxTable;
  commune_settings: CommuneSettingsTable;
  rate_limits: RateLimitsTable;
  budget_estimates: BudgetEstimatesTable;
  budget_lines: BudgetLinesTable;
  budget_spendings: BudgetSpendingsTable;
  outreach_documents: OutreachDocumentsTable;
  outreach_activities: OutreachActivitiesTable;
  good_examples: GoodExamplesTable;
  village_heads: VillageHeadsTable;
  village_assessments: VillageAssessmentsTable;
  rewards: RewardsTable;
}

export type User = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;
export type Unit = Selectable<UnitsTable>;
export type Village = Selectable<VillagesTable>;
export type Commune = Selectable<CommunesTable>;
