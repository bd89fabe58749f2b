import {
  AimOutlined,
  AlertOutlined,
  ApartmentOutlined,
  ApiOutlined,
  AuditOutlined,
  BarChartOutlined,
  BookOutlined,
  CalendarOutlined,
  CarryOutOutlined,
  DashboardOutlined,
  EnvironmentOutlined,
  ExclamationCircleOutlined,
  EyeOutlined,
  FieldTimeOutlined,
  FileDoneOutlined,
  FileTextOutlined,
  FlagOutlined,
  HomeOutlined,
  LineChartOutlined,
  MessageOutlined,
  OrderedListOutlined,
  QrcodeOutlined,
  ReconciliationOutlined,
  SmileOutlined,
  SoundOutlined,
  TableOutlined,
  TeamOutlined,
  TrophyOutlined,
  WalletOutlined,
} from '@ant-design/icons';
import { type ComponentType, type LazyExoticComponent, lazy, type ReactNode } from 'react';
import type { Capability } from './permissions';

/**
 * Every page of the console, in one list: App.tsx makes their routes, ConsoleLayout their menu
 * (in this order, under their group). Adding a capability's page is one entry here.
 */
export interface ConsolePage {
  /** The route, relative to the console's root ('' is the overview). */
  path: string;
  element: LazyExoticComponent<ComponentType>;
  /** Shown only to those with the capability (others get a 403 page). */
  requires?: Capability;
  /** Its place in the menu, when it has one. */
  menu?: { key: string; group: MenuGroup; label: string; icon: ReactNode; capability: Capability };
}

/** The menu's groups, in order, with the i18n key of their title (none for the first). */
export const MENU_GROUPS = {
  home: undefined,
  city: 'nav.groupCity',
  plans: 'nav.groupPlans',
  community: 'nav.groupCommunity',
  documents: 'documents.nav.group',
  criteria: 'criteria.nav.group',
  satisfaction: 'satisfaction.navGroup',
  feedback: 'feedback.nav.group',
  org: 'nav.groupOrg',
  admin: 'nav.groupAdmin',
} as const;
export type MenuGroup = keyof typeof MENU_GROUPS;

const page = (
  path: string,
  element: ConsolePage['element'],
  menu?: ConsolePage['menu'],
  requires?: Capability,
): ConsolePage => ({ path, element, menu, requires });

