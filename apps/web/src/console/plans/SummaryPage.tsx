import { ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Col, Flex, Row, Statistic, Table, type TableColumnsType, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { CommunePicker, useCommuneScope } from '../shared/CommunePicker';
import { EmptyState, QueryError } from '../shared/feedback';
import { formatPercent } from '../shared/format';
import { PageHeader } from '../shared/PageHeader';
import { useDocumentTitle } from '../shared/useDocumentTitle';
import { usePlanSummary, usePlans } from './api';
import type { SummaryCounts, UnitRef } from './types';
import { defaultPlan, PlanSelect, STATUS_BAR_COLORS, useParam, useYearParam, YearPicker } from './ui';

type UnitRow = SummaryCounts & { unit: UnitRef };

/** Segments of the bar, in the order they are drawn. */
const SEGMENTS = [
  { key: 'doneOnTime', color: STATUS_BAR_COLORS.done },
  { key: 'doneLate', color: '#95de64' },
  { key: 'inProgress', color: STATUS_BAR_COLORS.in_progress },
  { key: 'notStarted', color: STATUS_BAR_COLORS.not_started },
  { key: 'overdue', color: STATUS_BAR_COLORS.overdue },
] as const;
type SegmentKey = (typeof SEGMENTS)[number]['key'];

function segmentValue(c: SummaryCounts, key: SegmentKey): number {
  if (key === 'doneLate') return Math.max(0, c.done - c.doneOnTime);
  return c[key];
}

function percent(part: number, total: number): number {
  return total > 0 ? Math.round((part / total) * 100) : 0;
}

/** A stacked bar drawn with CSS: one coloured part per state, its width the share of tasks. */
export function StackedBar({ counts, label }: { counts: SummaryCounts; label: string }) {
  const { t } = useTranslation();
  const parts = SEGMENTS.map((s) => ({ ...s, value: segmentValue(counts, s.key) })).filter(
    (s) => s.value > 0,
  );
  const description = parts.map((s) => `${t(`plans.summary.${s.key}`)} ${s.value}`).join(', ');
  return (
    <div className="cqtt-stack" role="img" aria-label={`${label}: ${description || t('plans.summary.none')}`}>
      {counts.total === 0 ? (
        <div className="cqtt-stack-empty" />
      ) : (
        parts.map((s) => (
          <div
            key={s.key}
            className="cqtt-stack-part"
            style={{ width: `${(s.value / counts.total) * 100}%`, background: s.color }}
            title={`${t(`plans.summary.${s.key}`)}: ${s.value}`}
          />
        ))
      )}
    </div>
  );
}

function Legend() {
  const { t } = useTranslation();
  return (
    <Flex gap={16} wrap className="cqtt-legend" aria-hidden="true">
      {SEGMENTS.map((s) => (
        <span key={s.key}>
          <i style={{ background: s.color }} />
          {t(`plans.summary.${s.key}`)}
        </span>
      ))}
    </Flex>
  );
}

export default function SummaryPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('nav.summary'));
  const scope = useCommuneScope();
  const [year, setYear] = useYearParam();
  const [planParam, setPlanId] = useParam('planId');
  const plans = usePlans(scope.communeId, scope.ready);
  const planId = planParam ?? defaultPlan(plans.data ?? [], year)?.id;
  const summary = usePlanSummary(scope.ready ? planId : undefined, year);
  const data = summary.data;
  const totals = data?.totals;
  const progressLink = (unitId: string, status?: string) =>
    `/progress?${new URLSearchParams({
      ...(planId ? { planId } : {}),
      year: String(year),
      unitId,
      ...(status ? { status } : {}),
      ...(scope.communeId ? { communeId: scope.communeId } : {}),
    })}`;

  const num = (value: number, row: UnitRow, status?: string) =>
    value > 0 ? (
      <Link to={progressLink(row.unit.id, status)}>{value}</Link>
    ) : (
      <span className="cqtt-muted">0</span>
    );

  const columns: TableColumnsType<UnitRow> = [
    {
      title: t('plans.summary.unit'),
      key: 'unit',
      render: (_, r) => r.unit.name,
      sorter: (a, b) => a.unit.name.localeCompare(b.unit.name, 'vi'),
    },
    {
      title: t('plans.summary.totalShort'),
      dataIndex: 'total',
      width: 80,
      align: 'right',
      sorter: (a, b) => a.total - b.total,
    },
    {
      title: t('plans.summary.done'),
      dataIndex: 'done',
      width: 120,
      align: 'right',
      sorter: (a, b) => a.done - b.done,
      render: (v: number, r) => (
        <span>
          {num(v, r, 'done')}
          <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
            {t('plans.summary.onTimeOf', { count: r.doneOnTime })}
          </Typography.Text>
        </span>
      ),
    },
    {
      title: t('plans.summary.overdue'),
      dataIndex: 'overdue',
      width: 90,
      align: 'right',
      sorter: (a, b) => a.overdue - b.overdue,
      render: (v: number, r) =>
        v > 0 ? <strong className="cqtt-danger">{num(v, r, 'overdue')}</strong> : num(v, r),
    },
    {
      title: t('plans.summary.inProgress'),
      dataIndex: 'inProgress',
      width: 110,
      align: 'right',
      sorter: (a, b) => a.inProgress - b.inProgress,
      render: (v: number, r) => num(v, r, 'in_progress'),
    },
    {
      title: t('plans.summary.notStarted'),
      dataIndex: 'notStarted',
      width: 110,
      align: 'right',
      sorter: (a, b) => a.notStarted - b.notStarted,
      render: (v: number, r) => num(v, r, 'not_started'),
    },
    {
      title: t('plans.summary.chart'),
      key: 'chart',
      width: 260,
      render: (_, r) => (
        <Flex align="center" gap={8}>
          <StackedBar counts={r} label={r.unit.name} />
          <span style={{ minWidth: 40, textAlign: 'right' }}>
            {formatPercent(percent(r.done, r.total), 0)}
          </span>
        </Flex>
      ),
    },
  ];

  return (
    <>
      <PageHeader title={t('nav.summary')} subtitle={t('plans.summary.subtitle', { year })} />
      <Card style={{ marginBottom: 16 }}>
        <Flex gap={12} wrap align="center">
          {scope.cityLevel ? <CommunePicker value={scope.communeId} onChange={scope.setCommuneId} /> : null}
          <PlanSelect
            plans={plans.data ?? []}
            value={planId}
            onChange={setPlanId}
            loading={plans.isLoading}
          />
          <YearPicker value={year} onChange={setYear} plans={plans.data} />
          <Button
            icon={<ReloadOutlined />}
            onClick={() => void summary.refetch()}
            loading={summary.isFetching}
            disabled={!planId}
          >
            {t('common.refresh')}
          </Button>
        </Flex>
      </Card>
      {plans.isError ? <QueryError error={plans.error} onRetry={() => void plans.refetch()} /> : null}
      {summary.isError ? <QueryError error={summary.error} onRetry={() => void summary.refetch()} /> : null}
      {totals ? (
        <Row gutter={[16, 16]} style={{ marginBottom: 16 }} data-testid="summary-totals">
          <Col xs={12} md={6}>
            <Card>
              <Statistic title={t('plans.summary.total')} value={totals.total} />
            </Card>
          </Col>
          <Col xs={12} md={6}>
            <Card>
              <Statistic
                title={t('plans.summary.doneOnTimeRate')}
                value={percent(totals.doneOnTime, totals.total)}
                suffix="%"
                styles={{ content: { color: STATUS_BAR_COLORS.done } }}
              />
            </Card>
          </Col>
          <Col xs={12} md={6}>
            <Card>
              <Statistic
                title={t('plans.summary.overdue')}
                value={totals.overdue}
                styles={{ content: { color: totals.overdue > 0 ? STATUS_BAR_COLORS.overdue : undefined } }}
              />
            </Card>
          </Col>
          <Col xs={12} md={6}>
            <Card>
              <Statistic
                title={t('plans.summary.inProgressOrNot')}
                value={totals.inProgress + totals.notStarted}
              />
            </Card>
          </Col>
        </Row>
      ) : null}
      <Card>
        <Legend />
        {scope.ready ? (
          <Table<UnitRow>
            rowKey={(r) => r.unit.id}
            size="middle"
            columns={columns}
            dataSource={data?.units ?? []}
            loading={summary.isLoading || plans.isLoading}
            pagination={false}
            locale={{
              emptyText: (
                <EmptyState
                  description={
                    plans.data?.length === 0 ? t('plans.list.empty') : t('plans.summary.empty', { year })
                  }
                />
              ),
            }}
            scroll={{ x: 900 }}
            summary={() =>
              totals && (data?.units.length ?? 0) > 0 ? (
                <Table.Summary.Row className="cqtt-summary-total">
                  <Table.Summary.Cell index={0}>
                    <strong>{t('plans.summary.totals')}</strong>
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={1} align="right">
                    <strong>{totals.total}</strong>
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={2} align="right">
                    <strong>{totals.done}</strong>
                    <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
                      {t('plans.summary.onTimeOf', { count: totals.doneOnTime })}
                    </Typography.Text>
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={3} align="right">
                    <strong>{totals.overdue}</strong>
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={4} align="right">
                    <strong>{totals.inProgress}</strong>
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={5} align="right">
                    <strong>{totals.notStarted}</strong>
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={6}>
                    <Flex align="center" gap={8}>
                      <StackedBar counts={totals} label={t('plans.summary.totals')} />
                      <span style={{ minWidth: 40, textAlign: 'right' }}>
                        {formatPercent(percent(totals.done, totals.total), 0)}
                      </span>
                    </Flex>
                  </Table.Summary.Cell>
                </Table.Summary.Row>
              ) : null
            }
          />
        ) : (
          <EmptyState description={t('org.pickCommuneFirst')} />
        )}
      </Card>
    </>
  );
}
