import {
  ApartmentOutlined,
  ApiOutlined,
  AuditOutlined,
  BarChartOutlined,
  BookOutlined,
  CalendarOutlined,
  CarryOutOutlined,
  DashboardOutlined,
  DownOutlined,
  EnvironmentOutlined,
  ExclamationCircleOutlined,
  FieldTimeOutlined,
  FileDoneOutlined,
  FileTextOutlined,
  FlagOutlined,
  GlobalOutlined,
  HomeOutlined,
  LineChartOutlined,
  LockOutlined,
  LogoutOutlined,
  MenuOutlined,
  MessageOutlined,
  OrderedListOutlined,
  QrcodeOutlined,
  ReconciliationOutlined,
  SmileOutlined,
  SoundOutlined,
  TeamOutlined,
  TrophyOutlined,
  UserOutlined,
  WalletOutlined,
} from '@ant-design/icons';
import { Alert, Avatar, Button, Dropdown, Flex, Layout, Menu, type MenuProps, Typography } from 'antd';
import { Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { useLogout, useSession } from './auth/session';
import { type Capability, can } from './permissions';
import { NotificationBell } from './plans/NotificationBell';
import { CHANGE_PASSWORD_PATH } from './RequireAuth';
import { PageLoading } from './shared/feedback';
import { useLabels } from './shared/labels';

interface NavItem {
  key: string;
  path: string;
  label: string;
  icon: React.ReactNode;
  capability: Capability;
}

interface NavGroup {
  key: string;
  label?: string;
  items: NavItem[];
}

function useNavigation(): NavGroup[] {
  const { t } = useTranslation();
  const me = useSession();
  const groups: NavGroup[] = [
    {
      key: 'home',
      items: [
        {
          key: 'overview',
          path: '/',
          label: t('nav.overview'),
          icon: <DashboardOutlined />,
          capability: 'org.view',
        },
      ],
    },
    {
      key: 'plans',
      label: t('nav.groupPlans'),
      items: [
        {
          key: 'myTasks',
          path: '/my-tasks',
          label: t('nav.myTasks'),
          icon: <CarryOutOutlined />,
          capability: 'plans.mine',
        },
        {
          key: 'plans',
          path: '/plans',
          label: t('nav.plans'),
          icon: <FileTextOutlined />,
          capability: 'org.view',
        },
        {
          key: 'progress',
          path: '/progress',
          label: t('nav.progress'),
          icon: <FieldTimeOutlined />,
          capability: 'org.view',
        },
        {
          key: 'difficulties',
          path: '/difficulties',
          label: t('nav.difficulties'),
          icon: <ExclamationCircleOutlined />,
          capability: 'org.view',
        },
        {
          key: 'summary',
          path: '/unit-summary',
          label: t('nav.summary'),
          icon: <BarChartOutlined />,
          capability: 'plans.summary',
        },
      ],
    },
    {
      key: 'community',
      label: t('nav.groupCommunity'),
      items: [
        {
          key: 'outreach',
          path: '/outreach',
          label: t('outreach.title'),
          icon: <SoundOutlined />,
          capability: 'org.view',
        },
        {
          key: 'villageAssessments',
          path: '/village-assessments',
          label: t('villageAssessments.title'),
          icon: <HomeOutlined />,
          capability: 'org.view',
        },
        {
          key: 'rewards',
          path: '/rewards',
          label: t('rewards.title'),
          icon: <TrophyOutlined />,
          capability: 'org.view',
        },
        {
          key: 'budget',
          path: '/budget',
          label: t('budget.title'),
          icon: <WalletOutlined />,
          capability: 'org.view',
        },
      ],
    },
    {
      key: 'documents',
      label: t('documents.nav.group'),
      items: [
        {
          key: 'yearlyReport',
          path: '/reports/yearly',
          label: t('reports.yearly.title'),
          icon: <FileDoneOutlined />,
          capability: 'reports.commune',
        },
        {
          key: 'reviewReport',
          path: '/reports/review',
          label: t('reports.review.title'),
          icon: <ReconciliationOutlined />,
          capability: 'reports.commune',
        },
        {
          key: 'documents',
          path: '/documents',
          label: t('documents.title'),
          icon: <BookOutlined />,
          capability: 'documents.register',
        },
        {
          key: 'officialIndices',
          path: '/official-indices',
          label: t('indices.title'),
          icon: <LineChartOutlined />,
          capability: 'org.view',
        },
      ],
    },
    {
      key: 'criteria',
      label: t('criteria.nav.group'),
      items: [
        {
          key: 'assessments',
          path: '/assessments',
          label: t('criteria.nav.assessments'),
          icon: <TrophyOutlined />,
          capability: 'org.view',
        },
        {
          key: 'levelRegistration',
          path: '/level-registration',
          label: t('criteria.nav.registration'),
          icon: <FlagOutlined />,
          capability: 'org.view',
        },
        {
          key: 'criteriaSets',
          path: '/criteria-sets',
          label: t('criteria.nav.sets'),
          icon: <OrderedListOutlined />,
          capability: 'org.view',
        },
      ],
    },
    {
      key: 'satisfaction',
      label: t('satisfaction.navGroup'),
      items: [
        {
          key: 'satisfaction',
          path: '/satisfaction',
          label: t('satisfaction.navDashboard'),
          icon: <SmileOutlined />,
          capability: 'satisfaction.figures',
        },
        {
          key: 'satisfactionSetup',
          path: '/satisfaction/setup',
          label: t('satisfaction.navSetup'),
          icon: <QrcodeOutlined />,
          capability: 'satisfaction.setup',
        },
      ],
    },
    {
      key: 'feedback',
      label: t('feedback.nav.group'),
      items: [
        {
          key: 'feedback',
          path: '/feedback',
          label: t('feedback.nav.queue'),
          icon: <MessageOutlined />,
          capability: 'feedback.read',
        },
        {
          key: 'feedbackSettings',
          path: '/feedback-settings',
          label: t('feedback.nav.settings'),
          icon: <CalendarOutlined />,
          capability: 'feedback.triage',
        },
      ],
    },
    {
      key: 'org',
      label: t('nav.groupOrg'),
      items: [
        {
          key: 'units',
          path: '/units',
          label: t('nav.units'),
          icon: <ApartmentOutlined />,
          capability: 'org.view',
        },
        {
          key: 'villages',
          path: '/villages',
          label: t('nav.villages'),
          icon: <EnvironmentOutlined />,
          capability: 'org.view',
        },
      ],
    },
    {
      key: 'admin',
      label: t('nav.groupAdmin'),
      items: [
        {
          key: 'users',
          path: '/users',
          label: t('nav.users'),
          icon: <TeamOutlined />,
          capability: 'users.manage',
        },
        {
          key: 'cityHolidays',
          path: '/city-holidays',
          label: t('calendar.title'),
          icon: <CalendarOutlined />,
          capability: 'calendar.city',
        },
        {
          key: 'tokens',
          path: '/tokens',
          label: t('nav.tokens'),
          icon: <ApiOutlined />,
          capability: 'tokens.manage',
        },
        {
          key: 'audit',
          path: '/audit',
          label: t('nav.audit'),
          icon: <AuditOutlined />,
          capability: 'audit.read',
        },
      ],
    },
  ];
  return groups
    .map((g) => ({ ...g, items: g.items.filter((i) => can(me, i.capability)) }))
    .filter((g) => g.items.length > 0);
}

function selectedKey(pathname: string, groups: NavGroup[]): string | undefined {
  if (pathname.startsWith('/communes/')) return 'overview';
  let best: NavItem | undefined;
  for (const item of groups.flatMap((g) => g.items)) {
    const match =
      item.path === '/' ? pathname === '/' : pathname === item.path || pathname.startsWith(`${item.path}/`);
    if (match && (!best || item.path.length > best.path.length)) best = item;
  }
  return best?.key;
}

function Brand({ collapsed }: { collapsed: boolean }) {
  const { t } = useTranslation();
  return (
    <Flex className="cqtt-brand" align="center" gap={10}>
      <img src="/favicon.svg" alt="" width={32} height={32} />
      {collapsed ? null : (
        <div className="cqtt-brand-text">
          <div className="cqtt-brand-name">{t('app.name')}</div>
          <div className="cqtt-brand-sub">{t('app.period')}</div>
        </div>
      )}
    </Flex>
  );
}

export function ConsoleLayout() {
  const { t, i18n } = useTranslation();
  const me = useSession();
  const labels = useLabels();
  const logout = useLogout();
  const navigate = useNavigate();
  const location = useLocation();
  const [collapsed, setCollapsed] = useState(false);
  // Below the lg breakpoint the sider hides completely and opens from its trigger tab.
  const [narrow, setNarrow] = useState(false);
  const groups = useNavigation();
  const locked = me.user.mustChangePassword;

  // Collapsed to icons, group titles would not fit: separate the groups with dividers instead.
  type MenuItems = NonNullable<MenuProps['items']>;
  const menuItems: MenuItems = groups.flatMap((g, index): MenuItems => {
    const children = g.items.map((i) => ({ key: i.key, icon: i.icon, label: i.label }));
    if (collapsed && !narrow) return index === 0 ? children : [{ type: 'divider' as const }, ...children];
    return g.label ? [{ type: 'group' as const, key: g.key, label: g.label, children }] : children;
  });
  const pathOf = new Map(groups.flatMap((g) => g.items).map((i) => [i.key, i.path]));

  const where = me.commune ? labels.communeTitle(me.commune.kind, me.commune.name) : me.city.name;
  const roleText = me.user.roles.map(labels.role).join(', ');

  const onLogout = async () => {
    await logout();
    navigate('/login', { replace: true });
  };

  const userMenu: MenuProps = {
    items: [
      { key: 'password', icon: <LockOutlined />, label: t('nav.changePassword') },
      {
        key: 'language',
        icon: <GlobalOutlined />,
        label: t('layout.switchLanguage'),
      },
      { type: 'divider' },
      { key: 'logout', icon: <LogoutOutlined />, label: t('nav.logout'), danger: true },
    ],
    onClick: ({ key }) => {
      if (key === 'password') navigate(CHANGE_PASSWORD_PATH);
      else if (key === 'language') void i18n.changeLanguage(i18n.language === 'en' ? 'vi' : 'en');
      else if (key === 'logout') void onLogout();
    },
  };

  return (
    <Layout className="cqtt-shell">
      {locked ? null : (
        <Layout.Sider
          width={248}
          breakpoint="lg"
          collapsible
          collapsed={collapsed}
          onCollapse={setCollapsed}
          collapsedWidth={narrow ? 0 : 80}
          onBreakpoint={(broken) => {
            setNarrow(broken);
            setCollapsed(broken);
          }}
          trigger={narrow ? null : undefined}
          className="cqtt-sider"
          theme="light"
        >
          <Brand collapsed={collapsed} />
          <Menu
            mode="inline"
            selectedKeys={[selectedKey(location.pathname, groups) ?? '']}
            items={menuItems}
            onClick={({ key }) => {
              const path = pathOf.get(key);
              if (path) navigate(path);
              if (narrow) setCollapsed(true);
            }}
          />
        </Layout.Sider>
      )}
      {narrow && !collapsed && !locked ? (
        <div className="cqtt-sider-backdrop" aria-hidden="true" onClick={() => setCollapsed(true)} />
      ) : null}
      <Layout>
        <Layout.Header className="cqtt-header">
          <Flex align="center" gap={12} style={{ minWidth: 0 }}>
            {narrow && !locked ? (
              <Button
                type="text"
                icon={<MenuOutlined />}
                aria-label={t('layout.menu')}
                aria-expanded={!collapsed}
                onClick={() => setCollapsed((c) => !c)}
              />
            ) : null}
            {locked ? <Brand collapsed={false} /> : null}
            <div style={{ minWidth: 0 }}>
              <div className="cqtt-header-where" data-testid="header-commune">
                {where}
              </div>
              <div className="cqtt-header-city">
                {me.commune ? t('layout.cityOf', { city: me.city.name }) : t('layout.cityLevelSub')}
              </div>
            </div>
          </Flex>
          <Flex align="center" gap={8}>
            {locked ? null : <NotificationBell />}
            <Dropdown menu={userMenu} trigger={['click']} placement="bottomRight">
              {/* named by what it shows (WCAG 2.5.3), then what it opens */}
              <Button type="text" className="cqtt-user-button">
                <Avatar size="small" icon={<UserOutlined />} className="cqtt-avatar" aria-hidden />
                <span className="cqtt-user-text">
                  <span className="cqtt-user-name" data-testid="header-user">
                    {me.user.fullName}
                  </span>
                  <span className="cqtt-user-role">{roleText}</span>
                  <span className="cqtt-sr-only">{t('layout.account')}</span>
                </span>
                <DownOutlined style={{ fontSize: 10 }} aria-hidden />
              </Button>
            </Dropdown>
            <Button
              icon={<LogoutOutlined />}
              onClick={() => void onLogout()}
              aria-label={t('nav.logout')}
              data-testid="logout"
            >
              <span className="cqtt-hide-sm">{t('nav.logout')}</span>
            </Button>
          </Flex>
        </Layout.Header>
        <Layout.Content className="cqtt-content">
          {me.readOnly && (
            <Alert
              type="warning"
              showIcon
              banner
              role="status"
              message={t('layout.readOnly')}
              className="cqtt-read-only"
              data-testid="read-only"
            />
          )}
          <Suspense fallback={<PageLoading />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
        <Layout.Footer className="cqtt-footer">
          <Typography.Text type="secondary">{t('layout.footer')}</Typography.Text>
        </Layout.Footer>
      </Layout>
    </Layout>
  );
}
