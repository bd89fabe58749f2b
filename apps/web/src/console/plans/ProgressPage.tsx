import { ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Col, Flex, Row, Select, Space, Tag, Timeline, Typography } from 'antd';
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useUnits } from '../org/api';
import { CommunePicker, useCommuneScope } from '../shared/CommunePicker';
import { EmptyState, QueryError } from '../shared/feedback';
import { PageHeader } from '../shared/PageHeader';
import { foldVietnamese } from '../shared/text';
import { useDocumentTitle } from '../shared/useDocumentTitle';
import { usePlanOccurrences, usePlans } from './api';
import { OccurrenceDrawer, useOccurrenceSelection } from './OccurrenceDrawer';
import { OccurrenceCounters, OccurrenceLink } from './OccurrenceTable';
import type { Occurrence, OccurrenceStatus } from './types';
import {
  DaysLeft,
  defaultPlan,
  formatDay,
  OCCURRENCE_STATUSES,
  PlanSelect,
  ProgressBar,
  STATUS_COLORS,
  StatusTag,
  today,
  useParam,
  useStatusLabel,
  useStatusOptions,
  useYearParam,
  YearPicker,
} from './ui';

interface MonthGroup {
  /** `YYYY-MM` of the due dates, or 'continuous'. */
  key: string;
  year: number;
  month: number;
  items: Occurrence[];
}

/** Occurrences by the month of their due date; every month of the year appears, in order. */
export function groupByMonth(
  list: readonly Occurrence[],
  year: number,
): { months: MonthGroup[]; continuous: Occurrence[] } {
  const byKey = new Map<string, MonthGroup>();
  for (let m = 1; m <= 12; m++) {
    const key = `${year}-${String(m).padStart(2, '0')}`;
    byKey.set(key, { key, year, month: m, items: [] });
  }
  const continuous: Occurrence[] = [];
  for (const o of list) {
    if (!o.dueDate) {
      continuous.push(o);
      continue;
    }
    const key = o.dueDate.slice(0, 7);
    let group = byKey.get(key);
    if (!group) {
      // Due in another year (before 01/01 falls on 31/12 of the year before).
      group = { key, year: Number(key.slice(0, 4)), month: Number(key.slice(5, 7)), items: [] };
      byKey.set(key, group);
    }
    group.items.push(o);
  }
  const months = [...byKey.values()].sort((a, b) => a.key.localeCompare(b.key));
  for (const g of months) {
    g.items.sort((a, b) => (a.dueDate ?? '').localeCompare(b.dueDate ?? '') || a.taskNumber - b.taskNumber);
  }
  return { months, continuous };
}

/** A month with tasks, or a run of months with none ("Tháng 3 – 10/2026"). */
export type TimelineEntry = MonthGroup & { toMonth?: number };

export function collapseEmpty(months: readonly MonthGroup[], keep: string): TimelineEntry[] {
  const out: TimelineEntry[] = [];
  for (const g of months) {
    const last = out[out.length - 1];
    const empty = g.items.length === 0 && g.key !== keep;
    if (
      empty &&
      last &&
      last.items.length === 0 &&
      last.key !== keep &&
      last.year === g.year &&
      (last.toMonth ?? last.month) === g.month - 1
    ) {
      last.toMonth = g.month;
    } else {
      out.push(empty ? { ...g, items: [] } : g);
    }
  }
  return out;
}

function dotColor(items: readonly Occurrence[]): string {
  if (items.length === 0) return 'gray';
  if (items.some((o) => o.status === 'overdue')) return 'red';
  if (items.every((o) => o.status === 'done')) return 'green';
  return 'blue';
}

