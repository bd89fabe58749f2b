import { DeleteOutlined, DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { BUDGET_SOURCE_LABELS, BUDGET_SOURCES, formatVnd, spendingProblem } from '@cqtt/domain/budget/budget';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Descriptions,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Row,
  Select,
  Space,
  Statistic,
  Table,
  Tag,
  Typography,
  type UploadFile,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { downloadFile, errorMessage } from '../../api/client';
import { useSession } from '../auth/session';
import { useUnits } from '../org/api';
import { can, hasRole } from '../permissions';
import { EvidenceUpload, isUploading, uploadedIds } from '../plans/EvidenceUpload';
import type { StoredFile } from '../plans/types';
import { useParam, useYearParam, YearPicker } from '../plans/ui';
import { CommunePicker, useCommuneScope } from '../shared/CommunePicker';
import { EmptyState, QueryError } from '../shared/feedback';
import { formatDate } from '../shared/format';
import { applyApiErrorToForm } from '../shared/formErrors';
import { PageHeader } from '../shared/PageHeader';
import { useDebounced } from '../shared/useDebounced';
import { useDocumentTitle } from '../shared/useDocumentTitle';
import {
  useAddLine,
  useAddSpending,
  useApproveBudget,
  useBudget,
  useBudgets,
  useCreateBudget,
  useDeleteLine,
  useDeleteSpending,
  useReturnBudget,
  useSubmitBudget,
} from './api';
import type { BudgetDetail, BudgetLine, BudgetStatus } from './types';

const STATUS_COLORS: Record<BudgetStatus, string> = {
  draft: 'default',
  submitted: 'gold',
  approved: 'green',
};

/** "1.250.000" in an input, read back as whole đồng. */
const moneyInput = {
  formatter: (v: string | number | undefined) => String(v ?? '').replace(/\B(?=(\d{3})+(?!\d))/g, '.'),
  parser: (v: string | undefined) => Number((v ?? '').replace(/[^\d-]/g, '')),
  style: { width: '100%' },
  addonAfter: 'đ',
  step: 100_000,
};

export function Vnd({ value }: { value: number | null | undefined }) {
  return (
    <span style={{ whiteSpace: 'nowrap' }}>
      {value === null || value === undefined ? '—' : formatVnd(value)}
    </span>
  );
}

export default function BudgetPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('budget.title'));
  const me = useSession();
  const scope = useCommuneScope();
  const [year, setYear] = useYearParam();
  const [unitId, setUnitId] = useParam('unitId');
  const [q, setQ] = useParam('q');
  const search = useDebounced(q ?? '', 300);
  const units = useUnits(scope.communeId, scope.ready);
  const list = useBudgets({ communeId: scope.communeId, year, unitId, q: search || undefined }, scope.ready);
  const mayManage = can(me, 'budget.manage');
  const [creating, setCreating] = useState(false);

  return (
    <>
      <PageHeader
        title={t('budget.title')}
        subtitle={t('budget.subtitle')}
        extra={
          <>
            {scope.cityLevel ? <CommunePicker value={scope.communeId} onChange={scope.setCommuneId} /> : null}
            <YearPicker value={year} onChange={setYear} />
            {mayManage && scope.ready ? (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
                {t('budget.create')}
              </Button>
            ) : null}
          </>
        }
      />
      <Flex gap={8} wrap style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          aria-label={t('budget.search')}
          placeholder={t('budget.search')}
          defaultValue={q}
          onChange={(e) => setQ(e.target.value || undefined)}
          style={{ maxWidth: 320 }}
        />
        <Select
          allowClear
          aria-label={t('budget.unit')}
          placeholder={t('budget.allUnits')}
          value={unitId}
          onChange={(v) => setUnitId(v)}
          options={(units.data ?? []).map((u) => ({ value: u.id, label: u.name }))}
          style={{ minWidth: 240 }}
        />
      </Flex>
      {list.error ? <QueryError error={list.error} onRetry={() => list.refetch()} /> : null}
      {list.data && list.data.length === 0 ? <EmptyState description={t('budget.empty', { year })} /> : null}
      {(list.data ?? []).map((summary) => (
        <EstimateCard key={summary.id} id={summary.id} />
      ))}
      {creating ? (
        <CreateModal
          year={year}
          communeId={scope.communeId}
          units={(units.data ?? []).map((u) => ({ value: u.id, label: u.name }))}
          defaultUnitId={hasRole(me, 'admin', 'coordinator') ? undefined : (me.unit?.id ?? undefined)}
          onClose={() => setCreating(false)}
        />
      ) : null}
    </>
  );
}

