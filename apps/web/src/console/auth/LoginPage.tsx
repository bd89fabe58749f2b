import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { ApiError, errorMessage } from '../../api/client';
import { CHANGE_PASSWORD_PATH, safeNext } from '../RequireAuth';
import { PageLoading } from '../shared/feedback';
import { useDocumentTitle } from '../shared/useDocumentTitle';
import { login, ME_KEY, useMeQuery } from './session';

interface LoginForm {
  username: string;
  password: string;
}

export default function LoginPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('auth.loginTitle'));
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const me = useMeQuery();
  const [error, setError] = useState<unknown>(null);
  const next = safeNext(params.get('next'));

  const mutation = useMutation({
    mutationFn: (values: LoginForm) => login(values.username.trim(), values.password),
    onSuccess: (data) => {
      queryClient.clear();
      queryClient.setQueryData(ME_KEY, data);
      navigate(data.user.mustChangePassword ? CHANGE_PASSWORD_PATH : next, { replace: true });
    },
    onError: (err) => setError(err),
  });

  if (me.isPending) return <PageLoading />;
  if (me.data && !mutation.isPending && !mutation.isSuccess) {
    return <Navigate to={me.data.user.mustChangePassword ? CHANGE_PASSWORD_PATH : next} replace />;
  }

  const locked = error instanceof ApiError && error.status === 429;

  return (
    <main className="cqtt-login">
      <div style={{ width: '100%', maxWidth: 420 }}>
        <Card className="cqtt-login-card" variant="borderless">
          <div className="cqtt-login-head">
            <img src="/favicon.svg" alt="" width={56} height={56} />
            <Typography.Title level={1} style={{ fontSize: 26 }}>
              {t('app.name')}
            </Typography.Title>
            <Typography.Text type="secondary">{t('app.subtitle')}</Typography.Text>
          </div>
          {error ? (
            <Alert
              type={locked ? 'warning' : 'error'}
              showIcon
              title={errorMessage(error)}
              style={{ marginBottom: 16 }}
              role="alert"
              data-testid="login-error"
            />
          ) : null}
          <Form<LoginForm>
            layout="vertical"
            requiredMark={false}
            onFinish={(values) => {
              setError(null);
              mutation.mutate(values);
            }}
            onValuesChange={() => {
              if (error && !locked) setError(null);
            }}
            size="large"
          >
            <Form.Item
              label={t('auth.username')}
              name="username"
              rules={[{ required: true, whitespace: true, message: t('auth.usernameRequired') }]}
            >
              <Input prefix={<UserOutlined />} autoComplete="username" autoFocus autoCapitalize="none" />
            </Form.Item>
            <Form.Item
              label={t('auth.password')}
              name="password"
              rules={[{ required: true, message: t('auth.passwordRequired') }]}
            >
              <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block loading={mutation.isPending}>
              {t('auth.login')}
            </Button>
          </Form>
          <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0, fontSize: 13 }}>
            {t('auth.forgotHint')}
          </Typography.Paragraph>
        </Card>
        <div className="cqtt-login-foot">{t('layout.footer')}</div>
      </div>
    </main>
  );
}
