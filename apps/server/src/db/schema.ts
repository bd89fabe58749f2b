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
  targets: ColumnType<import('@cqtt/domain').StoredTarget[], string | undefined, string>;
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
  /** What fulfils the task (packages/domain plans/fulfilment.ts); null: completed by hand. */
  fulfilment: ColumnType<
    import('@cqtt/domain').FulfilmentKind | null,
    import('@cqtt/domain').FulfilmentKind | null | undefined,
    import('@cqtt/domain').FulfilmentKind | null
  >;
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
  override_state: ColumnType<
    'done' | 'open' | null,
    'done' | 'open' | null | undefined,
    'done' | 'open' | null
  >;
  override_on: ColumnType<string | null, string | null | undefined, string | null>;
  override_reason: ColumnType<string | null, string | null | undefined, string | null>;
  override_by: ColumnType<string | null, string | null | undefined, string | null>;
  override_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
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

export interface CriteriaSetsTable {
  city_id: string;
  id: Generated<string>;
  code: string;
  version: number;
  name: string;
  issued_by: Generated<string>;
  decision: Generated<string>;
  effective_from: string;
  definition: ColumnType<import('@cqtt/domain').CriteriaSet, string, string>;
  max_total: number;
  created_by: string | null;
  created_at: CreatedAt;
}

export interface LevelRegistrationsTable {
  commune_id: string;
  id: Generated<string>;
  year: number;
  target_level: number;
  justification: string;
  sent_at: Timestamp;
  sent_by: string | null;
  on_time: boolean;
}

export type AssessmentStatus =
  | 'self_scoring'
  | 'consolidated'
  | 'reviewed'
  | 'approved'
  | 'submitted'
  | 'recognised';

