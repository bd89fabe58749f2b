import { ApiOutlined, EditOutlined, LockOutlined, PlusOutlined } from '@ant-design/icons';
import { CITY_ROLES, COMMUNE_ROLES, ROLES, rolesProblem } from '@cqtt/domain/org/roles';
import {
  isDecidingRole,
  SERVICE_ACCOUNT_ROLES,
  selfGrantProblem,
  serviceAccountRolesProblem,
} from '@cqtt/domain/org/tokens';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Flex,
  Form,
  Input,
  Modal,
  Row,
  Select,
  Space,
  Switch,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../api/client';
import type { UserRow } from '../../api/types';
import { useSession } from '../auth/session';
import { useUnits, useVillages } from '../org/api';
import { isCityLevel } from '../permissions';
import { CommunePicker, useCommuneScope } from '../shared/CommunePicker';
import { EmptyState, QueryError, usePagination } from '../shared/feedback';
import { formatDateTime } from '../shared/format';
import { applyApiErrorToForm } from '../shared/formErrors';
import { ActiveTag, RoleTags, useRoleOptions } from '../shared/labels';
import { PageHeader } from '../shared/PageHeader';
import { NewPasswordFields } from '../shared/PasswordFields';
import { foldVietnamese } from '../shared/text';
import { useDebounced } from '../shared/useDebounced';
import { useDocumentTitle } from '../shared/useDocumentTitle';
import { useCreateServiceAccount, useCreateUser, useResetPassword, useUpdateUser, useUsers } from './api';

/** Roles offered for a commune user, and for a city-level user (the domain's rules). */
const ROLES_FOR_COMMUNE = ROLES.filter((r) => !CITY_ROLES.includes(r));
const ROLES_FOR_CITY = ROLES.filter((r) => !COMMUNE_ROLES.includes(r));
const USERNAME_PATTERN = /^[a-z0-9._-]{3,50}$/;
const PHONE_PATTERN = /^[0-9+ .()-]{0,20}$/;

interface UserForm {
  username: string;
  fullName: string;
  email?: string;
  phone?: string;
  communeId?: string;
  unitId?: string | null;
  villageId?: string | null;
  roles: string[];
  isActive?: boolean;
  password?: string;
  confirmPassword?: string;
}

const FIELDS = [
  'username',
  'fullName',
  'email',
  'phone',
  'communeId',
  'unitId',
  'villageId',
  'roles',
  'isActive',
  'password',
];

/** A select of the commune's units or villages (active ones, plus the current value). */
function CommuneListSelect({
  id,
  enabled,
  value,
  onChange,
  items,
  loading,
  placeholder,
  notFound,
}: {
  /** Set by Form.Item so that its label points at the select. */
  id?: string;
  enabled: boolean;
  value?: string | null;
  onChange?: (v: string | null) => void;
  items: ReadonlyArray<{ id: string; name: string; code?: string; isActive: boolean }> | undefined;
  loading: boolean;
  placeholder: string;
  notFound: string;
}) {
  const options = (items ?? [])
    .filter((u) => u.isActive || u.id === value)
    .map((u) => ({ value: u.id, label: u.name, search: foldVietnamese(`${u.name} ${u.code ?? ''}`) }));
  return (
    <Select
      id={id}
      allowClear
      disabled={!enabled}
      loading={loading}
      placeholder={placeholder}
      options={options}
      value={value ?? undefined}
      onChange={(v) => onChange?.(v ?? null)}
      showSearch={{ filterOption: (input, o) => Boolean(o?.search.includes(foldVietnamese(input))) }}
      notFoundContent={notFound}
    />
  );
}

type ListSelectProps = {
  id?: string;
  communeId: string | undefined;
  enabled: boolean;
  value?: string | null;
  onChange?: (v: string | null) => void;
};

function UnitSelect({ communeId, enabled, ...rest }: ListSelectProps) {
  const { t } = useTranslation();
  const units = useUnits(communeId, enabled);
  return (
    <CommuneListSelect
      {...rest}
      enabled={enabled}
      items={units.data}
      loading={units.isLoading}
      placeholder={enabled ? t('users.unitPlaceholder') : t('users.unitNeedsCommune')}
      notFound={t('org.noUnits')}
    />
  );
}

