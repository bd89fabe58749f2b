import { DeleteOutlined, DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import * as indices from '@cqtt/contract/indices';
import { useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Select,
  Table,
  type TableColumnsType,
  Typography,
  Upload,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage, isApiError } from '../../api/client';
import { invalidate } from '../../api/queries';
import { useSession } from '../auth/session';
import { useCommunes } from '../org/api';
import { can } from '../permissions';
import { formatDay, useYearParam, YearPicker } from '../plans/ui';
import { EmptyState, QueryError } from '../shared/feedback';
import { dayParam, formatPercent } from '../shared/format';
import { applyApiErrorToForm } from '../shared/formErrors';
import { PageHeader } from '../shared/PageHeader';
import { useDocumentTitle } from '../shared/useDocumentTitle';
import {
  downloadTemplate,
  importIndices,
  type OfficialIndex,
  useDeleteIndex,
  useIndices,
  useSaveIndex,
} from './api';

interface IndexForm {
  communeId: string;
  kind: 'sipas' | 'par_index';
  value: number;
  rank?: number | null;
  decision: string;
  decisionDate?: Dayjs | null;
  note?: string;
}

function EntryModal({ year, onClose }: { year: number; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const communes = useCommunes();
  const [form] = Form.useForm<IndexForm>();
  const save = useSaveIndex();
  const submit = (v: IndexForm) =>
    save.mutate(
      {
        body: {
          communeId: v.communeId,
          year,
          kind: v.kind,
          value: v.value,
          rank: v.rank ?? null,
          decision: v.decision.trim(),
          decisionDate: v.decisionDate ? dayParam(v.decisionDate) : null,
          note: v.note?.trim() ?? '',
        },
      },
      {
        onSuccess: () => {
          message.success(t('indices.saved'));
          onClose();
        },
        onError: (err) => {
          if (
            !applyApiErrorToForm(form, err, [
              'communeId',
              'kind',
              'value',
              'rank',
              'decision',
              'decisionDate',
            ])
          )
            message.error(errorMessage(err));
        },
      },
    );
  return (
    <Modal
      open
      title={t('indices.enterTitle', { year })}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
    >
      <Typography.Paragraph type="secondary">{t('indices.enterHint')}</Typography.Paragraph>
      <Form form={form} layout="vertical" initialValues={{ kind: 'sipas' }} onFinish={submit}>
        <Form.Item
          label={t('indices.commune')}
          name="communeId"
          rules={[{ required: true, message: t('indices.communeRequired') }]}
        >
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            loading={communes.isLoading}
            options={(communes.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
          />
        </Form.Item>
        <Form.Item label={t('indices.kind')} name="kind" rules={[{ required: true }]}>
          <Select
            options={[
              { value: 'sipas', label: t('indices.kinds.sipas') },
              { value: 'par_index', label: t('indices.kinds.par_index') },
            ]}
          />
        </Form.Item>
        <Form.Item
          label={t('indices.value')}
          name="value"
          rules={[{ required: true, message: t('indices.valueRequired') }]}
        >
          <InputNumber
            min={0}
            max={100}
            precision={2}
            decimalSeparator=","
            suffix="%"
            style={{ width: 160 }}
          />
        </Form.Item>
        <Form.Item label={t('indices.rank')} name="rank">
          <InputNumber min={1} precision={0} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item
          label={t('indices.decision')}
          name="decision"
          extra={t('indices.decisionHint')}
          rules={[{ required: true, whitespace: true, message: t('indices.decisionRequired') }]}
        >
          <Input />
        </Form.Item>
        <Form.Item label={t('indices.decisionDate')} name="decisionDate">
          <DatePicker format="DD/MM/YYYY" style={{ width: 180 }} />
        </Form.Item>
        <Form.Item label={t('indices.note')} name="note">
          <Input.TextArea rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/**
 * The official SIPAS and PAR INDEX results the city publishes for its communes, with the decision
 * they come from: Sở Nội vụ enters them; each commune sees its own.
 */
export default function IndicesPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('indices.title'));
  const { message } = App.useApp();
  const me = useSession();
  const [year, setYear] = useYearParam();
  const [entering, setEntering] = useState(false);
  const [problems, setProblems] = useState<string[]>([]);
  const queryClient = useQueryClient();
  const mayManage = can(me, 'indices.manage');
  const list = useIndices({ year });
  const remove = useDeleteIndex();
  const columns: TableColumnsType<OfficialIndex> = [
    { title: t('indices.commune'), dataIndex: 'communeName' },
    { title: t('indices.kind'), dataIndex: 'kindLabel', width: 260 },
    {
      title: t('indices.value'),
      dataIndex: 'value',
      width: 110,
      align: 'right',
      render: (v: number) => formatPercent(v, 2),
    },
    { title: t('indices.rank'), dataIndex: 'rank', width: 90, align: 'right' },
    {
      title: t('indices.decision'),
      key: 'decision',
      render: (_, r) => `${r.decision}${r.decisionDate ? ` (${formatDay(r.decisionDate)})` : ''}`,
    },
    ...(mayManage
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            width: 90,
            render: (_: unknown, r: OfficialIndex) => (
              <Popconfirm
                title={t('indices.deleteConfirm')}
                okText={t('indices.delete')}
                cancelText={t('common.cancel')}
                onConfirm={() =>
                  remove.mutate(
                    { params: { id: r.id } },
                    { onError: (err) => message.error(errorMessage(err)) },
                  )
                }
              >
                <Button size="small" danger icon={<DeleteOutlined />} aria-label={t('indices.delete')} />
              </Popconfirm>
            ),
          },
        ]
      : []),
  ];
  return (
    <>
      <PageHeader
        title={t('indices.title')}
        subtitle={t('indices.subtitle')}
        extra={
          <>
            <YearPicker value={year} onChange={setYear} />
            {mayManage ? (
              <>
                <Button icon={<DownloadOutlined />} onClick={() => downloadTemplate(year)}>
                  {t('indices.template')}
                </Button>
                <Upload
                  accept=".xlsx"
                  showUploadList={false}
                  customRequest={async ({ file, onSuccess, onError }) => {
                    setProblems([]);
                    try {
                      const r = await importIndices(file as File);
                      message.success(t('indices.imported', { count: r.saved }));
                      invalidate(queryClient, [indices.list]);
                      onSuccess?.(r);
                    } catch (e) {
                      const fieldErrors = isApiError(e) ? e.fieldErrors : [];
                      setProblems(
                        fieldErrors.length > 0 ? fieldErrors.map((d) => d.message) : [errorMessage(e)],
                      );
                      onError?.(e as Error);
                    }
                  }}
                >
                  <Button icon={<UploadOutlined />}>{t('indices.import')}</Button>
                </Upload>
                <Button type="primary" icon={<PlusOutlined />} onClick={() => setEntering(true)}>
                  {t('indices.enter')}
                </Button>
              </>
            ) : null}
          </>
        }
      />
      <Card>
        {list.error ? <QueryError error={list.error} /> : null}
        {problems.length > 0 ? (
          <Alert
            type="error"
            showIcon
            style={{ marginBottom: 12 }}
            message={t('indices.importRefused')}
            description={
              <ul style={{ margin: 0 }}>
                {problems.map((p) => (
                  <li key={p}>{p}</li>
                ))}
              </ul>
            }
          />
        ) : null}
        <Table<OfficialIndex>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={list.data ?? []}
          loading={list.isLoading}
          pagination={false}
          locale={{ emptyText: <EmptyState description={t('indices.empty', { year })} /> }}
          scroll={{ x: 900 }}
        />
      </Card>
      {entering ? <EntryModal year={year} onClose={() => setEntering(false)} /> : null}
    </>
  );
}
