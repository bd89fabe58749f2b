import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Form,
  Input,
  Modal,
  Popconfirm,
  Select,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../api/client';
import type { ApiToken, IssuedToken } from '../../api/types';
import { useSession } from '../auth/session';
import { EmptyState, QueryError, usePagination } from '../shared/feedback';
import { formatDateTime } from '../shared/format';
import { applyApiErrorToForm } from '../shared/formErrors';
import { PageHeader } from '../shared/PageHeader';
import { useDebounced } from '../shared/useDebounced';
import { useDocumentTitle } from '../shared/useDocumentTitle';
import { useIssueToken, useRevokeToken, useTokens, useUsers } from './api';

interface IssueForm {
  name: string;
  userId?: string;
}

function UserPicker({
  id,
  value,
  onChange,
}: {
  id?: string;
  value?: string;
  onChange?: (v: string | undefined) => void;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 300);
  const users = useUsers({ q: q || undefined, page: 1, pageSize: 50 });
  return (
    <Select
      id={id}
      allowClear
      value={value}
      onChange={(v) => onChange?.(v ?? undefined)}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      loading={users.isFetching}
      placeholder={t('tokens.userPlaceholder')}
      notFoundContent={t('common.noMatch')}
      options={(users.data?.items ?? [])
        .filter((u) => u.isActive)
        .map((u) => ({ value: u.id, label: `${u.fullName} (${u.username})` }))}
    />
  );
}

function IssueModal({ onClose, onIssued }: { onClose: () => void; onIssued: (token: IssuedToken) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<IssueForm>();
  const issue = useIssueToken();
  return (
    <Modal
      open
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
        onFinish={(v) =>
          issue.mutate(
            { name: v.name.trim(), userId: v.userId },
            {
              onSuccess: (token) => onIssued(token),
              onError: (err) => {
                if (!applyApiErrorToForm(form, err, ['name', 'userId'])) message.error(errorMessage(err));
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
        <Form.Item label={t('tokens.user')} name="userId" extra={t('tokens.userHint')}>
          <UserPicker />
        </Form.Item>
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

  const columns: TableColumnsType<ApiToken> = [
    {
      title: t('tokens.name'),
      dataIndex: 'name',
      render: (v: string) => <Typography.Text strong>{v}</Typography.Text>,
    },
    {
      title: t('tokens.user'),
      dataIndex: 'username',
      render: (v: string, tk) => (tk.userId === me.user.id ? `${v} (${t('tokens.you')})` : v),
    },
    {
      title: t('tokens.createdAt'),
      dataIndex: 'createdAt',
      width: 160,
      defaultSortOrder: 'descend',
      sorter: (a, b) => a.createdAt.localeCompare(b.createdAt),
      render: (v: string) => formatDateTime(v),
    },
    {
      title: t('tokens.lastUsedAt'),
      dataIndex: 'lastUsedAt',
      width: 160,
      render: (v: string | null) =>
        v ? formatDateTime(v) : <span className="cqtt-muted">{t('tokens.neverUsed')}</span>,
    },
    {
      title: t('common.status'),
      dataIndex: 'revokedAt',
      width: 200,
      filters: [
        { text: t('tokens.statusActive'), value: 'active' },
        { text: t('tokens.statusRevoked'), value: 'revoked' },
      ],
      onFilter: (value, tk) => (value === 'revoked') === Boolean(tk.revokedAt),
      render: (v: string | null) =>
        v ? (
          <Tag>{t('tokens.revokedAt', { at: formatDateTime(v) })}</Tag>
        ) : (
          <Tag color="success">{t('tokens.statusActive')}</Tag>
        ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 130,
      render: (_, tk) =>
        tk.revokedAt ? null : (
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