export const PAGES: ConsolePage[] = [
  page(
    '',
    lazy(() => import('./org/OverviewPage')),
    {
      key: 'overview',
      group: 'home',
      label: 'nav.overview',
      icon: <DashboardOutlined />,
      capability: 'org.view',
    },
  ),
  page(
    'communes/:communeId',
    lazy(() => import('./org/CommuneDetailPage')),
  ),
  page(
    'city',
    lazy(() => import('./city/CityHomePage').then((m) => ({ default: m.CityHomePage }))),
    {
      key: 'cityHome',
      group: 'city',
      label: 'nav.cityHome',
      icon: <AlertOutlined />,
      capability: 'city.view',
    },
    'city.view',
  ),
  page(
    'city/communes',
    lazy(() => import('./city/CommunesPage').then((m) => ({ default: m.CommunesPage }))),
    {
      key: 'cityCommunes',
      group: 'city',
      label: 'nav.cityCommunes',
      icon: <TableOutlined />,
      capability: 'city.view',
    },
    'city.view',
  ),
  page(
    'city/communes/:communeId',
    lazy(() => import('./city/CommunePage').then((m) => ({ default: m.CityCommunePage }))),
    undefined,
    'city.view',
  ),
  page(
    'city/appraisals',
    lazy(() => import('./city/AppraisalsPage').then((m) => ({ default: m.AppraisalsPage }))),
    {
      key: 'cityAppraisals',
      group: 'city',
      label: 'nav.cityAppraisals',
      icon: <AuditOutlined />,
      capability: 'city.view',
    },
    'city.view',
  ),
  page(
    'city/budget-lines',
    lazy(() => import('./city/BudgetLinesPage').then((m) => ({ default: m.CityBudgetLinesPage }))),
    {
      key: 'cityBudgetLines',
      group: 'city',
      label: 'nav.cityBudgetLines',
      icon: <WalletOutlined />,
      capability: 'city.view',
    },
    'city.view',
  ),
  page(
    'city/settings',
    lazy(() => import('./city/SettingsPage').then((m) => ({ default: m.CitySettingsPage }))),
    {
      key: 'citySettings',
      group: 'city',
      label: 'nav.citySettings',
      icon: <AimOutlined />,
      capability: 'city.view',
    },
    'city.view',
  ),
  page(
    'my-tasks',
    lazy(() => import('./plans/MyTasksPage')),
    {
      key: 'myTasks',
      group: 'plans',
      label: 'nav.myTasks',
      icon: <CarryOutOutlined />,
      capability: 'plans.mine',
    },
    'plans.mine',
  ),
  page(
    'plans',
    lazy(() => import('./plans/PlansPage')),
    {
      key: 'plans',
      group: 'plans',
      label: 'nav.plans',
      icon: <FileTextOutlined />,
      capability: 'org.view',
    },
  ),
  page(
    'plans/:planId',
    lazy(() => import('./plans/PlanDetailPage')),
  ),
  page(
    'progress',
    lazy(() => import('./plans/ProgressPage')),
    {
      key: 'progress',
      group: 'plans',
      label: 'nav.progress',
      icon: <FieldTimeOutlined />,
      capability: 'org.view',
    },
  ),
  page(
    'difficulties',
    lazy(() => import('./plans/DifficultiesPage')),
    {
      key: 'difficulties',
      group: 'plans',
      label: 'nav.difficulties',
      icon: <ExclamationCircleOutlined />,
      capability: 'org.view',
    },
  ),
  page(
    'unit-summary',
    lazy(() => import('./plans/SummaryPage')),
    {
      key: 'summary',
      group: 'plans',
      label: 'nav.summary',
      icon: <BarChartOutlined />,
      capability: 'plans.summary',
    },
    'plans.summary',
  ),
  page(
    'outreach',
    lazy(() => import('./outreach/OutreachPage')),
    {
      key: 'outreach',
      group: 'community',
      label: 'outreach.title',
      icon: <SoundOutlined />,
      capability: 'org.view',
    },
  ),
  page(
    'village-assessments',
    lazy(() => import('./villages/YearTablePage')),
    {
      key: 'villages',
      group: 'community',
      label: 'villages.title',
      icon: <HomeOutlined />,
      capability: 'org.view',
    },
  ),
  page(
    'rewards',
    lazy(() => import('./rewards/RewardsPage')),
    {
      key: 'rewards',
      group: 'community',
      label: 'rewards.title',
      icon: <TrophyOutlined />,
      capability: 'org.view',
    },
  ),
  page(
    'supervision',
    lazy(() => import('./supervision/SupervisionPage')),
    {
      key: 'supervision',
      group: 'community',
      label: 'supervision.title',
      icon: <EyeOutlined />,
      capability: 'org.view',
    },
  ),
  page(
    'budget',
    lazy(() => import('./budget/BudgetPage')),
    {
      key: 'budget',
      group: 'community',
      label: 'budget.title',
      icon: <WalletOutlined />,
      capability: 'org.view',
    },
  ),
  page(
    'assessments',
    lazy(() => import('./criteria/AssessmentsPage')),
    {
      key: 'assessments',
      group: 'criteria',
      label: 'criteria.nav.assessments',
      icon: <TrophyOutlined />,
      capability: 'org.view',
    },
  ),
  page(
    'assessments/:assessmentId',
    lazy(() => import('./criteria/AssessmentPage')),
  ),
  page(
    'level-registration',
    lazy(() => import('./criteria/RegistrationPage')),
    {
      key: 'levelRegistration',
      group: 'criteria',
      label: 'criteria.nav.registration',
      icon: <FlagOutlined />,
      capability: 'org.view',
    },
  ),
  page(
    'criteria-sets',
    lazy(() => import('./criteria/CriteriaSetsPage')),
    {
      key: 'criteriaSets',
      group: 'criteria',
      label: 'criteria.nav.sets',
      icon: <OrderedListOutlined />,
      capability: 'org.view',
    },
  ),
  page(
    'satisfaction',
    lazy(() => import('./satisfaction/DashboardPage')),
    {
      key: 'satisfaction',
      group: 'satisfaction',
      label: 'satisfaction.navDashboard',
      icon: <SmileOutlined />,
      capability: 'satisfaction.figures',
    },
  ),
  page(
    'satisfaction/setup',
    lazy(() => import('./satisfaction/SetupPage')),
    {
      key: 'satisfactionSetup',
      group: 'satisfaction',
      label: 'satisfaction.navSetup',
      icon: <QrcodeOutlined />,
      capability: 'satisfaction.setup',
    },
  ),
  page(
    'feedback',
    lazy(() => import('./feedback/FeedbackQueuePage')),
    {
      key: 'feedback',
      group: 'feedback',
      label: 'feedback.nav.queue',
      icon: <MessageOutlined />,
      capability: 'feedback.read',
    },
    'feedback.read',
  ),
  page(
    'feedback-settings',
    lazy(() => import('./feedback/FeedbackSettingsPage')),
    {
      key: 'feedbackSettings',
      group: 'feedback',
      label: 'feedback.nav.settings',
      icon: <CalendarOutlined />,
      capability: 'feedback.triage',
    },
    'feedback.triage',
  ),
  page(
    'feedback/:id',
    lazy(() => import('./feedback/FeedbackDetailPage')),
    undefined,
    'feedback.read',
  ),
  page(
    'units',
    lazy(() => import('./org/UnitsPage')),
    {
      key: 'units',
      group: 'org',
      label: 'nav.units',
      icon: <ApartmentOutlined />,
      capability: 'org.view',
    },
  ),
  page(
    'villages',
    lazy(() => import('./org/VillagesPage')),
    {
      key: 'orgVillages',
      group: 'org',
      label: 'nav.villages',
      icon: <EnvironmentOutlined />,
      capability: 'org.view',
    },
  ),
  page(
    'users',
    lazy(() => import('./users/UsersPage')),
    { key: 'users', group: 'admin', label: 'nav.users', icon: <TeamOutlined />, capability: 'users.manage' },
    'users.manage',
  ),
  page(
    'city-holidays',
    lazy(() => import('./calendar/CityHolidaysPage')),
    {
      key: 'cityHolidays',
      group: 'admin',
      label: 'calendar.title',
      icon: <CalendarOutlined />,
      capability: 'calendar.city',
    },
  ),
  page(
    'tokens',
    lazy(() => import('./users/TokensPage')),
    {
      key: 'tokens',
      group: 'admin',
      label: 'nav.tokens',
      icon: <ApiOutlined />,
      capability: 'tokens.manage',
    },
    'tokens.manage',
  ),
  page(
    'audit',
    lazy(() => import('./audit/AuditPage')),
    { key: 'audit', group: 'admin', label: 'nav.audit', icon: <AuditOutlined />, capability: 'audit.read' },
    'audit.read',
  ),
  page(
    'change-password',
    lazy(() => import('./auth/ChangePasswordPage')),
  ),
  page(
    'reports/yearly',
    lazy(() => import('./reports/YearlyReportPage')),
    {
      key: 'yearlyReport',
      group: 'documents',
      label: 'reports.yearly.title',
      icon: <FileDoneOutlined />,
      capability: 'reports.commune',
    },
    'reports.commune',
  ),
  page(
    'reports/review',
    lazy(() => import('./reports/ReviewReportPage')),
    {
      key: 'reviewReport',
      group: 'documents',
      label: 'reports.review.title',
      icon: <ReconciliationOutlined />,
      capability: 'reports.commune',
    },
    'reports.commune',
  ),
  page(
    'documents',
    lazy(() => import('./documents/DocumentsPage')),
    {
      key: 'documents',
      group: 'documents',
      label: 'documents.title',
      icon: <BookOutlined />,
      capability: 'documents.register',
    },
    'documents.register',
  ),
  page(
    'official-indices',
    lazy(() => import('./indices/IndicesPage')),
    {
      key: 'officialIndices',
      group: 'documents',
      label: 'indices.title',
      icon: <LineChartOutlined />,
      capability: 'org.view',
    },
  ),
];
