import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Flex, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ApiError, api, errorMessage } from '../../api/client';
import { applyApiErrorToForm } from '../shared/formErrors';
import { PageHeader } from '../shared/PageHeader';
import { NewPasswordFields } from '../shared/PasswordFields';
import { useDocumentTitle } from '../shared/useDocumentTitle';
import { ME_KEY, useSession } from './session';

interface ChangePasswordForm {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}

const FIELDS = ['currentPassword', 'newPassword'] as const;

export default function ChangePasswordPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('password.pageTitle'));
  const me = useSession();
  const { message } = App.useApp();
  const [form] = Form.useForm<ChangePasswordForm>();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const forced = me.user.mustChangePassword;

  const mutation = useMutation({
    // A wrong current password may come back as 401: that is a form error, not an expired session.
    mutationFn: (v: ChangePasswordForm) =>
      api.post<void>(
        '/api/me/password',
        { currentPassword: v.currentPassword, newPassword: v.newPassword },
        { noAuthRedirect: true },
      ),
    onSuccess: async () => {
      message.success(t('password.changed'));
      form.resetFields();
      await queryClient.invalidateQueries({ queryKey: ME_KEY });
      navigate('/', { replace: true });
    },
    onError: async (err) => {
      if (err instanceof ApiError && err.status === 401) {
        // Find out whether the session is still alive; if not, the login page takes over.
        await queryClient.invalidateQueries({ queryKey: ME_KEY });
      }
      if (!applyApiErrorToForm(form, err, FIELDS)) {
        if (err instanceof ApiError && /current|wrong|invalid_password/i.test(err.code)) {
          form.setFields([{ name: 'currentPassword', errors: [err.message] }]);
        } else {
          message.error(errorMessage(err));
        }
      }
    },
  });

  return (
    <Flex vertical align="center">
      <div style={{ width: '100%', maxWidth: 560 }}>
        <PageHeader title={t('password.pageTitle')} subtitle={me.user.fullName} />
        {forced ? (
          <Alert
            type="warning"
            showIcon
            title={t('password.mustChangeTitle')}
            description={t('password.mustChangeText')}
            style={{ marginBottom: 16 }}
          />
        ) : null}
        <Card>
          <Form<ChangePasswordForm>
            form={form}
            layout="vertical"
            onFinish={(v) => mutation.mutate(v)}
            requiredMark={false}
          >
            <Form.Item
              label={t('password.current')}
              name="currentPassword"
              rules={[{ required: true, message: t('password.currentRequired') }]}
            >
              <Input.Password autoComplete="current-password" autoFocus />
            </Form.Item>
            <NewPasswordFields differentFrom="currentPassword" username={{ value: me.user.username }} />
            <Flex gap={8} justify="flex-end">
              {forced ? null : <Button onClick={() => navigate(-1)}>{t('common.cancel')}</Button>}
              <Button type="primary" htmlType="submit" loading={mutation.isPending}>
                {t('password.submit')}
              </Button>
            </Flex>
          </Form>
        </Card>
      </div>
    </Flex>
  );
}
