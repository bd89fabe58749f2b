import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { type BudgetLine, type Estimate, estimates } from '@cqtt/contract/budget';
import { formatVnd } from '@cqtt/domain/budget/budget';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Flex,
  Popconfirm,
  Row,
  Space,
  Statistic,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../api/client';
import { useCall, useSend } from '../../api/queries';
import { useSession } from '../auth/session';
import { hasRole, mayCall } from '../permissions';
import { FileLinks } from '../shared/FileLinks';
import { QueryError } from '../shared/feedback';
import { formatDate } from '../shared/format';
import { DownloadButton } from '../shared/register/actions';
import { type BudgetDialog, BudgetDialogs } from './BudgetDialogs';

const STATUS_COLORS: Record<Estimate['status'], string> = {
  draft: 'default',
  submitted: 'gold',
  approved: 'green',
};
/** Every write answers the whole estimate; the list and the card are refreshed with it. */
export const CHANGES = [estimates.list];

export function Vnd({ value }: { value: number | null | undefined }) {
  return (
    <span style={{ whiteSpace: 'nowrap' }}>
      {value === null || value === undefined ? '—' : formatVnd(value)}
    </span>
  );
}

/** One estimate: its totals, its lines with what each has spent, and the actions its status allows. */
export function EstimateCard({ id }: { id: string }) {
  const { t } = useTranslation();
  const me = useSession();
  const { message } = App.useApp();
  const query = useCall(estimates.get, { params: { id } });
  const submit = useSend(estimates.submit, { invalidates: CHANGES });
  const deleteLine = useSend(estimates.removeLine, { invalidates: CHANGES });
  const deleteSpending = useSend(estimates.removeSpending, { invalidates: CHANGES });
  const [dialog, setDialog] = useState<BudgetDialog | null>(null);
  if (query.error) return <QueryError error={query.error} onRetry={() => query.refetch()} />;
  const b = query.data;
  if (!b) return <Card loading style={{ marginBottom: 16 }} />;
  // the server checks the same: Phòng VH-XH any estimate, a focal his unit's
  const mayWrite =
    mayCall(me, estimates.update) &&
    (hasRole(me, 'admin', 'coordinator') || (me.unit !== null && me.unit.id === b.unit?.id));
  const mayApprove = mayCall(me, estimates.approve);
  const onError = (err: unknown) => message.error(errorMessage(err));
  type Spending = BudgetLine['spendings'][number];
  const money = (key: 'amount' | 'approvedAmount' | 'spent', title: string) => ({
    title,
    dataIndex: key,
    align: 'right' as const,
    render: (v: number | null) => <Vnd value={v} />,
  });
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
        <DownloadButton
          endpoint={estimates.exportXlsx}
          input={{ params: { id: b.id } }}
          fileName={`du-toan-${b.year}.xlsx`}
        >
          {t('budget.exportXlsx')}
        </DownloadButton>
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
        columns={[
          { title: t('budget.number'), dataIndex: 'number', width: 56 },
          { title: t('budget.content'), dataIndex: 'content' },
          {
            title: t('budget.source'),
            dataIndex: 'sourceLabel',
            width: 190,
            // a line the city funds: what the city did with it, and the tờ trình that asked
            render: (label: string, l: BudgetLine) =>
              l.city ? (
                <Space direction="vertical" size={0}>
                  <span>{label}</span>
                  <Tag
                    color={
                      l.city.status === 'approved' ? 'green' : l.city.status === 'refused' ? 'red' : 'gold'
                    }
                  >
                    {l.city.statusLabel}
                  </Tag>
                  {l.city.proposal ? (
                    <Typography.Text type="secondary">
                      {t('budget.proposalRef', { number: l.city.proposal.number })}
                    </Typography.Text>
                  ) : null}
                  {l.city.reason ? <Typography.Text type="secondary">{l.city.reason}</Typography.Text> : null}
                </Space>
              ) : (
                label
              ),
          },
          money('amount', t('budget.estimated')),
          money('approvedAmount', t('budget.approved')),
          money('spent', t('budget.spent')),
          {
            title: t('budget.remaining'),
            dataIndex: 'remaining',
            align: 'right',
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
                    onConfirm={() => deleteLine.mutate({ params: { id: l.id } }, { onError })}
                  >
                    <Button
                      size="small"
                      danger
                      icon={<DeleteOutlined />}
                      aria-label={t('budget.deleteLine')}
                    />
                  </Popconfirm>
                ) : null}
              </Space>
            ),
          },
        ]}
        expandable={{
          rowExpandable: (l) => l.spendings.length > 0,
          expandedRowRender: (l) => (
            <Table<Spending>
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
                  render: (_: unknown, s: Spending) => (
                    <Space orientation="vertical" size={0}>
                      <FileLinks files={s.files} />
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
                  render: (_: unknown, s: Spending) =>
                    mayWrite ? (
                      <Popconfirm
                        title={t('budget.deleteSpendingConfirm')}
                        onConfirm={() => deleteSpending.mutate({ params: { id: s.id } }, { onError })}
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
            {(['estimated', 'approved', 'spent', 'remaining'] as const).map((k, i) => (
              <Table.Summary.Cell key={k} index={4 + i} align="right">
                <strong>
                  <Vnd value={b.totals[k]} />
                </strong>
              </Table.Summary.Cell>
            ))}
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
                submit.mutate(
                  { params: { id: b.id } },
                  { onError, onSuccess: () => message.success(t('budget.submitted')) },
                )
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
      {dialog ? <BudgetDialogs dialog={dialog} budget={b} onClose={() => setDialog(null)} /> : null}
    </Card>
  );
}