function CreateModal({
  year,
  communeId,
  units,
  defaultUnitId,
  onClose,
}: {
  year: number;
  communeId?: string;
  units: Array<{ value: string; label: string }>;
  defaultUnitId?: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  const create = useCreateBudget();
  const { message } = App.useApp();
  const kt = units.find((u) => u.label === 'Phòng Kinh tế')?.value;
  return (
    <Modal
      open
      title={t('budget.create')}
      okText={t('common.save')}
      onCancel={onClose}
      confirmLoading={create.isPending}
      onOk={() => form.submit()}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ year, title: t('budget.defaultTitle', { year }), unitId: defaultUnitId ?? kt }}
        onFinish={(v) =>
          create.mutate(
            { ...v, communeId },
            {
              onSuccess: () => {
                message.success(t('budget.created'));
                onClose();
              },
              onError: (err) => {
                if (!applyApiErrorToForm(form, err, ['year', 'title', 'unitId', 'note']))
                  message.error(errorMessage(err));
              },
            },
          )
        }
      >
        <Form.Item name="year" label={t('budget.year')} rules={[{ required: true }]}>
          <InputNumber min={2000} max={2100} style={{ width: 140 }} />
        </Form.Item>
        <Form.Item
          name="title"
          label={t('budget.name')}
          rules={[{ required: true, message: t('budget.required') }]}
        >
          <Input />
        </Form.Item>
        <Form.Item name="unitId" label={t('budget.unit')}>
          <Select options={units} allowClear disabled={Boolean(defaultUnitId)} />
        </Form.Item>
        <Form.Item name="note" label={t('budget.note')}>
          <Input.TextArea rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function EstimateCard({ id }: { id: string }) {
  const { t } = useTranslation();
  const me = useSession();
  const { message } = App.useApp();
  const query = useBudget(id);
  const submit = useSubmitBudget(id);
  const deleteLine = useDeleteLine();
  const deleteSpending = useDeleteSpending();
  const [dialog, setDialog] = useState<
    { kind: 'line' } | { kind: 'approve' } | { kind: 'return' } | { kind: 'spend'; line: BudgetLine } | null
  >(null);
  const [downloading, setDownloading] = useState(false);
  if (query.error) return <QueryError error={query.error} onRetry={() => query.refetch()} />;
  const b = query.data;
  if (!b) return <Card loading style={{ marginBottom: 16 }} />;
  const mayWrite =
    can(me, 'budget.manage') &&
    (hasRole(me, 'admin', 'coordinator') || (me.unit !== null && me.unit.id === b.unit?.id));
  const mayApprove = can(me, 'budget.approve');
  const onError = (err: unknown) => message.error(errorMessage(err));

  const columns = [
    { title: t('budget.number'), dataIndex: 'number', width: 56 },
    { title: t('budget.content'), dataIndex: 'content' },
    {
      title: t('budget.source'),
      dataIndex: 'source',
      width: 170,
      render: (_: unknown, l: BudgetLine) => l.sourceLabel,
    },
    {
      title: t('budget.estimated'),
      dataIndex: 'amount',
      align: 'right' as const,
      render: (v: number) => <Vnd value={v} />,
    },
    {
      title: t('budget.approved'),
      dataIndex: 'approvedAmount',
      align: 'right' as const,
      render: (v: number | null) => <Vnd value={v} />,
    },
    {
      title: t('budget.spent'),
      dataIndex: 'spent',
      align: 'right' as const,
      render: (v: number) => <Vnd value={v} />,
    },
    {
      title: t('budget.remaining'),
      dataIndex: 'remaining',
      align: 'right' as const,
      render: (v: number, l: BudgetLine) =>
        l.approvedAmount === null ? (
          '—'
        ) : (
          <Typography.Text type={l.overspent ? 'danger' : undefined}>
            <Vnd value={v} />
          </Typography.Text>
        ),
    },
    {
      title: '',
      key: 'actions',
      width: 120,
      render: (_: unknown, l: BudgetLine) => (
        <Space>
          {b.status === 'approved' && mayWrite ? (
            <Button size="small" onClick={() => setDialog({ kind: 'spend', line: l })}>
              {t('budget.spend')}
            </Button>
          ) : null}
          {b.status === 'draft' && mayWrite ? (
            <Popconfirm
              title={t('budget.deleteLineConfirm')}
              onConfirm={() => deleteLine.mutate(l.id, { onError })}
            >
              <Button size="small" danger icon={<DeleteOutlined />} aria-label={t('budget.deleteLine')} />
            </Popconfirm>
          ) : null}
        </Space>
      ),
    },
  ];

  return (
    <Card
      style={{ marginBottom: 16 }}
      data-testid="budget-card"
      title={
        <Flex gap={8} wrap align="center">
          <span style={{ whiteSpace: 'normal' }}>{b.title}</span>
          <Tag color={STATUS_COLORS[b.status]}>{t(`budget.status.${b.status}`)}</Tag>
        </Flex>
      }
      extra={
        <Space wrap>
          <Button
            icon={<DownloadOutlined />}
            loading={downloading}
            onClick={async () => {
              setDownloading(true);
              try {
                await downloadFile(`/api/budgets/${b.id}/export.xlsx`, undefined, `du-toan-${b.year}.xlsx`);
              } catch (err) {
                onError(err);
              } finally {
                setDownloading(false);
              }
            }}
          >
            {t('budget.exportXlsx')}
          </Button>
        </Space>
      }
    >
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        {(['estimated', 'approved', 'spent', 'remaining'] as const).map((k) => (
          <Col key={k} xs={12} md={6}>
            <Statistic title={t(`budget.${k}`)} value={formatVnd(b.totals[k])} />
          </Col>
        ))}
      </Row>
      <Descriptions size="small" column={{ xs: 1, md: 2 }} style={{ marginBottom: 12 }}>
        <Descriptions.Item label={t('budget.unit')}>{b.unit?.name ?? '—'}</Descriptions.Item>
        {b.submittedAt ? (
          <Descriptions.Item label={t('budget.submittedAt')}>
            {formatDate(b.submittedAt)} · {b.submittedBy?.fullName}
          </Descriptions.Item>
        ) : null}
        {b.decidedAt ? (
          <Descriptions.Item label={t('budget.decidedAt')}>
            {formatDate(b.decidedAt)} · {b.decidedBy?.fullName}
            {b.decisionNote ? ` — ${b.decisionNote}` : ''}
          </Descriptions.Item>
        ) : null}
      </Descriptions>
      {b.status === 'submitted' && mayApprove ? (
        <Alert type="warning" showIcon title={t('budget.waitingForYou')} style={{ marginBottom: 12 }} />
      ) : null}
      <Table<BudgetLine>
        rowKey="id"
        size="small"
        pagination={false}
        scroll={{ x: 900 }}
        dataSource={b.lines}
        columns={columns}
        expandable={{
          rowExpandable: (l) => l.spendings.length > 0,
          expandedRowRender: (l) => (
            <Table
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={l.spendings}
              columns={[
                {
                  title: t('budget.spentOn'),
                  dataIndex: 'spentOn',
                  width: 110,
                  render: (v: string) => formatDate(v),
                },
                { title: t('budget.content'), dataIndex: 'content' },
                {
                  title: t('budget.amount'),
                  dataIndex: 'amount',
                  align: 'right',
                  render: (v: number) => <Vnd value={v} />,
                },
                {
                  title: t('budget.documents'),
                  key: 'files',
                  render: (_: unknown, s: BudgetLine['spendings'][number]) => (
                    <Space orientation="vertical" size={0}>
                      {s.files.map((f) => (
                        <a key={f.id} href={`/api/files/${encodeURIComponent(f.id)}`} download={f.name}>
                          {f.name}
                        </a>
                      ))}
                      {s.overReason ? (
                        <Typography.Text type="warning">
                          {t('budget.overReasonShown', { reason: s.overReason })}
                        </Typography.Text>
                      ) : null}
                    </Space>
                  ),
                },
                {
                  title: '',
                  key: 'x',
                  width: 48,
                  render: (_: unknown, s: BudgetLine['spendings'][number]) =>
                    mayWrite ? (
                      <Popconfirm
                        title={t('budget.deleteSpendingConfirm')}
                        onConfirm={() => deleteSpending.mutate(s.id, { onError })}
                      >
                        <Button
                          size="small"
                          danger
                          icon={<DeleteOutlined />}
                          aria-label={t('budget.deleteSpending')}
                        />
                      </Popconfirm>
                    ) : null,
                },
              ]}
            />
          ),
        }}
        summary={() => (
          <Table.Summary.Row>
            <Table.Summary.Cell index={0} colSpan={4}>
              <strong>{t('budget.total')}</strong>
            </Table.Summary.Cell>
            <Table.Summary.Cell index={4} align="right">
              <strong>
                <Vnd value={b.totals.estimated} />
              </strong>
            </Table.Summary.Cell>
            <Table.Summary.Cell index={5} align="right">
              <strong>
                <Vnd value={b.totals.approved} />
              </strong>
            </Table.Summary.Cell>
            <Table.Summary.Cell index={6} align="right">
              <strong>
                <Vnd value={b.totals.spent} />
              </strong>
            </Table.Summary.Cell>
            <Table.Summary.Cell index={7} align="right">
              <strong>
                <Vnd value={b.totals.remaining} />
              </strong>
            </Table.Summary.Cell>
            <Table.Summary.Cell index={8} />
          </Table.Summary.Row>
        )}
      />
      <Flex gap={8} wrap style={{ marginTop: 12 }}>
        {b.status === 'draft' && mayWrite ? (
          <>
            <Button icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'line' })}>
              {t('budget.addLine')}
            </Button>
            <Popconfirm
              title={t('budget.submitConfirm')}
              onConfirm={() =>
                submit.mutate(undefined, { onError, onSuccess: () => message.success(t('budget.submitted')) })
              }
            >
              <Button type="primary" disabled={b.lines.length === 0} loading={submit.isPending}>
                {t('budget.submit')}
              </Button>
            </Popconfirm>
          </>
        ) : null}
        {b.status === 'submitted' && mayApprove ? (
          <>
            <Button type="primary" onClick={() => setDialog({ kind: 'approve' })}>
              {t('budget.approve')}
            </Button>
            <Button onClick={() => setDialog({ kind: 'return' })}>{t('budget.return')}</Button>
          </>
        ) : null}
      </Flex>
      {dialog?.kind === 'line' ? <LineModal budget={b} onClose={() => setDialog(null)} /> : null}
      {dialog?.kind === 'approve' ? <ApproveModal budget={b} onClose={() => setDialog(null)} /> : null}
      {dialog?.kind === 'return' ? <ReturnModal budget={b} onClose={() => setDialog(null)} /> : null}
      {dialog?.kind === 'spend' ? (
        <SpendModal budget={b} line={dialog.line} onClose={() => setDialog(null)} />
      ) : null}
    </Card>
  );
}

