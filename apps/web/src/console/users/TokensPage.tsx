import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { can as domainCan, type Permission } from '@cqtt/domain/org/permissions';
import { TOKEN_DEFAULT_DAYS, TOKEN_MAX_DAYS, TOKEN_SCOPES } from '@cqtt/domain/org/tokens';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Radio,
  Select,
  Space,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../api/client';
import type { ApiToken, IssuedToken } from '../../api/types';
import { useSession } from '../auth/session';
import { EmptyState, QueryError, usePagination } from '../shared/feedback';
import { formatDate, formatDateTime } from '../shared/format';
import { applyApiErrorToForm } from '../shared/formErrors';
import { PageHeader } from '../shared/PageHeader';
import { useDocumentTitle } from '../shared/useDocumentTitle';
import { useIssueToken, useRevokeToken, useTokens, useUsers } from './api';

interface IssueForm {
  name: string;
  owner: 'self' | 'service';
  serviceAccountId?: string;
  scopes: string[];
  expiresInDays: number;
}

/** The active service accounts the administrator manages (an integration's own account). */
function useServiceAccounts() {
  const users = useUsers({ page: 1, pageSize: 200 });
  return {
    loading: users.isLoading,
    items: (users.data?.items ?? []).filter((u) => u.serviceAccount && u.isActive),
  };
}

/** A scope's Vietnamese name; its code after it, as the API knows it. */
export function useScopeLabel() {
  const { t } = useTranslation();
  return (scope: string) => t(`tokens.scopeLabels.${scope.replace(/\./g, '_')}`, { defaultValue: scope });
}

