import { EditOutlined, PlusOutlined, ReloadOutlined, StopOutlined } from '@ant-design/icons';
import type { Unit } from '@cqtt/contract/org';
import { App, Button, Card, Flex, Form, Input, Modal, Popconfirm, Space, Switch } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../api/client';
import { useSession } from '../auth/session';
import { can } from '../permissions';
import { CommunePicker, useCommuneScope } from '../shared/CommunePicker';
import { EmptyState, QueryError } from '../shared/feedback';
import { applyApiErrorToForm } from '../shared/formErrors';
import { PageHeader } from '../shared/PageHeader';
import { matchesSearch } from '../shared/text';
import { useDocumentTitle } from '../shared/useDocumentTitle';
import { useCreateUnit, useUnits, useUpdateUnit } from './api';
import { UnitsTable } from './tables';

interface UnitForm {
  code: string;
  name: string;
  description?: string;
}

const FIELDS = ['code', 'name', 'description'] as const;
/** Same rule as the server: capitals without diacritics, digits, underscore; at most 20. */
const UNIT_CODE_PATTERN = /^[A-Z0-9_]{1,20}$/;

function UnitModal({
  unit,
  communeId,
  onClose,
}: {
  unit: Unit | null;
  communeId: string | undefined;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<UnitForm>();
  const create = useCreateUnit();
  const update = useUpdateUnit();
  const editing = Boolean(unit);

  const onFinish = (v: UnitForm) => {
    const description = v.description?.trim() || undefined;
    const onError = (err: unknown) => {
      if (!applyApiErrorToForm(form, err, FIELDS)) message.error(errorMessage(err));
    };
    if (unit) {
      update.mutate(
        { params: { id: unit.id }, body: { name: v.name.trim(), description: description ?? '' } },
        {
          onSuccess: () => {
            message.success(t('org.unitSaved'));
            onClose();
          },
          onError,
        },
      );
    } else {
      create.mutate(
        { body: { communeId, code: v.code.trim(), name: v.name.trim(), description } },
        {
          onSuccess: () => {
            message.success(t('org.unitCreated'));
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
      title={editing ? t('org.editUnit') : t('org.addUnit')}
      okText={editing ? t('common.save') : t('common.create')}
      cancelText={t('common.cancel')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={create.isPending || update.isPending}
    >
      <Form<UnitForm>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        initialValues={unit ? { code: unit.code, name: unit.name, description: unit.description } : {}}
      >
        <Form.Item
          label={t('org.unitCode')}
          name="code"
          extra={editing ? t('org.codeFixed') : t('org.unitCodeHint')}
          normalize={(v: string | undefined) => v?.toUpperCase().replace(/\s+/g, '')}
          rules={[
            { required: true, whitespace: true, message: t('org.unitCodeRequired') },
            ...(editing ? [] : [{ pattern: UNIT_CODE_PATTERN, message: t('org.unitCodeInvalid') }]),
          ]}
        >
          <Input disabled={editing} autoFocus={!editing} />
        </Form.Item>
        <Form.Item
          label={t('org.unitName')}
          name="name"
          rules={[
            { required: true, whitespace: true, message: t('org.unitNameRequired') },
            { max: 200, message: t('validation.max', { max: 200 }) },
          ]}
        >
          <Input autoFocus={editing} />
        </Form.Item>
        <Form.Item
          label={t('org.description')}
          name="description"
          rules={[{ max: 1000, message: t('validation.max', { max: 1000 }) }]}
        >
          <Input.TextArea rows={3} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export default function UnitsPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('nav.units'));
  const me = useSession();
  const { message } = App.useApp();
  const scope = useCommuneScope();
  const units = useUnits(scope.communeId, scope.ready);
  const update = useUpdateUnit();
  const editable = can(me, 'org.manage');
  const [modal, setModal] = useState<{ open: boolean; unit: Unit | null }>({ open: false, unit: null });
  const [search, setSearch] = useState('');
  const [showInactive, setShowInactive] = useState(true);

  const rows = useMemo(
    () =>
      (units.data ?? []).filter(
        (u) => (showInactive || u.isActive) && matchesSearch(search, u.name, u.code, u.description),
      ),
    [units.data, search, showInactive],
  );

  const setActive = (unit: Unit, isActive: boolean) =>
    update.mutate(
      { params: { id: unit.id }, body: { isActive } },
      {
        onSuccess: () => message.success(isActive ? t('org.unitReactivated') : t('org.unitDeactivated')),
        onError: (err) => message.error(errorMessage(err)),
      },
    );

  const actions = editable
    ? (u: Unit) => (
        <Space size={4} wrap>
          <Button size="small" icon={<EditOutlined />} onClick={() => setModal({ open: true, unit: u })}>
            {t('common.edit')}
          </Button>
          {u.isActive ? (
            <Popconfirm
              title={t('org.deactivateUnitTitle')}
              description={t('org.deactivateUnitText', { name: u.name })}
              okText={t('common.deactivate')}
              cancelText={t('common.cancel')}
              okButtonProps={{ danger: true }}
              onConfirm={() => setActive(u, false)}
            >
              <Button size="small" danger icon={<StopOutlined />}>
                {t('common.deactivate')}
              </Button>
            </Popconfirm>
          ) : (
            <Button size="small" icon={<ReloadOutlined />} onClick={() => setActive(u, true)}>
              {t('common.reactivate')}
            </Button>
          )}
        </Space>
      )
    : undefined;

  return (
    <>
      <PageHeader
        title={t('nav.units')}
        subtitle={t('org.unitsSubtitle')}
        extra={
          editable && scope.ready ? (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setModal({ open: true, unit: null })}
            >
              {t('org.addUnit')}
            </Button>
          ) : null
        }
      />
      <Card>
        <Flex gap={12} wrap className="cqtt-toolbar" align="center">
          {scope.cityLevel ? <CommunePicker value={scope.communeId} onChange={scope.setCommuneId} /> : null}
          <Input.Search
            allowClear
            placeholder={t('org.searchUnit')}
            aria-label={t('org.searchUnit')}
            onChange={(e) => setSearch(e.target.value)}
            style={{ width: 280 }}
            disabled={!scope.ready}
          />
          <Space>
            <Switch checked={showInactive} onChange={setShowInactive} size="small" id="units-show-inactive" />
            <label htmlFor="units-show-inactive">{t('org.showInactive')}</label>
          </Space>
        </Flex>
        {units.isError ? <QueryError error={units.error} onRetry={() => void units.refetch()} /> : null}
        {scope.ready ? (
          <UnitsTable
            units={rows}
            loading={units.isLoading}
            actions={actions}
            emptyText={search ? t('common.noMatch') : t('org.noUnits')}
          />
        ) : (
          <EmptyState description={t('org.pickCommuneFirst')} />
        )}
      </Card>
      {modal.open ? (
        <UnitModal
          unit={modal.unit}
          communeId={scope.communeId}
          onClose={() => setModal({ open: false, unit: null })}
        />
      ) : null}
    </>
  );
}
