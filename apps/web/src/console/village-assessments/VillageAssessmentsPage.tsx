import { DownloadOutlined } from '@ant-design/icons';
import { VILLAGE_MODEL_ITEMS } from '@cqtt/domain/villages/villages';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Checkbox,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Radio,
  Space,
  Statistic,
  Table,
  Tag,
  Tooltip,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, downloadFile, errorMessage } from '../../api/client';
import { useSession } from '../auth/session';
import { can } from '../permissions';
import { useParam, useYearParam, YearPicker } from '../plans/ui';
import { CommunePicker, useCommuneScope } from '../shared/CommunePicker';
import { QueryError } from '../shared/feedback';
import { applyApiErrorToForm } from '../shared/formErrors';
import { PageHeader } from '../shared/PageHeader';
import { useDebounced } from '../shared/useDebounced';
import { useDocumentTitle } from '../shared/useDocumentTitle';

interface Assessment {
  id: string;
  village: { id: string; name: string };
  year: number;
  households: number;
  culturalFamilies: number;
  culturalFamilyShare: number | null;
  modelItems: string[];
  meetsTitle: boolean;
  proposeTitle: boolean;
  note: string;
  status: 'draft' | 'submitted' | 'reviewed';
  titleAchieved: boolean | null;
  reviewNote: string;
}
interface YearTable {
  year: number;
  activeVillages: number;
  recognised: number;
  cultureTitleShare: number | null;
  villages: Array<{
    village: { id: string; name: string };
    assessment: Assessment | null;
    mayEnter: boolean;
  }>;
}
type Row = YearTable['villages'][number];

export default function VillageAssessmentsPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('villageAssessments.title'));
  const me = useSession();
  const scope = useCommuneScope();
  const [year, setYear] = useYearParam();
  const [q, setQ] = useParam('q');
  const search = useDebounced(q ?? '', 300);
  const query = { communeId: scope.communeId, year, q: search || undefined };
  const table = useQuery({
    queryKey: ['village-assessments', query],
    queryFn: () => api.get<YearTable>('/api/village-assessments', query),
    enabled: scope.ready,
  });
  const [entering, setEntering] = useState<Row | null>(null);
  const [reviewing, setReviewing] = useState<Assessment | null>(null);
  const { message } = App.useApp();
  const mayReview = can(me, 'villages.review');
  const mayAssess = can(me, 'villages.assess');
  const client = useQueryClient();
  const submit = useMutation({
    mutationFn: (id: string) => api.post(`/api/village-assessments/${encodeURIComponent(id)}/submit`),
    onSuccess: () => client.invalidateQueries({ queryKey: ['village-assessments'] }),
    onError: (err) => message.error(errorMessage(err)),
  });
  const data = table.data;
  return (
    <>
      <PageHeader
        title={t('villageAssessments.title')}
        subtitle={t('villageAssessments.subtitle')}
        extra={
          <>
            {scope.cityLevel ? <CommunePicker value={scope.communeId} onChange={scope.setCommuneId} /> : null}
            <YearPicker value={year} onChange={setYear} />
            <Button
              icon={<DownloadOutlined />}
              onClick={() =>
                downloadFile(
                  '/api/village-assessments/export.xlsx',
                  query,
                  `thon-van-hoa-${year}.xlsx`,
                ).catch((err) => message.error(errorMessage(err)))
              }
            >
              {t('villageAssessments.exportXlsx')}
            </Button>
          </>
        }
      />
      <Flex gap={24} wrap style={{ marginBottom: 16 }}>
        <Statistic
          title={t('villageAssessments.recognised')}
          value={data ? `${data.recognised}/${data.activeVillages}` : '—'}
        />
        <Statistic
          title={t('villageAssessments.share')}
          value={
            data?.cultureTitleShare === null || !data ? '—' : `${Math.round(data.cultureTitleShare * 100)}%`
          }
        />
        <Input.Search
          allowClear
          aria-label={t('villageAssessments.search')}
          placeholder={t('villageAssessments.search')}
          defaultValue={q}
          onChange={(e) => setQ(e.target.value || undefined)}
          style={{ maxWidth: 320, alignSelf: 'center' }}
        />
      </Flex>
      {table.error ? <QueryError error={table.error} onRetry={() => table.refetch()} /> : null}
      <Table<Row>
        rowKey={(r) => r.village.id}
        size="small"
        loading={table.isLoading}
        pagination={false}
        scroll={{ x: 900 }}
        dataSource={data?.villages ?? []}
        columns={[
          {
            title: t('villageAssessments.village'),
            key: 'village',
            render: (_: unknown, r: Row) => r.village.name,
          },
          {
            title: t('villageAssessments.households'),
            key: 'h',
            align: 'right',
            render: (_: unknown, r: Row) => r.assessment?.households.toLocaleString('vi-VN') ?? '—',
          },
          {
            title: t('villageAssessments.culturalFamilies'),
            key: 'f',
            align: 'right',
            render: (_: unknown, r: Row) =>
              r.assessment
                ? `${r.assessment.culturalFamilies.toLocaleString('vi-VN')}${r.assessment.culturalFamilyShare === null ? '' : ` (${Math.round(r.assessment.culturalFamilyShare * 1000) / 10}%)`}`
                : '—',
          },
          {
            title: t('villageAssessments.modelItems'),
            key: 'm',
            render: (_: unknown, r: Row) =>
              r.assessment ? (
                <Tooltip
                  title={
                    VILLAGE_MODEL_ITEMS.filter((i) => !r.assessment!.modelItems.includes(i.key))
                      .map((i) => i.label)
                      .join('; ') || undefined
                  }
                >
                  {r.assessment.modelItems.length}/{VILLAGE_MODEL_ITEMS.length}
                </Tooltip>
              ) : (
                '—'
              ),
          },
          {
            title: t('villageAssessments.result'),
            key: 'r',
            render: (_: unknown, r: Row) => {
              const a = r.assessment;
              if (!a) return <Tag>{t('villageAssessments.notEntered')}</Tag>;
              if (a.titleAchieved === true) return <Tag color="green">Thôn văn hóa</Tag>;
              if (a.titleAchieved === false)
                return <Tag color="volcano">{t('villageAssessments.notAchieved')}</Tag>;
              return (
                <Tag color={a.status === 'submitted' ? 'gold' : 'default'}>
                  {t(`villageAssessments.status.${a.status}`)}
                </Tag>
              );
            },
          },
          {
            title: '',
            key: 'actions',
            width: 220,
            render: (_: unknown, r: Row) => {
              const a = r.assessment;
              return (
                <Space wrap>
                  {mayAssess && r.mayEnter && (a?.status !== 'reviewed' || mayReview) ? (
                    <Button size="small" onClick={() => setEntering(r)}>
                      {a ? t('villageAssessments.edit') : t('villageAssessments.enter')}
                    </Button>
                  ) : null}
                  {a && a.status === 'draft' && mayAssess && r.mayEnter ? (
                    <Button size="small" loading={submit.isPending} onClick={() => submit.mutate(a.id)}>
                      {t('villageAssessments.submit')}
                    </Button>
                  ) : null}
                  {a && mayReview ? (
                    <Button size="small" type="primary" onClick={() => setReviewing(a)}>
                      {t('villageAssessments.review')}
                    </Button>
                  ) : null}
                </Space>
              );
            },
          },
        ]}
      />
      {entering ? (
        <EnterModal
          row={entering}
          year={year}
          communeId={scope.communeId}
          onClose={() => setEntering(null)}
        />
      ) : null}
      {reviewing ? <ReviewModal assessment={reviewing} onClose={() => setReviewing(null)} /> : null}
    </>
  );
}

