import {
  DownOutlined,
  ExportOutlined,
  GlobalOutlined,
  LockOutlined,
  LogoutOutlined,
  MenuOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { Alert, Avatar, Button, Dropdown, Flex, Layout, Menu, type MenuProps, Typography } from 'antd';
import { Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { useReconnecting } from '../api/connection';
import { setLanguage } from '../i18n';
import { useLogout, useSession } from './auth/session';
import { MENU_GROUPS, PAGES } from './pages';
import { can } from './permissions';
import { NotificationBell } from './plans/NotificationBell';
import { CHANGE_PASSWORD_PATH } from './RequireAuth';
import { PageLoading } from './shared/feedback';
import { useLabels } from './shared/labels';

interface NavItem {
  key: string;
  path: string;
  label: string;
  icon: React.ReactNode;
}

interface NavGroup {
  key: string;
  label?: string;
  items: NavItem[];
}

/** The menu from the console's list of pages (pages.tsx): the groups in order, the items the user may open. */
function useNavigation(): NavGroup[] {
  const { t } = useTranslation();
  const me = useSession();
  return Object.entries(MENU_GROUPS)
    .map(([key, label]) => ({
      key,
      label: label ? t(label) : undefined,
      items: PAGES.flatMap(({ path, menu }) =>
        menu && menu.group === key && can(me, menu.capability)
          ? [{ key: menu.key, path: `/${path}`, label: t(menu.label), icon: menu.icon }]
          : [],
      ),
    }))
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
  const reconnecting = useReconnecting();
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
      else if (key === 'language') void setLanguage(i18n.language === 'en' ? 'vi' : 'en');
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
            {me.commune && !locked ? (
              // the commune's page for its people (results, feedback, rating), as they see it
              <Button
                href={`/p/${encodeURIComponent(me.commune.code)}`}
                target="_blank"
                rel="noopener"
                icon={<ExportOutlined aria-hidden />}
                aria-label={t('layout.publicPageNewTab')}
                data-testid="public-page-link"
              >
                <span className="cqtt-hide-sm">{t('layout.publicPage')}</span>
              </Button>
            ) : null}
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
          {reconnecting && (
            <Alert
              type="info"
              showIcon
              banner
              role="status"
              message={t('layout.reconnecting')}
              className="cqtt-reconnecting"
              data-testid="reconnecting"
            />
          )}
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