export interface AssessmentsTable {
  commune_id: string;
  id: Generated<string>;
  year: number;
  criteria_set_id: string;
  status: ColumnType<AssessmentStatus, AssessmentStatus | undefined, AssessmentStatus>;
  recognised_level: number | null;
  decision_number: string | null;
  decision_date: string | null;
  /** When it was sent to the city. */
  submitted_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  created_by: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface AssessmentEventsTable {
  commune_id: string;
  id: Generated<string>;
  assessment_id: string;
  action: string;
  status: string;
  actor_id: string | null;
  actor_name: string;
  note: Generated<string>;
  at: CreatedAt;
}

export interface AssessmentScoresTable {
  commune_id: string;
  assessment_id: string;
  indicator_code: string;
  self_points: number | null;
  self_note: Generated<string>;
  file_ids: Generated<string[]>;
  self_by: string | null;
  self_at: Date | string | null;
  measure_value: number | null;
  measure_figures: Json;
  proposed_points: number | null;
  review_points: number | null;
  review_reason: string | null;
  review_by: string | null;
  review_at: Date | string | null;
  city_points: number | null;
  city_reason: string | null;
  city_by: string | null;
  city_at: Date | string | null;
}

export interface ScoreChangesTable {
  commune_id: string;
  id: Generated<string>;
  assessment_id: string;
  indicator_code: string;
  stage: 'self' | 'review' | 'city';
  points: number;
  note: Generated<string>;
  actor_id: string | null;
  actor_name: string;
  at: CreatedAt;
}

export interface HolidaysTable {
  id: Generated<string>;
  city_id: string | null;
  commune_id: string | null;
  day: string;
  name: Generated<string>;
}

export interface FeedbackCategoriesTable {
  commune_id: string;
  id: Generated<string>;
  code: string;
  name: string;
  description: Generated<string>;
  deadline_days: number;
  sort_order: Generated<number>;
  is_active: Generated<boolean>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export type FeedbackKind = 'feedback' | 'difficulty';

export interface FeedbackItemsTable {
  commune_id: string;
  id: Generated<string>;
  kind: FeedbackKind;
  tracking_code: string | null;
  source: 'web' | 'open311' | 'unit';
  category_id: string | null;
  content: string;
  address: Generated<string>;
  /** numeric(9,6): read as a string, written as a number. */
  lat: ColumnType<string | number | null, number | null | undefined, number | null>;
  lng: ColumnType<string | number | null, number | null | undefined, number | null>;
  name: Generated<string>;
  phone: Generated<string>;
  email: Generated<string>;
  allow_publish: Generated<boolean>;
  status: string;
  received_on: string;
  deadline: string;
  unit_id: string | null;
  merged_into_id: string | null;
  decision_note: Generated<string>;
  answer: Generated<string>;
  answered_on: string | null;
  rating: 'satisfied' | 'unsatisfied' | null;
  rated_at: Date | null;
  difficulty_id: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface FeedbackEventsTable {
  commune_id: string;
  id: Generated<string>;
  item_id: string;
  action: string;
  status: string;
  note: Generated<string>;
  actor_id: string | null;
  at: Generated<Date>;
}

export interface FeedbackFilesTable {
  commune_id: string;
  item_id: string;
  file_id: string;
}

export interface FeedbackRemindersSentTable {
  commune_id: string;
  item_id: string;
  key: string;
  sent_at: Generated<Date>;
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

export interface DocumentsTable {
  commune_id: string;
  id: Generated<string>;
  kind: import('@cqtt/domain').DocumentKind;
  year: number;
  status: ColumnType<
    import('@cqtt/domain').DocumentStatus,
    import('@cqtt/domain').DocumentStatus | undefined,
    import('@cqtt/domain').DocumentStatus
  >;
  symbol: string;
  subject: string;
  record_id: string | null;
  sections: ColumnType<Record<string, string>, string | undefined, string>;
  recipients: Generated<string[]>;
  replaces_id: string | null;
  register_year: number | null;
  number: number | null;
  issued_on: ColumnType<string | null, string | null | undefined, string | null>;
  signer_name: string | null;
  signer_title: string | null;
  file_id: string | null;
  sha256: string | null;
  issued_by: string | null;
  issued_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  created_by: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface DocumentCountersTable {
  commune_id: string;
  register_year: number;
  symbol: string;
  last_number: number;
}

export interface OfficialIndicesTable {
  city_id: string;
  commune_id: string;
  id: Generated<string>;
  year: number;
  index_kind: 'sipas' | 'par_index';
  /** Percent in hundredths: 83.94% = 8394. */
  value: number;
  rank: number | null;
  decision: string;
  decision_date: ColumnType<string | null, string | null | undefined, string | null>;
  note: Generated<string>;
  entered_by: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface DB {
  documents: DocumentsTable;
  document_counters: DocumentCountersTable;
  official_indices: OfficialIndicesTable;
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
  criteria_sets: CriteriaSetsTable;
  level_registrations: LevelRegistrationsTable;
  assessments: AssessmentsTable;
  assessment_events: AssessmentEventsTable;
  assessment_scores: AssessmentScoresTable;
  score_changes: ScoreChangesTable;
  service_counters: ServiceCountersTable;
  service_officials: ServiceOfficialsTable;
  procedures: ProceduresTable;
  questionnaires: QuestionnairesTable;
  ratings: RatingsTable;
  rating_days: RatingDaysTable;
  rating_seals: RatingSealsTable;
  survey_responses: SurveyResponsesTable;
  survey_answers: SurveyAnswersTable;
  dossiers: DossiersTable;
  holidays: HolidaysTable;
  feedback_categories: FeedbackCategoriesTable;
  feedback_items: FeedbackItemsTable;
  feedback_events: FeedbackEventsTable;
  feedback_files: FeedbackFilesTable;
  feedback_reminders_sent: FeedbackRemindersSentTable;
}

export type User = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;
export type Unit = Selectable<UnitsTable>;
export type Village = Selectable<VillagesTable>;
export type Commune = Selectable<CommunesTable>;

export interface ServiceCountersTable {
  commune_id: string;
  id: Generated<string>;
  number: number;
  name: string;
  is_active: Generated<boolean>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface ServiceOfficialsTable {
  commune_id: string;
  id: Generated<string>;
  full_name: string;
  title: Generated<string>;
  user_id: string | null;
  counter_id: string | null;
  is_active: Generated<boolean>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface ProceduresTable {
  commune_id: string;
  id: Generated<string>;
  code: string;
  name: string;
  field: Generated<string>;
  is_active: Generated<boolean>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface QuestionnairesTable {
  commune_id: string;
  id: Generated<string>;
  version: number;
  title: string;
  elements: ColumnType<import('@cqtt/domain').QuestionnaireDefinition['elements'], string, string>;
  is_active: Generated<boolean>;
  created_by: string | null;
  created_at: CreatedAt;
}

export interface RatingsTable {
  commune_id: string;
  id: Generated<string>;
  client_id: string;
  counter_id: string | null;
  official_id: string | null;
  procedure_code: string | null;
  dossier_code: string | null;
  score: number;
  conduct_done: Generated<string[]>;
  conduct_breaches: Generated<string[]>;
  comment: Generated<string>;
  channel: 'qr' | 'kiosk' | 'web';
  created_at: CreatedAt;
  rated_on: ColumnType<string, string, string>;
  hidden_at: Date | null;
  hidden_by: string | null;
  hidden_reason: string | null;
  answer: string | null;
  answered_by: string | null;
  answered_at: Date | null;
}

export interface RatingDaysTable {
  commune_id: string;
  rated_on: ColumnType<string, string, string>;
  score: number;
  with_dossier: boolean;
  n: number;
}

export interface RatingSealsTable {
  commune_id: string;
  sealed_through: ColumnType<string, string, string>;
}

export interface SurveyResponsesTable {
  commune_id: string;
  id: Generated<string>;
  questionnaire_id: string;
  client_id: string;
  dossier_code: string | null;
  answers: ColumnType<Record<string, number>, string, string>;
  created_at: CreatedAt;
  responded_on: ColumnType<string, string, string>;
  hidden_at: Date | null;
  hidden_by: string | null;
  hidden_reason: string | null;
}

export interface SurveyAnswersTable {
  commune_id: string;
  response_id: string;
  element_key: string;
  question_key: string;
  score: number;
  responded_on: ColumnType<string, string, string>;
}

export interface DossiersTable {
  commune_id: string;
  id: Generated<string>;
  code: string;
  procedure_code: Generated<string>;
  received_on: ColumnType<string | null, string | null, string | null>;
  due_on: ColumnType<string | null, string | null, string | null>;
  returned_on: ColumnType<string | null, string | null, string | null>;
  status: 'received' | 'processing' | 'returned' | 'cancelled';
  imported_at: CreatedAt;
}
