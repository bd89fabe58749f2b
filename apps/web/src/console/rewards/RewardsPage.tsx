import { DownloadOutlined, FileWordOutlined, PlusOutlined } from '@ant-design/icons';
import { REWARD_FORMS } from '@cqtt/domain/rewards/rewards';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  AutoComplete,
  Button,
  DatePicker,
  Flex,
  Form,
  Input,
  Modal,
  Radio,
  Select,
  Space,
  Table,
  Tag,
  Typography,
  type UploadFile,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, downloadFile, errorMessage } from '../../api/client';
import { useSession } from '../auth/session';
import { can } from '../permissions';
import { EvidenceUpload, isUploading, uploadedIds } from '../plans/EvidenceUpload';
import type { StoredFile } from '../plans/types';
import { useParam, useYearParam, YearPicker } from '../plans/ui';
import { CommunePicker, useCommuneScope } from '../shared/CommunePicker';
import { asUploadFiles, FileLinks } from '../shared/FileLinks';
import { QueryError } from '../shared/feedback';
import { formatDate } from '../shared/format';
import { applyApiErrorToForm } from '../shared/formErrors';
import { PageHeader } from '../shared/PageHeader';
import { useDebounced } from '../shared/useDebounced';
import { useDocumentTitle } from '../shared/useDocumentTitle';

interface Reward {
  id: string;
  year: number;
  nomineeKind: 'individual' | 'collective';
  nomineeKindLabel: string;
  nomineeName: string;
  nomineePosition: string;
  achievements: string;
  status: 'nominated' | 'awarded' | 'declined';
  statusLabel: string;
  mttqComment: string;
  form: string;
  decisionNumber: string;
  decisionDate: string | null;
  decisionNote: string;
  nominatingUnit: { name: string } | null;
  files: StoredFile[];
}
const STATUS_COLOR = { nominated: 'gold', awarded: 'green', declined: 'default' } as const;