function LineModal({ budget, onClose }: { budget: BudgetDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  const add = useAddLine(budget.id);
  const { message } = App.useApp();
  const sources = BUDGET_SOURCES.map((s) => ({ value: s, label: BUDGET_SOURCE_LABELS[s] }));
  return (
    <Modal
      open
      title={t('budget.addLine')}
      okText={t('common.save')}
      onCancel={onClose}
      confirmLoading={add.isPending}
      onOk={() => form.submit()}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ source: 'commune' }}
        onFinish={(v) =>
          add.mutate(v, {
            onSuccess: onClose,
            onError: (err) => {
              if (!applyApiErrorToForm(form, err, ['content', 'amount', 'source', 'note']))
                message.error(errorMessage(err));
            },
          })
        }
      >
        <Form.Item
          name="content"
          label={t('budget.content')}
          rules={[{ required: true, message: t('budget.required') }]}
        >
          <Input.TextArea rows={2} />
        </Form.Item>
        <Form.Item
          name="amount"
          label={t('budget.amountVnd')}
          rules={[{ required: true, message: t('budget.required') }]}
        >
          <InputNumber<number> {...moneyInput} />
        </Form.Item>
        <Form.Item name="source" label={t('budget.source')} rules={[{ required: true }]}>
          <Select options={sources} />
        </Form.Item>
        <Form.Item name="note" label={t('budget.note')}>
          <Input />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function ApproveModal({ budget, onClose }: { budget: BudgetDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  const approve = useApproveBudget(budget.id);
  const { message } = App.useApp();
  const initial = useMemo(
    () => Object.fromEntries(budget.lines.map((l) => [`line_${l.id}`, l.amount])),
    [budget.lines],
  );
  return (
    <Modal
      open
      width={720}
      title={t('budget.approve')}
      okText={t('budget.approve')}
      onCancel={onClose}
      confirmLoading={approve.isPending}
      onOk={() => form.submit()}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={initial}
        onFinish={(v: Record<string, number | string>) =>
          approve.mutate(
            {
              lines: budget.lines.map((l) => ({ lineId: l.id, approvedAmount: Number(v[`line_${l.id}`]) })),
              note: (v.note as string | undefined) || undefined,
            },
            { onSuccess: onClose, onError: (err) => message.error(errorMessage(err)) },
          )
        }
      >
        {budget.lines.map((l) => (
          <Form.Item
            key={l.id}
            name={`line_${l.id}`}
            label={`${l.number}. ${l.content} (${t('budget.estimated').toLowerCase()} ${formatVnd(l.amount)})`}
            rules={[{ required: true, message: t('budget.required') }]}
          >
            <InputNumber<number> {...moneyInput} min={0} />
          </Form.Item>
        ))}
        <Form.Item name="note" label={t('budget.decisionNote')}>
          <Input.TextArea rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function ReturnModal({ budget, onClose }: { budget: BudgetDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  const back = useReturnBudget(budget.id);
  const { message } = App.useApp();
  return (
    <Modal
      open
      title={t('budget.return')}
      okText={t('budget.return')}
      onCancel={onClose}
      confirmLoading={back.isPending}
      onOk={() => form.submit()}
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) =>
          back.mutate(v.reason, { onSuccess: onClose, onError: (err) => message.error(errorMessage(err)) })
        }
      >
        <Form.Item
          name="reason"
          label={t('budget.returnReason')}
          rules={[{ required: true, message: t('budget.required') }]}
        >
          <Input.TextArea rows={3} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function SpendModal({
  budget,
  line,
  onClose,
}: {
  budget: BudgetDetail;
  line: BudgetLine;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  const spend = useAddSpending();
  const { message } = App.useApp();
  const amount = Form.useWatch('amount', form) as number | undefined;
  const files = (Form.useWatch('files', form) ?? []) as Array<UploadFile<StoredFile>>;
  const over =
    typeof amount === 'number' &&
    amount > 0 &&
    spendingProblem({ approvedAmount: line.approvedAmount, spent: line.spent }, amount) !== null;
  return (
    <Modal
      open
      title={t('budget.spendOn', { line: `${line.number}. ${line.content}` })}
      okText={t('common.save')}
      onCancel={onClose}
      confirmLoading={spend.isPending}
      okButtonProps={{ disabled: isUploading(files) }}
      onOk={() => form.submit()}
    >
      <Typography.Paragraph type="secondary">
        {t('budget.lineRemaining', {
          approved: formatVnd(line.approvedAmount ?? 0),
          remaining: formatVnd(line.remaining),
        })}
      </Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        onFinish={(v: {
          spentOn: Dayjs;
          amount: number;
          content: string;
          overReason?: string;
          files?: Array<UploadFile<StoredFile>>;
        }) =>
          spend.mutate(
            {
              lineId: line.id,
              spentOn: v.spentOn.format('YYYY-MM-DD'),
              amount: v.amount,
              content: v.content,
              overReason: v.overReason || undefined,
              fileIds: uploadedIds(v.files ?? []),
            },
            {
              onSuccess: () => {
                message.success(t('budget.spendingSaved'));
                onClose();
              },
              onError: (err) => {
                if (
                  !applyApiErrorToForm(form, err, ['spentOn', 'amount', 'content', 'overReason', 'fileIds'])
                )
                  message.error(errorMessage(err));
              },
            },
          )
        }
      >
        <Form.Item
          name="spentOn"
          label={t('budget.spentOn')}
          rules={[{ required: true, message: t('budget.required') }]}
        >
          <DatePicker format="DD/MM/YYYY" style={{ width: 180 }} />
        </Form.Item>
        <Form.Item
          name="amount"
          label={t('budget.amountVnd')}
          rules={[{ required: true, message: t('budget.required') }]}
        >
          <InputNumber<number> {...moneyInput} />
        </Form.Item>
        <Form.Item
          name="content"
          label={t('budget.content')}
          rules={[{ required: true, message: t('budget.required') }]}
        >
          <Input />
        </Form.Item>
        {over ? (
          <Alert type="warning" showIcon title={t('budget.overWarning')} style={{ marginBottom: 12 }} />
        ) : null}
        <Form.Item
          name="overReason"
          label={t('budget.overReason')}
          rules={over ? [{ required: true, message: t('budget.overReasonRequired') }] : []}
        >
          <Input.TextArea rows={2} />
        </Form.Item>
        <Form.Item name="files" label={t('budget.documents')} valuePropName="value">
          <EvidenceUpload />
        </Form.Item>
      </Form>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {budget.title}
      </Typography.Text>
    </Modal>
  );
}