function IssueModal({ onClose, onIssued }: { onClose: () => void; onIssued: (token: IssuedToken) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useSession();
  const [form] = Form.useForm<IssueForm>();
  const issue = useIssueToken();
  const services = useServiceAccounts();
  const scopeLabel = useScopeLabel();
  const owner = Form.useWatch('owner', form) ?? 'self';
  const serviceAccountId = Form.useWatch('serviceAccountId', form);
  const days = Form.useWatch('expiresInDays', form);
  const service = services.items.find((u) => u.id === serviceAccountId);
  // scopes the owner may be given: reading, and the capabilities its roles hold
  const ownerRoles = owner === 'self' ? me.user.roles : (service?.roles ?? []);
  const scopeOptions = TOKEN_SCOPES.filter((s) => s === 'read' || domainCan(ownerRoles, s as Permission)).map(
    (s) => ({
      value: s,
      label: (
        <span>
          {scopeLabel(s)} <span className="cqtt-muted">({s})</span>
        </span>
      ),
    }),
  );
  return (
    <Modal
      open
      width={640}
      title={t('tokens.issueTitle')}
      okText={t('tokens.issue')}
      cancelText={t('common.cancel')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={issue.isPending}
    >
      <Form<IssueForm>
        form={form}
        layout="vertical"
        initialValues={{ owner: 'self', scopes: ['read'], expiresInDays: TOKEN_DEFAULT_DAYS }}
        onValuesChange={(changed) => {
          // a scope the new owner lacks is dropped
          if ('owner' in changed || 'serviceAccountId' in changed) form.setFieldsValue({ scopes: ['read'] });
        }}
        onFinish={(v) =>
          issue.mutate(
            {
              name: v.name.trim(),
              scopes: v.scopes,
              expiresInDays: v.expiresInDays,
              ...(v.owner === 'service' && v.serviceAccountId
                ? { serviceAccountId: v.serviceAccountId }
                : {}),
            },
            {
              onSuccess: (token) => onIssued(token),
              onError: (err) => {
                if (!applyApiErrorToForm(form, err, ['name', 'serviceAccountId', 'scopes', 'expiresInDays']))
                  message.error(errorMessage(err));
              },
            },
          )
        }
      >
        <Form.Item
          label={t('tokens.name')}
          name="name"
          extra={t('tokens.nameHint')}
          rules={[
            { required: true, whitespace: true, message: t('tokens.nameRequired') },
            { max: 100, message: t('validation.max', { max: 100 }) },
          ]}
        >
          <Input autoFocus placeholder={t('tokens.namePlaceholder')} />
        </Form.Item>
        <Form.Item label={t('tokens.owner')} name="owner" extra={t('tokens.ownerHint')}>
          <Radio.Group
            options={[
              { value: 'self', label: t('tokens.ownerSelf', { username: me.user.username }) },
              { value: 'service', label: t('tokens.ownerService') },
            ]}
          />
        </Form.Item>
        {owner === 'service' ? (
          <Form.Item
            label={t('tokens.serviceAccount')}
            name="serviceAccountId"
            rules={[{ required: true, message: t('tokens.serviceAccountRequired') }]}
            extra={
              services.items.length === 0 && !services.loading ? t('tokens.noServiceAccounts') : undefined
            }
          >
            <Select
              loading={services.loading}
              placeholder={t('tokens.serviceAccountPlaceholder')}
              notFoundContent={t('tokens.noServiceAccounts')}
              options={services.items.map((u) => ({ value: u.id, label: `${u.fullName} (${u.username})` }))}
            />
          </Form.Item>
        ) : null}
        <Form.Item
          label={t('tokens.scopes')}
          name="scopes"
          extra={t('tokens.scopesHint')}
          rules={[{ required: true, type: 'array', min: 1, message: t('tokens.scopesRequired') }]}
        >
          <Checkbox.Group style={{ display: 'grid', gap: 4 }} options={scopeOptions} />
        </Form.Item>
        <Form.Item
          label={t('tokens.expiresInDays')}
          name="expiresInDays"
          extra={
            typeof days === 'number'
              ? t('tokens.expiresOn', { date: formatDate(dayjs().add(days, 'day').toISOString()) })
              : undefined
          }
          rules={[
            {
              required: true,
              type: 'number',
              min: 1,
              max: TOKEN_MAX_DAYS,
              message: t('tokens.expiresRange', { max: TOKEN_MAX_DAYS }),
            },
          ]}
        >
          <InputNumber min={1} max={TOKEN_MAX_DAYS} precision={0} addonAfter={t('tokens.days')} />
        </Form.Item>
        <Alert type="info" showIcon title={t('tokens.rulesTitle')} description={t('tokens.rulesText')} />
      </Form>
    </Modal>
  );
}

function IssuedModal({ token, onClose }: { token: IssuedToken; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal
      open
      title={t('tokens.issuedTitle', { name: token.name })}
      onCancel={onClose}
      footer={
        <Button type="primary" onClick={onClose}>
          {t('tokens.issuedDone')}
        </Button>
      }
      mask={{ closable: false }}
      keyboard={false}
    >
      <Alert
        type="warning"
        showIcon
        title={t('tokens.onceTitle')}
        description={t('tokens.onceText')}
        style={{ marginBottom: 16 }}
      />
      <Typography.Paragraph
        copyable={{ text: token.token, tooltips: [t('tokens.copy'), t('tokens.copied')] }}
        code
        style={{ wordBreak: 'break-all', fontSize: 14 }}
        data-testid="issued-token"
      >
        {token.token}
      </Typography.Paragraph>
    </Modal>
  );
}

export default function TokensPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('nav.tokens'));
  const me = useSession();
  const { message } = App.useApp();
  const pagination = usePagination();
  const tokens = useTokens();
  const revoke = useRevokeToken();
  const [issuing, setIssuing] = useState(false);
  const [issued, setIssued] = useState<IssuedToken | null>(null);
  const scopeLabel = useScopeLabel();

  const now = Date.now();
  const columns: TableColumnsType<ApiToken> = [
    {
      title: t('tokens.name'),
      dataIndex: 'name',
      render: (v: string, tk) => (
        <Space orientation="vertical" size={0}>
          <Typography.Text strong>{v}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('tokens.issuedBy', { username: tk.createdBy, at: formatDateTime(tk.createdAt) })}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('tokens.owner'),
      dataIndex: 'username',
      render: (v: string, tk) =>
        tk.serviceAccount ? (
          <Space size={4} wrap>
            <span>{v}</span>
            <Tag color="purple">{t('users.serviceAccount')}</Tag>
          </Space>
        ) : tk.userId === me.user.id ? (
          `${v} (${t('tokens.you')})`
        ) : (
          v
        ),
    },
    {
      title: t('tokens.scopes'),
      dataIndex: 'scopes',
      render: (scopes: string[]) => (
        <Space size={[0, 4]} wrap>
          {scopes.map((s) => (
            <Tag key={s} title={s}>
              {scopeLabel(s)}
            </Tag>
          ))}
        </Space>
      ),
    },
    {
      title: t('tokens.lastUsedAt'),
      dataIndex: 'lastUsedAt',
      width: 150,
      render: (v: string | null) =>
        v ? formatDateTime(v) : <span className="cqtt-muted">{t('tokens.neverUsed')}</span>,
    },
    {
      title: t('common.status'),
      key: 'status',
      width: 220,
      filters: [
        { text: t('tokens.statusActive'), value: 'active' },
        { text: t('tokens.statusEnded'), value: 'ended' },
      ],
      onFilter: (value, tk) =>
        (value === 'ended') === (Boolean(tk.revokedAt) || Date.parse(tk.expiresAt) <= now),
      render: (_, tk) =>
        tk.revokedAt ? (
          <Tag>
            {t(`tokens.revokedBecause.${tk.revokedReason ?? 'manual'}`, {
              at: formatDateTime(tk.revokedAt),
              defaultValue: t('tokens.revokedAt', { at: formatDateTime(tk.revokedAt) }),
            })}
          </Tag>
        ) : Date.parse(tk.expiresAt) <= now ? (
          <Tag color="warning">{t('tokens.expiredAt', { at: formatDateTime(tk.expiresAt) })}</Tag>
        ) : (
          <Space orientation="vertical" size={0}>
            <Tag color="success">{t('tokens.statusActive')}</Tag>
            <span style={{ fontSize: 12 }}>{t('tokens.expiresAt', { at: formatDate(tk.expiresAt) })}</span>
          </Space>
        ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 130,
      render: (_, tk) =>
        tk.revokedAt || Date.parse(tk.expiresAt) <= now ? null : (
          <Popconfirm
            title={t('tokens.revokeTitle')}
            description={t('tokens.revokeText', { name: tk.name })}
            okText={t('tokens.revoke')}
            cancelText={t('common.cancel')}
            okButtonProps={{ danger: true, loading: revoke.isPending }}
            onConfirm={() =>
              revoke.mutateAsync(tk.id).then(
                () => {
                  message.success(t('tokens.revoked'));
                },
                (err) => {
                  message.error(errorMessage(err));
                },
              )
            }
          >
            <Button size="small" danger icon={<DeleteOutlined />}>
              {t('tokens.revoke')}
            </Button>
          </Popconfirm>
        ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('nav.tokens')}
        subtitle={t('tokens.subtitle')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setIssuing(true)}>
            {t('tokens.issue')}
          </Button>
        }
      />
      <Card>
        {tokens.isError ? <QueryError error={tokens.error} onRetry={() => void tokens.refetch()} /> : null}
        <Table<ApiToken>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={tokens.data ?? []}
          loading={tokens.isLoading}
          pagination={{ ...pagination, defaultPageSize: 20 }}
          locale={{ emptyText: <EmptyState description={t('tokens.empty')} /> }}
          scroll={{ x: 900 }}
        />
      </Card>
      {issuing ? (
        <IssueModal
          onClose={() => setIssuing(false)}
          onIssued={(token) => {
            setIssuing(false);
            setIssued(token);
          }}
        />
      ) : null}
      {issued ? <IssuedModal token={issued} onClose={() => setIssued(null)} /> : null}
    </>
  );
}
