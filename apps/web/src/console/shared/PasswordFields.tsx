import {
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  PASSWORD_RECOMMENDED_LENGTH,
  passwordProblem,
} from '@cqtt/domain/auth/password-policy';
import { Form, Input, Progress, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

export const PASSWORD_MIN = PASSWORD_MIN_LENGTH;
export const PASSWORD_RECOMMENDED = PASSWORD_RECOMMENDED_LENGTH;
export const PASSWORD_MAX = PASSWORD_MAX_LENGTH;

function PasswordStrength({ value }: { value: string | undefined }) {
  const { t } = useTranslation();
  const length = value?.length ?? 0;
  if (length === 0) return null;
  const level = length < PASSWORD_MIN ? 0 : length < PASSWORD_RECOMMENDED ? 1 : 2;
  const colors = ['#ff4d4f', '#faad14', '#52c41a'];
  const labels = [t('password.tooShort'), t('password.acceptable'), t('password.good')];
  return (
    <div style={{ marginTop: 4 }} aria-live="polite">
      <Progress
        percent={Math.min(100, Math.round((length / PASSWORD_RECOMMENDED) * 100))}
        showInfo={false}
        size="small"
        strokeColor={colors[level]}
      />
      <Typography.Text style={{ fontSize: 12, color: colors[level] }}>
        {labels[level]} ({t('password.length', { count: length })})
      </Typography.Text>
    </div>
  );
}

/** "New password" and "repeat" fields with the length rules and the 15+ characters hint. */
export function NewPasswordFields({
  name = 'newPassword',
  confirmName = 'confirmPassword',
  label,
  confirmLabel,
  differentFrom,
  username,
}: {
  name?: string;
  confirmName?: string;
  label?: string;
  confirmLabel?: string;
  /** Field that the new password must differ from (the current password). */
  differentFrom?: string;
  /** Username the password must not contain; a string, or the name of the form field that holds it. */
  username?: { value: string } | { field: string };
}) {
  const { t } = useTranslation();
  return (
    <>
      <Form.Item
        label={label ?? t('password.new')}
        name={name}
        extra={t('password.hint', { min: PASSWORD_MIN, recommended: PASSWORD_RECOMMENDED })}
        dependencies={[
          ...(differentFrom ? [differentFrom] : []),
          ...(username && 'field' in username ? [username.field] : []),
        ]}
        rules={[
          { required: true, message: t('password.newRequired') },
          { min: PASSWORD_MIN, message: t('password.min', { min: PASSWORD_MIN }) },
          { max: PASSWORD_MAX, message: t('password.max', { max: PASSWORD_MAX }) },
          ({ getFieldValue }) => ({
            validator(_, value) {
              if (!value || value.length < PASSWORD_MIN) return Promise.resolve();
              if (differentFrom && value === getFieldValue(differentFrom)) {
                return Promise.reject(new Error(t('password.sameAsCurrent')));
              }
              const who = username
                ? 'value' in username
                  ? username.value
                  : (getFieldValue(username.field) as string | undefined)
                : undefined;
              // The domain's rules (common passwords, username inside) answer in Vietnamese.
              const problem = passwordProblem(value, { username: who?.trim() || undefined });
              return problem ? Promise.reject(new Error(problem)) : Promise.resolve();
            },
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item noStyle shouldUpdate={(a, b) => a[name] !== b[name]}>
        {({ getFieldValue }) => (
          <div style={{ marginTop: -16, marginBottom: 16 }}>
            <PasswordStrength value={getFieldValue(name)} />
          </div>
        )}
      </Form.Item>
      <Form.Item
        label={confirmLabel ?? t('password.confirm')}
        name={confirmName}
        dependencies={[name]}
        rules={[
          { required: true, message: t('password.confirmRequired') },
          ({ getFieldValue }) => ({
            validator(_, value) {
              if (!value || value === getFieldValue(name)) return Promise.resolve();
              return Promise.reject(new Error(t('password.mismatch')));
            },
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
    </>
  );
}