export default function RewardsPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('rewards.title'));
  const me = useSession();
  const { message } = App.useApp();
  const scope = useCommuneScope();
  const [year, setYear] = useYearParam();
  const [q, setQ] = useParam('q');
  const [status, setStatus] = useParam('status');
  const search = useDebounced(q ?? '', 300);
  const query = { communeId: scope.communeId, year, q: search || undefined, status };
  const list = useQuery({
    queryKey: ['rewards', query],
    queryFn: () => api.get<Reward[]>('/api/rewards', query),
    enabled: scope.ready,
  });
  const [dialog, setDialog] = useState<
    { kind: 'nominate' } | { kind: 'edit' | 'comment' | 'decide'; reward: Reward } | null
  >(null);
  return (
    <>
      <PageHeader
        title={t('rewards.title')}
        subtitle={t('rewards.subtitle')}
        extra={
          <>
            {scope.cityLevel ? <CommunePicker value={scope.communeId} onChange={scope.setCommuneId} /> : null}
            <YearPicker value={year} onChange={setYear} />
            <Button
              icon={<DownloadOutlined />}
              onClick={() =>
                downloadFile('/api/rewards/export.xlsx', query, `khen-thuong-${year}.xlsx`).catch((err) =>
                  message.error(errorMessage(err)),
                )
              }
            >
              {t('rewards.exportXlsx')}
            </Button>
            {can(me, 'rewards.nominate') && scope.ready ? (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'nominate' })}>
                {t('rewards.nominate')}
              </Button>
            ) : null}
          </>
        }
      />
      <Flex gap={8} wrap style={{ marginBottom: 12 }}>
        <Input.Search
          allowClear
          aria-label={t('rewards.search')}
          placeholder={t('rewards.search')}
          defaultValue={q}
          onChange={(e) => setQ(e.target.value || undefined)}
          style={{ maxWidth: 320 }}
        />
        <Select
          allowClear
          aria-label={t('rewards.status')}
          placeholder={t('rewards.allStatuses')}
          value={status}
          onChange={(v) => setStatus(v)}
          options={(['nominated', 'awarded', 'declined'] as const).map((s) => ({
            value: s,
            label: t(`rewards.statuses.${s}`),
          }))}
          style={{ minWidth: 200 }}
        />
      </Flex>
      {list.error ? <QueryError error={list.error} onRetry={() => list.refetch()} /> : null}
      <Table<Reward>
        rowKey="id"
        size="small"
        loading={list.isLoading}
        dataSource={list.data ?? []}
        scroll={{ x: 900 }}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        columns={[
          {
            title: t('rewards.nominee'),
            key: 'n',
            render: (_: unknown, r: Reward) => (
              <div>
                <strong>{r.nomineeName}</strong> <Tag>{r.nomineeKindLabel}</Tag>
                {r.nomineePosition ? <div style={{ fontSize: 12 }}>{r.nomineePosition}</div> : null}
              </div>
            ),
          },
          {
            title: t('rewards.achievements'),
            key: 'achievements',
            render: (_: unknown, r: Reward) => (
              <div>
                <div>{r.achievements}</div>
                {r.files.length > 0 ? <FileLinks files={r.files} /> : null}
              </div>
            ),
          },
          { title: t('rewards.mttqComment'), dataIndex: 'mttqComment', width: 200 },
          {
            title: t('rewards.decision'),
            key: 'd',
            width: 230,
            render: (_: unknown, r: Reward) => (
              <div>
                <Tag color={STATUS_COLOR[r.status]}>{r.statusLabel}</Tag>
                {r.status === 'awarded' ? (
                  <div style={{ fontSize: 12 }}>
                    {r.form} — {r.decisionNumber} ({formatDate(r.decisionDate)})
                  </div>
                ) : null}
                {r.decisionNote ? <Typography.Text type="secondary">{r.decisionNote}</Typography.Text> : null}
              </div>
            ),
          },
          {
            title: '',
            key: 'a',
            width: 200,
            render: (_: unknown, r: Reward) => (
              <Space wrap>
                {r.status === 'nominated' && can(me, 'rewards.nominate') ? (
                  <Button size="small" onClick={() => setDialog({ kind: 'edit', reward: r })}>
                    {t('rewards.edit')}
                  </Button>
                ) : null}
                {r.status === 'nominated' && can(me, 'rewards.comment') ? (
                  <Button size="small" onClick={() => setDialog({ kind: 'comment', reward: r })}>
                    {t('rewards.comment')}
                  </Button>
                ) : null}
                {r.status === 'nominated' && can(me, 'rewards.decide') ? (
                  <Button
                    size="small"
                    type="primary"
                    onClick={() => setDialog({ kind: 'decide', reward: r })}
                  >
                    {t('rewards.decide')}
                  </Button>
                ) : null}
                {r.status === 'awarded' ? (
                  <Button
                    size="small"
                    icon={<FileWordOutlined />}
                    onClick={() =>
                      downloadFile(`/api/rewards/${r.id}/decision.docx`, undefined, 'quyet-dinh.docx').catch(
                        (err) => message.error(errorMessage(err)),
                      )
                    }
                  >
                    {t('rewards.decisionDocx')}
                  </Button>
                ) : null}
              </Space>
            ),
          },
        ]}
      />
      {dialog?.kind === 'nominate' || dialog?.kind === 'edit' ? (
        <NominateModal
          year={year}
          communeId={scope.communeId}
          reward={dialog.kind === 'edit' ? dialog.reward : null}
          onClose={() => setDialog(null)}
        />
      ) : null}
      {dialog?.kind === 'comment' ? (
        <CommentModal reward={dialog.reward} onClose={() => setDialog(null)} />
      ) : null}
      {dialog?.kind === 'decide' ? (
        <DecideModal reward={dialog.reward} onClose={() => setDialog(null)} />
      ) : null}
    </>
  );
}

function useRewardWrite<V>(
  send: (v: V) => Promise<unknown>,
  form: ReturnType<typeof Form.useForm>[0],
  fields: string[],
  onClose: () => void,
) {
  const client = useQueryClient();
  const { message } = App.useApp();
  return useMutation({
    mutationFn: send,
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['rewards'] });
      onClose();
    },
    onError: (err) => {
      if (!applyApiErrorToForm(form, err, fields)) message.error(errorMessage(err));
    },
  });
}