function EnterModal({
  row,
  year,
  communeId,
  onClose,
}: {
  row: Row;
  year: number;
  communeId?: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const client = useQueryClient();
  const a = row.assessment;
  const save = useMutation({
    mutationFn: (v: Record<string, unknown>) =>
      a
        ? api.patch(`/api/village-assessments/${encodeURIComponent(a.id)}`, v)
        : api.post('/api/village-assessments', { ...v, communeId, villageId: row.village.id, year }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['village-assessments'] });
      onClose();
    },
    onError: (err) => {
      if (!applyApiErrorToForm(form, err, ['households', 'culturalFamilies', 'modelItems', 'note']))
        message.error(errorMessage(err));
    },
  });
  return (
    <Modal
      open
      width={640}
      title={t('villageAssessments.enterTitle', { village: row.village.name, year })}
      okText={t('common.save')}
      onCancel={onClose}
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={a ? { ...a } : { modelItems: [], proposeTitle: false }}
        onFinish={(v) => save.mutate({ ...v, note: v.note ?? '' })}
      >
        <Flex gap={12}>
          <Form.Item
            name="households"
            label={t('villageAssessments.households')}
            rules={[{ required: true, message: t('villageAssessments.required') }]}
          >
            <InputNumber<number> min={0} style={{ width: 160 }} />
          </Form.Item>
          <Form.Item
            name="culturalFamilies"
            label={t('villageAssessments.culturalFamilies')}
            rules={[{ required: true, message: t('villageAssessments.required') }]}
          >
            <InputNumber<number> min={0} style={{ width: 160 }} />
          </Form.Item>
        </Flex>
        <Form.Item name="modelItems" label={t('villageAssessments.modelItemsLong')}>
          <Checkbox.Group
            style={{ display: 'flex', flexDirection: 'column', gap: 6 }}
            options={VILLAGE_MODEL_ITEMS.map((i) => ({ value: i.key, label: i.label }))}
          />
        </Form.Item>
        <Form.Item name="proposeTitle" valuePropName="checked">
          <Checkbox>{t('villageAssessments.proposeTitle')}</Checkbox>
        </Form.Item>
        <Form.Item name="note" label={t('villageAssessments.note')}>
          <Input.TextArea rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function ReviewModal({ assessment, onClose }: { assessment: Assessment; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const client = useQueryClient();
  const review = useMutation({
    mutationFn: (v: { titleAchieved: boolean; note?: string }) =>
      api.post(`/api/village-assessments/${encodeURIComponent(assessment.id)}/review`, v),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['village-assessments'] });
      onClose();
    },
    onError: (err) => {
      if (!applyApiErrorToForm(form, err, ['note'])) message.error(errorMessage(err));
    },
  });
  return (
    <Modal
      open
      title={t('villageAssessments.reviewTitle', { village: assessment.village.name })}
      okText={t('common.save')}
      onCancel={onClose}
      confirmLoading={review.isPending}
      onOk={() => form.submit()}
    >
      <Alert
        type={assessment.meetsTitle ? 'success' : 'warning'}
        showIcon
        title={assessment.meetsTitle ? t('villageAssessments.meets') : t('villageAssessments.doesNotMeet')}
        style={{ marginBottom: 12 }}
      />
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          titleAchieved: assessment.titleAchieved ?? assessment.meetsTitle,
          note: assessment.reviewNote,
        }}
        onFinish={(v) => review.mutate(v)}
      >
        <Form.Item name="titleAchieved" label={t('villageAssessments.result')}>
          <Radio.Group
            options={[
              { value: true, label: 'Thôn văn hóa' },
              { value: false, label: t('villageAssessments.notAchieved') },
            ]}
          />
        </Form.Item>
        <Form.Item name="note" label={t('villageAssessments.reviewNote')}>
          <Input.TextArea rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
