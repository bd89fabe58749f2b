import { Button, Result } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useLocation } from 'react-router';
import { CHANGE_PASSWORD_PATH } from './auth/paths';
import { SessionContext, useMeQuery, useSession } from './auth/session';
import { type Capability, can } from './permissions';
import { PageLoading, QueryError } from './shared/feedback';

export { CHANGE_PASSWORD_PATH, safeNext } from './auth/paths';

/** Children are shown only to a logged-in user; a user who must change the password is sent there first. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const location = useLocation();
  const me = useMeQuery();
  if (me.isPending) return <PageLoading />;
  if (me.isError) {
    return (
      <div style={{ maxWidth: 640, margin: '64px auto', padding: 16 }}>
        <QueryError error={me.error} onRetry={() => void me.refetch()} />
      </div>
    );
  }
  if (!me.data) {
    const here = `${location.pathname}${location.search}`;
    const target = here === '/' ? '/login' : `/login?next=${encodeURIComponent(here)}`;
    return <Navigate to={target} replace />;
  }
  if (me.data.user.mustChangePassword && location.pathname !== CHANGE_PASSWORD_PATH) {
    return <Navigate to={CHANGE_PASSWORD_PATH} replace />;
  }
  return <SessionContext value={me.data}>{children}</SessionContext>;
}

export function Forbidden() {
  const { t } = useTranslation();
  return (
    <Result
      status="403"
      title={t('errors.forbiddenTitle')}
      subTitle={t('errors.forbidden')}
      extra={
        <Link to="/">
          <Button type="primary">{t('common.backHome')}</Button>
        </Link>
      }
    />
  );
}

export function NotFound() {
  const { t } = useTranslation();
  return (
    <Result
      status="404"
      title={t('errors.notFoundTitle')}
      subTitle={t('errors.pageNotFound')}
      extra={
        <Link to="/">
          <Button type="primary">{t('common.backHome')}</Button>
        </Link>
      }
    />
  );
}

export function RequireCapability({ capability, children }: { capability: Capability; children: ReactNode }) {
  const me = useSession();
  return can(me, capability) ? children : <Forbidden />;
}