/** A new nomination, or changes to one not yet decided (with its evidence files). */
function NominateModal({
  year,
  communeId,
  reward,
  onClose,
}: {
  year: number;
  communeId?: string;
  reward: Reward | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  const files: Array<UploadFile<StoredFile>> | undefined = Form.useWatch('files', form);
  const save = useRewardWrite(
    ({ files: picked, ...v }: Record<string, unknown> & { files?: Array<UploadFile<StoredFile>> }) => {
      const body = { ...v, fileIds: uploadedIds(picked ?? []) };
      return reward
        ? api.patch(`/api/rewards/${reward.id}`, body)
        : api.post('/api/rewards', { ...body, communeId, year });
    },
    form,
    ['nomineeName', 'nomineePosition', 'achievements', 'fileIds'],
    onClose,
  );
  return (
    <Modal
      open
      width={640}
      title={reward ? t('rewards.editTitle', { name: reward.nomineeName }) : t('rewards.nominate')}
      okText={t('common.save')}
      onCancel={onClose}
      confirmLoading={save.isPending}
      okButtonProps={{ disabled: isUploading(files ?? []) }}
      onOk={() => form.submit()}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={
          reward
            ? {
                nomineeKind: reward.nomineeKind,
                nomineeName: reward.nomineeName,
                nomineePosition: reward.nomineePosition,
                achievements: reward.achievements,
                files: asUploadFiles(reward.files),
              }
            : { nomineeKind: 'individual', files: [] }
        }
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item name="nomineeKind" label={t('rewards.nomineeKind')}>
          <Radio.Group
            options={[
              { value: 'individual', label: 'Cá nhân' },
              { value: 'collective', label: 'Tập thể' },
            ]}
          />
        </Form.Item>
        <Form.Item
          name="nomineeName"
          label={t('rewards.nomineeName')}
          rules={[{ required: true, message: t('rewards.required') }]}
        >
          <Input />
        </Form.Item>
        <Form.Item name="nomineePosition" label={t('rewards.position')}>
          <Input />
        </Form.Item>
        <Form.Item
          name="achievements"
          label={t('rewards.achievements')}
          rules={[{ required: true, message: t('rewards.required') }]}
        >
          <Input.TextArea rows={4} />
        </Form.Item>
        <Form.Item name="files" label={t('rewards.evidence')} valuePropName="value">
          <EvidenceUpload />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function CommentModal({ reward, onClose }: { reward: Reward; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  const save = useRewardWrite(
    (v: { comment: string }) => api.post(`/api/rewards/${reward.id}/comment`, v),
    form,
    ['comment'],
    onClose,
  );
  return (
    <Modal
      open
      title={`${t('rewards.comment')}: ${reward.nomineeName}`}
      okText={t('common.save')}
      onCancel={onClose}
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ comment: reward.mttqComment }}
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item
          name="comment"
          label={t('rewards.mttqComment')}
          rules={[{ required: true, message: t('rewards.required') }]}
        >
          <Input.TextArea rows={3} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function DecideModal({ reward, onClose }: { reward: Reward; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  const award = Form.useWatch('award', form) as boolean | undefined;
  const save = useRewardWrite(
    (v: { award: boolean; form?: string; decisionNumber?: string; decisionDate?: Dayjs; note?: string }) =>
      api.post(`/api/rewards/${reward.id}/decide`, {
        ...v,
        decisionDate: v.decisionDate?.format('YYYY-MM-DD'),
      }),
    form,
    ['form', 'decisionNumber', 'decisionDate', 'note'],
    onClose,
  );
  return (
    <Modal
      open
      title={`${t('rewards.decide')}: ${reward.nomineeName}`}
      okText={t('common.save')}
      onCancel={onClose}
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ award: true, form: REWARD_FORMS[0] }}
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item name="award">
          <Radio.Group
            options={[
              { value: true, label: t('rewards.award') },
              { value: false, label: t('rewards.decline') },
            ]}
          />
        </Form.Item>
        {award !== false ? (
          <>
            <Form.Item name="form" label={t('rewards.form')}>
              <AutoComplete options={REWARD_FORMS.map((f) => ({ value: f }))} />
            </Form.Item>
            <Form.Item name="decisionNumber" label={t('rewards.decisionNumber')}>
              <Input placeholder="125/QĐ-UBND" />
            </Form.Item>
            <Form.Item name="decisionDate" label={t('rewards.decisionDate')}>
              <DatePicker format="DD/MM/YYYY" />
            </Form.Item>
          </>
        ) : null}
        <Form.Item name="note" label={t('rewards.note')}>
          <Input.TextArea rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