function VillageSelect({ communeId, enabled, ...rest }: ListSelectProps) {
  const { t } = useTranslation();
  const villages = useVillages(communeId, enabled);
  return (
    <CommuneListSelect
      {...rest}
      enabled={enabled}
      items={villages.data}
      loading={villages.isLoading}
      placeholder={t('users.villagePlaceholder')}
      notFound={t('users.noVillages')}
    />
  );
}

function UserModal({
  user,
  defaultCommuneId,
  onClose,
}: {
  user: UserRow | null;
  defaultCommuneId: string | undefined;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useSession();
  const cityLevel = isCityLevel(me);
  const [form] = Form.useForm<UserForm>();
  const create = useCreateUser();
  const update = useUpdateUser();
  const editing = user !== null;
  const isSelf = user?.id === me.user.id;

  const formCommuneId: string | undefined = Form.useWatch('communeId', form);
  const targetCommuneId = editing ? (user.communeId ?? undefined) : cityLevel ? formCommuneId : undefined;
  const hasCommune = editing ? user.communeId !== null : !cityLevel || Boolean(formCommuneId);
  const formRoles: string[] | undefined = Form.useWatch('roles', form);
  const villageHead = hasCommune && Boolean(formRoles?.includes('village'));
  const service = editing && user.serviceAccount;
  const roleOptions = useRoleOptions(
    service ? SERVICE_ACCOUNT_ROLES : hasCommune ? ROLES_FOR_COMMUNE : ROLES_FOR_CITY,
  ).map((o) =>
    // nobody gives himself a deciding role (the server refuses it too)
    isSelf && isDecidingRole(o.value) && !user.roles.includes(o.value) ? { ...o, disabled: true } : o,
  );

  const onError = (err: unknown) => {
    if (!applyApiErrorToForm(form, err, FIELDS)) message.error(errorMessage(err));
  };

  const onFinish = (v: UserForm) => {
    const email = v.email?.trim() || undefined;
    const phone = v.phone?.trim() || undefined;
    if (editing) {
      update.mutate(
        {
          id: user.id,
          patch: {
            fullName: v.fullName.trim(),
            email: email ?? (user.email ? null : undefined),
            phone: phone ?? (user.phone ? null : undefined),
            unitId: v.unitId ?? (user.unitId ? null : undefined),
            villageId: v.villageId ?? (user.villageId ? null : undefined),
            roles: v.roles,
            ...(isSelf ? {} : { isActive: v.isActive }),
          },
        },
        {
          onSuccess: () => {
            message.success(t('users.saved'));
            onClose();
          },
          onError,
        },
      );
    } else {
      create.mutate(
        {
          username: v.username.trim(),
          fullName: v.fullName.trim(),
          email,
          phone,
          communeId: cityLevel ? v.communeId : undefined,
          unitId: v.unitId ?? undefined,
          villageId: v.roles.includes('village') ? (v.villageId ?? undefined) : undefined,
          roles: v.roles,
          password: v.password ?? '',
        },
        {
          onSuccess: () => {
            message.success(t('users.created', { username: v.username.trim() }));
            onClose();
          },
          onError,
        },
      );
    }
  };

  return (
    <Modal
      open
      width={720}
      title={editing ? t('users.editTitle', { name: user.fullName }) : t('users.addTitle')}
      okText={editing ? t('common.save') : t('users.create')}
      cancelText={t('common.cancel')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={create.isPending || update.isPending}
    >
      <Form<UserForm>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        onValuesChange={(changed) => {
          if ('communeId' in changed) form.setFieldsValue({ unitId: null, villageId: null, roles: [] });
          if ('roles' in changed && !changed.roles?.includes('village'))
            form.setFieldsValue({ villageId: null });
        }}
        initialValues={
          editing
            ? {
                username: user.username,
                fullName: user.fullName,
                email: user.email ?? '',
                phone: user.phone ?? '',
                unitId: user.unitId,
                villageId: user.villageId,
                roles: user.roles,
                isActive: user.isActive,
              }
            : { communeId: defaultCommuneId, roles: [], isActive: true }
        }
      >
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item
              label={t('users.username')}
              name="username"
              extra={editing ? undefined : t('users.usernameHint')}
              normalize={(v: string | undefined) => v?.toLowerCase().replace(/\s+/g, '')}
              rules={[
                { required: true, whitespace: true, message: t('users.usernameRequired') },
                { pattern: USERNAME_PATTERN, message: t('users.usernameInvalid') },
              ]}
            >
              <Input
                disabled={editing}
                autoComplete="off"
                autoCapitalize="none"
                spellCheck={false}
                autoFocus={!editing}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              label={t('users.fullName')}
              name="fullName"
              rules={[
                { required: true, whitespace: true, message: t('users.fullNameRequired') },
                { max: 200, message: t('validation.max', { max: 200 }) },
              ]}
            >
              <Input autoComplete="off" autoFocus={editing} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              label={t('users.email')}
              name="email"
              rules={[{ type: 'email', message: t('users.emailInvalid') }]}
            >
              <Input type="email" autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              label={t('users.phone')}
              name="phone"
              rules={[{ pattern: PHONE_PATTERN, message: t('users.phoneInvalid') }]}
            >
              <Input type="tel" autoComplete="off" />
            </Form.Item>
          </Col>
          {cityLevel && !editing ? (
            <Col xs={24} md={12}>
              <Form.Item label={t('users.commune')} name="communeId" extra={t('users.communeHint')}>
                <CommunePicker allowClear placeholder={t('users.cityLevelAccount')} width="100%" />
              </Form.Item>
            </Col>
          ) : null}
          <Col xs={24} md={12}>
            <Form.Item label={t('users.unit')} name="unitId">
              <UnitSelect communeId={targetCommuneId} enabled={hasCommune} />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item
              label={t('users.roles')}
              name="roles"
              rules={[
                { required: true, type: 'array', min: 1, message: t('users.rolesRequired') },
                {
                  validator: (_, value: string[] | undefined) => {
                    const problem = value?.length
                      ? (rolesProblem(value, hasCommune) ??
                        (service ? serviceAccountRolesProblem(value) : null) ??
                        (editing ? selfGrantProblem(me.user.id, user.id, user.roles, value) : null))
                      : null;
                    return problem ? Promise.reject(new Error(problem)) : Promise.resolve();
                  },
                },
              ]}
              extra={isSelf ? t('users.selfRolesHint') : t('users.rolesNotifiedHint')}
            >
              <Select mode="multiple" options={roleOptions} placeholder={t('users.rolesPlaceholder')} />
            </Form.Item>
          </Col>
          {villageHead ? (
            <Col xs={24} md={12}>
              <Form.Item label={t('users.village')} name="villageId" extra={t('users.villageHint')}>
                <VillageSelect communeId={targetCommuneId} enabled={hasCommune} />
              </Form.Item>
            </Col>
          ) : null}
          {editing ? (
            <Col xs={24}>
              <Form.Item
                label={t('users.accountStatus')}
                name="isActive"
                valuePropName="checked"
                extra={isSelf ? t('users.selfDeactivateHint') : t('users.deactivateHint')}
              >
                <Switch
                  disabled={isSelf}
                  checkedChildren={t('common.active')}
                  unCheckedChildren={t('common.inactive')}
                />
              </Form.Item>
            </Col>
          ) : (
            <Col xs={24}>
              <NewPasswordFields
                name="password"
                label={t('users.initialPassword')}
                confirmLabel={t('users.initialPasswordConfirm')}
                username={{ field: 'username' }}
              />
              <Alert type="info" showIcon title={t('users.initialPasswordNote')} />
            </Col>
          )}
        </Row>
      </Form>
    </Modal>
  );
}

interface ServiceAccountForm {
  username: string;
  fullName: string;
  communeId?: string;
  unitId?: string | null;
  roles: string[];
}

/** An integration's account: it cannot sign in; an administrator then issues it API tokens. */
function ServiceAccountModal({
  defaultCommuneId,
  onClose,
}: {
  defaultCommuneId: string | undefined;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useSession();
  const cityLevel = isCityLevel(me);
  const [form] = Form.useForm<ServiceAccountForm>();
  const create = useCreateServiceAccount();
  const formCommuneId: string | undefined = Form.useWatch('communeId', form);
  const communeId = cityLevel ? formCommuneId : undefined;
  const hasCommune = !cityLevel || Boolean(formCommuneId);
  const roleOptions = useRoleOptions(SERVICE_ACCOUNT_ROLES);
  return (
    <Modal
      open
      width={640}
      title={t('users.addServiceTitle')}
      okText={t('users.create')}
      cancelText={t('common.cancel')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={create.isPending}
    >
      <Typography.Paragraph type="secondary">{t('users.serviceText')}</Typography.Paragraph>
      <Form<ServiceAccountForm>
        form={form}
        layout="vertical"
        initialValues={{ communeId: defaultCommuneId, roles: [] }}
        onValuesChange={(changed) => {
          if ('communeId' in changed) form.setFieldsValue({ unitId: null });
        }}
        onFinish={(v) =>
          create.mutate(
            {
              username: v.username.trim(),
              fullName: v.fullName.trim(),
              communeId: cityLevel ? v.communeId : undefined,
              unitId: v.unitId ?? undefined,
              roles: v.roles,
            },
            {
              onSuccess: () => {
                message.success(t('users.serviceCreated', { username: v.username.trim() }));
                onClose();
              },
              onError: (err) => {
                if (!applyApiErrorToForm(form, err, ['username', 'fullName', 'communeId', 'unitId', 'roles']))
                  message.error(errorMessage(err));
              },
            },
          )
        }
      >
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item
              label={t('users.username')}
              name="username"
              extra={t('users.usernameHint')}
              normalize={(v: string | undefined) => v?.toLowerCase().replace(/\s+/g, '')}
              rules={[
                { required: true, whitespace: true, message: t('users.usernameRequired') },
                { pattern: USERNAME_PATTERN, message: t('users.usernameInvalid') },
              ]}
            >
              <Input autoComplete="off" autoCapitalize="none" spellCheck={false} autoFocus />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              label={t('users.serviceName')}
              name="fullName"
              rules={[
                { required: true, whitespace: true, message: t('users.fullNameRequired') },
                { max: 200, message: t('validation.max', { max: 200 }) },
              ]}
            >
              <Input autoComplete="off" placeholder={t('users.serviceNamePlaceholder')} />
            </Form.Item>
          </Col>
          {cityLevel ? (
            <Col xs={24} md={12}>
              <Form.Item
                label={t('users.commune')}
                name="communeId"
                rules={[{ required: true, message: t('users.serviceCommuneRequired') }]}
              >
                <CommunePicker placeholder={t('users.commune')} width="100%" />
              </Form.Item>
            </Col>
          ) : null}
          <Col xs={24} md={12}>
            <Form.Item label={t('users.unit')} name="unitId">
              <UnitSelect communeId={communeId} enabled={hasCommune} />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item
              label={t('users.roles')}
              name="roles"
              extra={t('users.serviceRolesHint')}
              rules={[{ required: true, type: 'array', min: 1, message: t('users.rolesRequired') }]}
            >
              <Select mode="multiple" options={roleOptions} placeholder={t('users.rolesPlaceholder')} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}

function ResetPasswordModal({ user, onClose }: { user: UserRow; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ newPassword: string; confirmPassword: string }>();
  const reset = useResetPassword();
  return (
    <Modal
      open
      title={t('users.resetTitle', { name: user.fullName })}
      okText={t('users.resetSubmit')}
      cancelText={t('common.cancel')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={reset.isPending}
      okButtonProps={{ danger: true }}
    >
      <Typography.Paragraph type="secondary">
        {t('users.resetText', { username: user.username })}
      </Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) =>
          reset.mutate(
            { id: user.id, newPassword: v.newPassword },
            {
              onSuccess: () => {
                message.success(t('users.resetDone', { username: user.username }));
                onClose();
              },
              onError: (err) => {
                if (!applyApiErrorToForm(form, err, ['newPassword'])) message.error(errorMessage(err));
              },
            },
          )
        }
      >
        <NewPasswordFields username={{ value: user.username }} />
      </Form>
    </Modal>
  );
}

export default function UsersPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('nav.users'));
  const pagination = usePagination();
  const scope = useCommuneScope();
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 350);
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const users = useUsers({ communeId: scope.communeId, q: q || undefined, ...page });
  const [editing, setEditing] = useState<{ user: UserRow | null } | null>(null);
  const [resetting, setResetting] = useState<UserRow | null>(null);
  const [addingService, setAddingService] = useState(false);

  const columns: TableColumnsType<UserRow> = [
    {
      // the contact folds under the name, and the last sign-in under the status: at 1366 px
      // every column and both actions stay on screen without a sideways scroll (issue 18)
      title: t('users.fullName'),
      dataIndex: 'fullName',
      width: 250,
      render: (_, u) => (
        <Space orientation="vertical" size={0}>
          <Typography.Text strong>{u.fullName}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {u.username}
          </Typography.Text>
          {u.email ? (
            <Typography.Text style={{ fontSize: 12 }} ellipsis={{ tooltip: u.email }}>
              {u.email}
            </Typography.Text>
          ) : null}
          {u.phone ? <Typography.Text style={{ fontSize: 12 }}>{u.phone}</Typography.Text> : null}
          {u.serviceAccount ? (
            <Tag color="purple" icon={<ApiOutlined />} style={{ marginTop: 2, width: 'fit-content' }}>
              {t('users.serviceAccount')}
            </Tag>
          ) : null}
        </Space>
      ),
    },
    {
      title: t('users.unit'),
      dataIndex: 'unitName',
      width: 190,
      render: (v: string | null, u: UserRow) =>
        u.villageName ? (
          <Space orientation="vertical" size={0}>
            {v ? <span>{v}</span> : null}
            <span>{t('users.headOf', { village: u.villageName })}</span>
          </Space>
        ) : (
          v || <span className="cqtt-muted">—</span>
        ),
    },
    {
      title: t('users.roles'),
      dataIndex: 'roles',
      width: 210,
      render: (roles: string[]) => <RoleTags roles={roles} />,
    },
    {
      title: t('common.status'),
      dataIndex: 'isActive',
      width: 150,
      render: (v: boolean, u) => (
        <Space orientation="vertical" size={2}>
          <ActiveTag active={v} />
          <Typography.Text type="secondary" style={{ fontSize: 12 }} title={t('users.lastLogin')}>
            {u.serviceAccount
              ? t('users.serviceNoLogin')
              : u.lastLoginAt
                ? `${t('users.lastLoginShort')} ${formatDateTime(u.lastLoginAt)}`
                : t('users.never')}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 150,
      render: (_, u) => (
        <Space size={4} orientation="vertical">
          <Button size="small" icon={<EditOutlined />} onClick={() => setEditing({ user: u })}>
            {t('common.edit')}
          </Button>
          {u.serviceAccount ? null : (
            <Button size="small" icon={<LockOutlined />} onClick={() => setResetting(u)}>
              {t('users.resetPassword')}
            </Button>
          )}
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('nav.users')}
        subtitle={t('users.subtitle')}
        extra={
          <Space wrap>
            <Button icon={<ApiOutlined />} onClick={() => setAddingService(true)}>
              {t('users.addService')}
            </Button>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ user: null })}>
              {t('users.add')}
            </Button>
          </Space>
        }
      />
      <Card>
        <Flex gap={12} wrap className="cqtt-toolbar">
          {scope.cityLevel ? (
            <CommunePicker
              value={scope.communeId}
              onChange={(id) => {
                scope.setCommuneId(id);
                setPage((p) => ({ ...p, page: 1 }));
              }}
              allowClear
              placeholder={t('users.allCommunes')}
            />
          ) : null}
          <Input.Search
            allowClear
            value={search}
            placeholder={t('users.search')}
            aria-label={t('users.search')}
            onChange={(e) => {
              setSearch(e.target.value);
              setPage((p) => ({ ...p, page: 1 }));
            }}
            style={{ width: 320 }}
          />
        </Flex>
        {users.isError ? <QueryError error={users.error} onRetry={() => void users.refetch()} /> : null}
        <Table<UserRow>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={users.data?.items ?? []}
          loading={users.isFetching}
          pagination={{
            ...pagination,
            current: page.page,
            pageSize: page.pageSize,
            total: users.data?.total ?? 0,
            onChange: (p, ps) => setPage({ page: ps === page.pageSize ? p : 1, pageSize: ps }),
          }}
          locale={{ emptyText: <EmptyState description={q ? t('common.noMatch') : t('users.empty')} /> }}
        />
      </Card>
      {editing ? (
        <UserModal user={editing.user} defaultCommuneId={scope.communeId} onClose={() => setEditing(null)} />
      ) : null}
      {resetting ? <ResetPasswordModal user={resetting} onClose={() => setResetting(null)} /> : null}
      {addingService ? (
        <ServiceAccountModal defaultCommuneId={scope.communeId} onClose={() => setAddingService(false)} />
      ) : null}
    </>
  );
}