function OccurrenceRow({
  occurrence,
  onOpen,
  compact = false,
}: {
  occurrence: Occurrence;
  onOpen: (o: Occurrence) => void;
  /** In a narrow column: everything stacked. */
  compact?: boolean;
}) {
  const { t } = useTranslation();
  const span = (lg: number) => (compact ? { xs: 24 } : { xs: 24, sm: 12, lg });
  return (
    <div className={`cqtt-occ-row is-${occurrence.status}`} data-testid="timeline-occurrence">
      <Row gutter={[12, 4]} align="middle">
        <Col {...(compact ? { xs: 24 } : { xs: 24, lg: 11 })}>
          <Flex gap={8} align="flex-start">
            <Typography.Text strong style={{ minWidth: 28 }}>
              {occurrence.taskNumber}.
            </Typography.Text>
            <div style={{ minWidth: 0 }}>
              <OccurrenceLink occurrence={occurrence} onOpen={onOpen} />
              <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
                {t('plans.timeline.leadBy', { unit: occurrence.leadName })}
              </Typography.Text>
              <OccurrenceCounters occurrence={occurrence} />
            </div>
          </Flex>
        </Col>
        <Col {...span(5)}>
          <div>{occurrence.scheduleText}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {occurrence.dueDate
              ? t('plans.dueOn', { date: formatDay(occurrence.dueDate) })
              : t('plans.continuousHint')}
          </Typography.Text>
        </Col>
        <Col {...span(4)}>
          <Space orientation={compact ? 'horizontal' : 'vertical'} size={compact ? 8 : 0} wrap>
            <StatusTag status={occurrence.status} />
            <span style={{ fontSize: 12 }}>
              <DaysLeft occurrence={occurrence} />
            </span>
          </Space>
        </Col>
        <Col {...(compact ? { xs: 24 } : { xs: 24, lg: 4 })}>
          <ProgressBar occurrence={occurrence} />
        </Col>
      </Row>
    </div>
  );
}

