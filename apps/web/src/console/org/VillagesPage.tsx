import { EditOutlined, PlusOutlined, ReloadOutlined, StopOutlined } from '@ant-design/icons';
import type { Village } from '@cqtt/contract/org';
import { App, Button, Card, Flex, Form, Input, InputNumber, Modal, Popconfirm, Space, Switch } from 'antd';
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
import { useCreateVillage, useUpdateVillage, useVillages } from './api';
import { VillagesTable } from './tables';

interface VillageForm {
  name: string;
  headName?: string;
  households?: number | null;
}

const FIELDS = ['name', 'headName', 'households'] as const;

function VillageModal({
  village,
  communeId,
  onClose,
}: {
  village: Village | null;
  communeId: string | undefined;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<VillageForm>();
  const create = useCreateVillage();
  const update = useUpdateVillage();
  const editing = Boolean(village);

  const onFinish = (v: VillageForm) => {
    const headName = v.headName?.trim() || undefined;
    const households = v.households ?? undefined;
    const onError = (err: unknown) => {
      if (!applyApiErrorToForm(form, err, FIELDS)) message.error(errorMessage(err));
    };
    if (village) {
      update.mutate(
        {
          params: { id: village.id },
          body: {
            name: v.name.trim(),
            headName: headName ?? '',
            households: households ?? null,
          },
        },
        {
          onSuccess: () => {
            message.success(t('org.villageSaved'));
            onClose();
          },
          onError,
        },
      );
    } else {
      create.mutate(
        { body: { communeId, name: v.name.trim(), headName, households } },
        {
          onSuccess: () => {
            message.success(t('org.villageCreated'));
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
      title={editing ? t('org.editVillage') : t('org.addVillage')}
      okText={editing ? t('common.save') : t('common.create')}
      cancelText={t('common.cancel')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={create.isPending || update.isPending}
    >
      <Form<VillageForm>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        initialValues={
          village ? { name: village.name, headName: village.headName, households: village.households } : {}
        }
      >
        <Form.Item
          label={t('org.villageName')}
          name="name"
          rules={[
            { required: true, whitespace: true, message: t('org.villageNameRequired') },
            { max: 200, message: t('validation.max', { max: 200 }) },
          ]}
        >
          <Input autoFocus placeholder={t('org.villageNamePlaceholder')} />
        </Form.Item>
        <Form.Item
          label={t('org.headName')}
          name="headName"
          rules={[{ max: 200, message: t('validation.max', { max: 200 }) }]}
        >
          <Input />
        </Form.Item>
        <Form.Item label={t('org.households')} name="households">
          <InputNumber min={0} max={1_000_000} precision={0} style={{ width: 200 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export default function VillagesPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('nav.villages'));
  const me = useSession();
  const { message } = App.useApp();
  const scope = useCommuneScope();
  const villages = useVillages(scope.communeId, scope.ready);
  const update = useUpdateVillage();
  const editable = can(me, 'org.manage');
  const [modal, setModal] = useState<{ open: boolean; village: Village | null }>({
    open: false,
    village: null,
  });
  const [search, setSearch] = useState('');
  const [showInactive, setShowInactive] = useState(true);

  const rows = useMemo(
    () =>
      (villages.data ?? []).filter(
        (v) => (showInactive || v.isActive) && matchesSearch(search, v.name, v.headName),
      ),
    [villages.data, search, showInactive],
  );

  const setActive = (village: Village, isActive: boolean) =>
    update.mutate(
      { params: { id: village.id }, body: { isActive } },
      {
        onSuccess: () =>
          message.success(isActive ? t('org.villageReactivated') : t('org.villageDeactivated')),
        onError: (err) => message.error(errorMessage(err)),
      },
    );

  const actions = editable
    ? (v: Village) => (
        <Space size={4} wrap>
          <Button size="small" icon={<EditOutlined />} onClick={() => setModal({ open: true, village: v })}>
            {t('common.edit')}
          </Button>
          {v.isActive ? (
            <Popconfirm
              title={t('org.deactivateVillageTitle')}
              description={t('org.deactivateVillageText', { name: v.name })}
              okText={t('common.deactivate')}
              cancelText={t('common.cancel')}
              okButtonProps={{ danger: true }}
              onConfirm={() => setActive(v, false)}
            >
              <Button size="small" danger icon={<StopOutlined />}>
                {t('common.deactivate')}
              </Button>
            </Popconfirm>
          ) : (
            <Button size="small" icon={<ReloadOutlined />} onClick={() => setActive(v, true)}>
              {t('common.reactivate')}
            </Button>
          )}
        </Space>
      )
    : undefined;

  return (
    <>
      <PageHeader
        title={t('nav.villages')}
        subtitle={t('org.villagesSubtitle')}
        extra={
          editable && scope.ready ? (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setModal({ open: true, village: null })}
            >
              {t('org.addVillage')}
            </Button>
          ) : null
        }
      />
      <Card>
        <Flex gap={12} wrap className="cqtt-toolbar" align="center">
          {scope.cityLevel ? <CommunePicker value={scope.communeId} onChange={scope.setCommuneId} /> : null}
          <Input.Search
            allowClear
            placeholder={t('org.searchVillage')}
            aria-label={t('org.searchVillage')}
            onChange={(e) => setSearch(e.target.value)}
            style={{ width: 280 }}
            disabled={!scope.ready}
          />
          <Space>
            <Switch
              checked={showInactive}
              onChange={setShowInactive}
              size="small"
              id="villages-show-inactive"
            />
            <label htmlFor="villages-show-inactive">{t('org.showInactive')}</label>
          </Space>
        </Flex>
        {villages.isError ? (
          <QueryError error={villages.error} onRetry={() => void villages.refetch()} />
        ) : null}
        {scope.ready ? (
          <VillagesTable
            villages={rows}
            loading={villages.isLoading}
            actions={actions}
            emptyText={search ? t('common.noMatch') : t('org.noVillages')}
          />
        ) : (
          <EmptyState description={t('org.pickCommuneFirst')} />
        )}
      </Card>
      {modal.open ? (
        <VillageModal
          village={modal.village}
          communeId={scope.communeId}
          onClose={() => setModal({ open: false, village: null })}
        />
      ) : null}
    </>
  );
}
