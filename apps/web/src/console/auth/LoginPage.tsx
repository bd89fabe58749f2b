import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { ApiError, errorMessage } from '../../api/client';
import { useDocumentTitle } from '../shared/useDocumentTitle';
import { CHANGE_PASSWORD_PATH, safeNext } from './paths';
import { login, ME_KEY, useMeQuery } from './session';

/**
 * The login page in plain HTML and CSS (styles.css, .cqtt-login*): it is the first page most
 * people download, so it does not load antd; the console (and antd) is fetched after sign-in.
 */
export default function LoginPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('auth.loginTitle'));
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const me = useMeQuery();
  const [error, setError] = useState<unknown>(null);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [missing, setMissing] = useState({ username: false, password: false });
  const next = safeNext(params.get('next'));

  const mutation = useMutation({
    mutationFn: (values: { username: string; password: string }) =>
      login(values.username.trim(), values.password),
    onSuccess: (data) => {
      queryClient.clear();
      queryClient.setQueryData(ME_KEY, data);
      navigate(data.user.mustChangePassword ? CHANGE_PASSWORD_PATH : next, { replace: true });
    },
    onError: (err) => setError(err),
  });

  if (me.isPending) return <LoginLoading label={t('common.loading')} />;
  if (me.data && !mutation.isPending && !mutation.isSuccess) {
    return <Navigate to={me.data.user.mustChangePassword ? CHANGE_PASSWORD_PATH : next} replace />;
  }

  const locked = error instanceof ApiError && error.status === 429;
  const edited = () => {
    if (error && !locked) setError(null);
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const nowMissing = { username: username.trim() === '', password: password === '' };
    setMissing(nowMissing);
    if (nowMissing.username || nowMissing.password || mutation.isPending) return;
    setError(null);
    mutation.mutate({ username, password });
  };

  return (
    <main className="cqtt-login">
      <div style={{ width: '100%', maxWidth: 420 }}>
        <div className="cqtt-login-card">
          <div className="cqtt-login-head">
            <img src="/favicon.svg" alt="" width={56} height={56} />
            <h1>{t('app.name')}</h1>
            <span className="cqtt-login-muted">{t('app.subtitle')}</span>
          </div>
          {error ? (
            <div
              className={`cqtt-login-alert ${locked ? 'is-warning' : 'is-error'}`}
              role="alert"
              data-testid="login-error"
            >
              {errorMessage(error)}
            </div>
          ) : null}
          <form onSubmit={submit} noValidate>
            <div className="cqtt-login-field">
              <label htmlFor="login-username">{t('auth.username')}</label>
              <input
                id="login-username"
                name="username"
                autoComplete="username"
                autoCapitalize="none"
                // biome-ignore lint/a11y/noAutofocus: the page has one purpose, as before
                autoFocus
                value={username}
                aria-invalid={missing.username || undefined}
                aria-describedby={missing.username ? 'login-username-error' : undefined}
                onChange={(e) => {
                  setUsername(e.target.value);
                  setMissing((m) => ({ ...m, username: e.target.value.trim() === '' }));
                  edited();
                }}
              />
              {missing.username ? (
                <div id="login-username-error" className="cqtt-login-field-error">
                  {t('auth.usernameRequired')}
                </div>
              ) : null}
            </div>
            <div className="cqtt-login-field">
              <label htmlFor="login-password">{t('auth.password')}</label>
              <input
                id="login-password"
                name="password"
                type="password"
                autoComplete="current-password"
                value={password}
                aria-invalid={missing.password || undefined}
                aria-describedby={missing.password ? 'login-password-error' : undefined}
                onChange={(e) => {
                  setPassword(e.target.value);
                  setMissing((m) => ({ ...m, password: e.target.value === '' }));
                  edited();
                }}
              />
              {missing.password ? (
                <div id="login-password-error" className="cqtt-login-field-error">
                  {t('auth.passwordRequired')}
                </div>
              ) : null}
            </div>
            <button type="submit" className="cqtt-login-submit" aria-busy={mutation.isPending || undefined}>
              {t('auth.login')}
            </button>
          </form>
          <p className="cqtt-login-muted cqtt-login-hint">{t('auth.forgotHint')}</p>
        </div>
        <div className="cqtt-login-foot">{t('layout.footer')}</div>
      </div>
    </main>
  );
}

function LoginLoading({ label }: { label: string }) {
  return (
    <div className="cqtt-login-loading" role="status">
      {label}
    </div>
  );
}