export default function ProgressPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('nav.progress'));
  const scope = useCommuneScope();
  const [year, setYear] = useYearParam();
  const [planParam, setPlanId] = useParam('planId');
  const [unitId, setUnitId] = useParam('unitId');
  const [statusParam, setStatus] = useParam('status');
  const status = OCCURRENCE_STATUSES.includes(statusParam as OccurrenceStatus)
    ? (statusParam as OccurrenceStatus)
    : undefined;
  const plans = usePlans(scope.communeId, scope.ready);
  const plan = planParam ? plans.data?.find((p) => p.id === planParam) : defaultPlan(plans.data ?? [], year);
  const planId = plan?.id ?? planParam;
  const units = useUnits(scope.communeId, scope.ready);
  const list = usePlanOccurrences(planId, year, { unitId, status }, scope.ready);
  const selection = useOccurrenceSelection(list.data, year);
  const statusOptions = useStatusOptions();
  const statusLabel = useStatusLabel();
  const thisMonth = today().slice(0, 7);
  const grouped = useMemo(() => groupByMonth(list.data ?? [], year), [list.data, year]);
  const entries = useMemo(() => collapseEmpty(grouped.months, thisMonth), [grouped.months, thisMonth]);

  // A plan from a shared link that is not in this commune's list: fall back to the default.
  useEffect(() => {
    if (planParam && plans.data && !plans.data.some((p) => p.id === planParam)) setPlanId(undefined);
  }, [planParam, plans.data, setPlanId]);

  const counts = new Map<OccurrenceStatus, number>();
  for (const o of list.data ?? []) counts.set(o.status, (counts.get(o.status) ?? 0) + 1);
  const filtered = Boolean(unitId || status);

  const monthTitle = (g: TimelineEntry) => (
    <Space orientation="vertical" size={0}>
      <Typography.Text strong>
        {g.toMonth
          ? t('plans.timeline.months', { from: g.month, to: g.toMonth, year: g.year })
          : t('plans.timeline.month', { month: g.month, year: g.year })}
      </Typography.Text>
      {g.key === thisMonth ? <Tag color="gold">{t('plans.timeline.thisMonth')}</Tag> : null}
    </Space>
  );

  return (
    <>
      <PageHeader title={t('nav.progress')} subtitle={t('plans.timeline.subtitle', { year })} />
      <Card style={{ marginBottom: 16 }}>
        <Flex gap={12} wrap align="center">
          {scope.cityLevel ? <CommunePicker value={scope.communeId} onChange={scope.setCommuneId} /> : null}
          <PlanSelect
            plans={plans.data ?? []}
            value={planId}
            onChange={(id) => setPlanId(id)}
            loading={plans.isLoading}
          />
          <YearPicker value={year} onChange={setYear} plans={plans.data} />
          <Select
            allowClear
            aria-label={t('plans.timeline.unitFilter')}
            placeholder={t('plans.timeline.allUnits')}
            value={unitId}
            onChange={(v) => setUnitId(v ?? undefined)}
            options={(units.data ?? []).map((u) => ({
              value: u.id,
              label: u.name,
              search: foldVietnamese(`${u.name} ${u.code}`),
            }))}
            showSearch={{ filterOption: (input, o) => Boolean(o?.search.includes(foldVietnamese(input))) }}
            style={{ width: 240 }}
            disabled={!scope.ready}
          />
          <Select
            allowClear
            aria-label={t('common.status')}
            placeholder={t('plans.timeline.allStatuses')}
            value={status}
            onChange={(v) => setStatus(v ?? undefined)}
            options={statusOptions}
            style={{ width: 180 }}
          />
          {filtered ? (
            <Button
              onClick={() => {
                setUnitId(undefined);
                setStatus(undefined);
              }}
            >
              {t('common.clearFilters')}
            </Button>
          ) : null}
          <Button
            icon={<ReloadOutlined />}
            onClick={() => void list.refetch()}
            loading={list.isFetching}
            disabled={!planId}
          >
            {t('common.refresh')}
          </Button>
        </Flex>
        {list.data ? (
          <Flex gap={8} wrap style={{ marginTop: 12 }} data-testid="timeline-counts">
            <Tag>{t('plans.timeline.total', { count: list.data.length })}</Tag>
            {OCCURRENCE_STATUSES.map((s) => (
              <StatusCount key={s} status={s} count={counts.get(s) ?? 0} label={statusLabel(s)} />
            ))}
          </Flex>
        ) : null}
      </Card>
      {plans.isError ? <QueryError error={plans.error} onRetry={() => void plans.refetch()} /> : null}
      {list.isError ? <QueryError error={list.error} onRetry={() => void list.refetch()} /> : null}
      {!scope.ready ? (
        <Card>
          <EmptyState description={t('org.pickCommuneFirst')} />
        </Card>
      ) : plans.data && plans.data.length === 0 ? (
        <Card>
          <EmptyState description={t('plans.list.empty')} />
        </Card>
      ) : list.isLoading || plans.isLoading ? (
        <Card loading />
      ) : list.data && list.data.length === 0 ? (
        <Card>
          <EmptyState
            description={
              filtered ? t('plans.timeline.emptyFiltered') : t('plans.detail.noOccurrences', { year })
            }
          />
        </Card>
      ) : (
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={grouped.continuous.length > 0 ? 16 : 24}>
            <Card title={t('plans.timeline.byMonth')}>
              <Timeline
                data-testid="year-timeline"
                items={entries.map((g) => ({
                  key: g.key,
                  color: dotColor(g.items),
                  content: (
                    <div className="cqtt-month" data-testid={`month-${g.key}`}>
                      {monthTitle(g)}
                      {g.items.length === 0 ? (
                        <div className="cqtt-muted" style={{ fontSize: 13 }}>
                          {t('plans.timeline.nothingDue')}
                        </div>
                      ) : (
                        <div className="cqtt-month-items">
                          {g.items.map((o) => (
                            <OccurrenceRow key={o.taskId} occurrence={o} onOpen={selection.open} />
                          ))}
                        </div>
                      )}
                    </div>
                  ),
                }))}
              />
            </Card>
          </Col>
          {grouped.continuous.length > 0 ? (
            <Col xs={24} xl={8}>
              <Card title={t('plans.timeline.continuous')} data-testid="continuous-card">
                <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
                  {t('plans.timeline.continuousHint')}
                </Typography.Paragraph>
                <div className="cqtt-month-items">
                  {grouped.continuous.map((o) => (
                    <OccurrenceRow key={o.taskId} occurrence={o} onOpen={selection.open} compact />
                  ))}
                </div>
              </Card>
            </Col>
          ) : null}
        </Row>
      )}
      <OccurrenceDrawer
        occurrence={selection.selected}
        loading={selection.loading}
        onClose={selection.close}
        communeId={scope.communeId}
      />
    </>
  );
}

function StatusCount({ status, count, label }: { status: OccurrenceStatus; count: number; label: string }) {
  return <Tag color={STATUS_COLORS[status]}>{`${label}: ${count}`}</Tag>;
}
