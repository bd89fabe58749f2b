import { formatVietnameseDate, vietnamDate } from '@cqtt/domain/plans/dates';
import {
  daysLeft as domainDaysLeft,
  OCCURRENCE_STATUS_LABELS,
  OCCURRENCE_STATUSES,
} from '@cqtt/domain/plans/status';
import { Progress, Select, Space, Tag, Typography } from 'antd';
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { Occurrence, OccurrenceStatus, PlanSummary } from './types';

export { OCCURRENCE_STATUSES };

/** Today in Việt Nam as `YYYY-MM-DD`, and its year. */
export function today(): string {
  return vietnamDate(new Date());
}

export function currentYear(): number {
  return Number(today().slice(0, 4));
}

/** `dd/MM/yyyy` for a business date (`YYYY-MM-DD`); empty for none. */
export function formatDay(date: string | null | undefined): string {
  if (!date) return '';
  try {
    return formatVietnameseDate(date.slice(0, 10));
  } catch {
    return date;
  }
}

export const STATUS_COLORS: Record<OccurrenceStatus, string> = {
  not_started: 'default',
  in_progress: 'processing',
  done: 'success',
  overdue: 'error',
};

/** Bar colours of the statuses (the same hues as the tags). */
export const STATUS_BAR_COLORS: Record<OccurrenceStatus, string> = {
  not_started: '#bfbfbf',
  in_progress: '#1677ff',
  done: '#52c41a',
  overdue: '#ff4d4f',
};

export function useStatusLabel() {
  const { t } = useTranslation();
  return (status: OccurrenceStatus) =>
    t(`plans.status.${status}`, { defaultValue: OCCURRENCE_STATUS_LABELS[status] ?? status });
}

export function useStatusOptions() {
  const label = useStatusLabel();
  return OCCURRENCE_STATUSES.map((s) => ({ value: s, label: label(s) }));
}

export function StatusTag({ status }: { status: OccurrenceStatus }) {
  const label = useStatusLabel();
  return (
    <Tag color={STATUS_COLORS[status] ?? 'default'} data-status={status}>
      {label(status)}
    </Tag>
  );
}

export function ProgressBar({ occurrence }: { occurrence: Pick<Occurrence, 'progress' | 'status'> }) {
  const { t } = useTranslation();
  const status =
    occurrence.status === 'done' ? 'success' : occurrence.status === 'overdue' ? 'exception' : 'normal';
  return (
    <Progress
      percent={occurrence.status === 'done' ? 100 : occurrence.progress}
      size="small"
      status={status}
      format={(percent) => `${percent ?? 0}%`}
      aria-label={t('plans.progressOf', { percent: occurrence.progress })}
      style={{ minWidth: 100, marginBottom: 0 }}
    />
  );
}

/** Days left of an occurrence: the server's figure, or today's computation when it sent none. */
export function occurrenceDaysLeft(o: Pick<Occurrence, 'daysLeft' | 'dueDate'>): number | null {
  if (o.daysLeft !== null && o.daysLeft !== undefined) return o.daysLeft;
  return o.dueDate ? domainDaysLeft(o.dueDate.slice(0, 10), today()) : null;
}

/** "còn 7 ngày", "quá hạn 3 ngày", "hạn chót hôm nay", "hoàn thành 10/02/2026", "không có hạn". */
export function DaysLeft({ occurrence }: { occurrence: Occurrence }) {
  const { t } = useTranslation();
  if (occurrence.status === 'done') {
    return (
      <Typography.Text type="success">
        {occurrence.completedOn
          ? t('plans.doneOn', { date: formatDay(occurrence.completedOn) })
          : t('plans.status.done')}
      </Typography.Text>
    );
  }
  const days = occurrenceDaysLeft(occurrence);
  if (days === null) return <Typography.Text type="secondary">{t('plans.noDeadline')}</Typography.Text>;
  if (days < 0) {
    return (
      <Typography.Text type="danger" strong>
        {t('plans.overdueDays', { count: -days })}
      </Typography.Text>
    );
  }
  if (days === 0) {
    return (
      <Typography.Text type="warning" strong>
        {t('plans.dueToday')}
      </Typography.Text>
    );
  }
  return (
    <Typography.Text type={days <= 7 ? 'warning' : undefined}>
      {t('plans.daysLeft', { count: days })}
    </Typography.Text>
  );
}

/** The deadline as the plan words it, with the date it means this year. */
export function DueCell({ occurrence }: { occurrence: Pick<Occurrence, 'scheduleText' | 'dueDate'> }) {
  const { t } = useTranslation();
  return (
    <Space orientation="vertical" size={0}>
      <span>{occurrence.scheduleText}</span>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {occurrence.dueDate
          ? t('plans.dueOn', { date: formatDay(occurrence.dueDate) })
          : t('plans.continuousHint')}
      </Typography.Text>
    </Space>
  );
}

/** "2026-2030", or "Từ 2026" for a plan that goes on ("và những năm tiếp theo"). */
export function usePeriodText() {
  const { t } = useTranslation();
  return (p: Pick<PlanSummary, 'periodFrom' | 'periodTo'>) =>
    p.periodTo === null ? t('plans.periodOpen', { from: p.periodFrom }) : `${p.periodFrom}-${p.periodTo}`;
}

/** The years a picker offers: the plans' periods, this year and the picked one. */
export function yearRange(
  plans: ReadonlyArray<Pick<PlanSummary, 'periodFrom' | 'periodTo'>>,
  picked?: number,
) {
  const now = currentYear();
  let from = now - 1;
  let to = now + 1;
  for (const p of plans) {
    from = Math.min(from, p.periodFrom);
    to = Math.max(to, p.periodTo ?? now + 1);
  }
  if (picked) {
    from = Math.min(from, picked);
    to = Math.max(to, picked);
  }
  const years: number[] = [];
  for (let y = to; y >= from; y--) years.push(y);
  return years;
}

/** The year a page shows, kept in the `year` query parameter (this year by default). */
export function useYearParam(): [number, (year: number) => void] {
  const [yearText, setYearText] = useParam('year');
  const raw = Number(yearText);
  const year = Number.isInteger(raw) && raw >= 2000 && raw <= 2100 ? raw : currentYear();
  const setYear = useCallback((y: number) => setYearText(String(y)), [setYearText]);
  return [year, setYear];
}

/** One query parameter as state (filters that survive a reload and can be shared). */
export function useParam(name: string): [string | undefined, (value: string | undefined) => void] {
  const [params, setParams] = useSearchParams();
  const value = params.get(name) ?? undefined;
  const set = useCallback(
    (v: string | undefined) => {
      // From the address as it is now, not as of the last render: React Router hands the updater
      // the render's parameters, so two changes in a row (a tab, then a search) lost the first.
      const next = new URLSearchParams(window.location.search);
      if (v) next.set(name, v);
      else next.delete(name);
      setParams(next, { replace: true });
    },
    [name, setParams],
  );
  return [value, set];
}

export function YearPicker({
  value,
  onChange,
  plans = [],
}: {
  value: number;
  onChange: (year: number) => void;
  plans?: ReadonlyArray<Pick<PlanSummary, 'periodFrom' | 'periodTo'>>;
}) {
  const { t } = useTranslation();
  const options = useMemo(
    () => yearRange(plans, value).map((y) => ({ value: y, label: t('plans.yearLabel', { year: y }) })),
    [plans, value, t],
  );
  return (
    <Select
      aria-label={t('plans.year')}
      value={value}
      onChange={onChange}
      options={options}
      style={{ width: 130 }}
      data-testid="year-picker"
    />
  );
}

export function UnitTags({
  units,
  text,
}: {
  units: ReadonlyArray<{ id: string; name: string }>;
  text?: string;
}) {
  if (units.length === 0 && !text) return <span className="cqtt-muted">—</span>;
  return (
    <Space orientation="vertical" size={2}>
      {text ? <span>{text}</span> : null}
      {units.length > 0 ? (
        <Space size={[0, 4]} wrap>
          {units.map((u) => (
            <Tag key={u.id} className="cqtt-role-tag">
              {u.name}
            </Tag>
          ))}
        </Space>
      ) : null}
    </Space>
  );
}

/** The plan that covers a year, else the newest one: the default of pages that show one plan. */
export function defaultPlan(plans: readonly PlanSummary[], year: number): PlanSummary | undefined {
  return plans.find((p) => p.periodFrom <= year && (p.periodTo === null || p.periodTo >= year)) ?? plans[0];
}

export function PlanSelect({
  plans,
  value,
  onChange,
  loading,
}: {
  plans: readonly PlanSummary[];
  value: string | undefined;
  onChange: (id: string) => void;
  loading?: boolean;
}) {
  const { t } = useTranslation();
  const period = usePeriodText();
  return (
    <Select
      aria-label={t('plans.plan')}
      placeholder={t('plans.pickPlan')}
      value={value}
      onChange={onChange}
      loading={loading}
      style={{ width: 360, maxWidth: '100%' }}
      options={plans.map((p) => ({
        value: p.id,
        label: `${p.number ? `${p.number} · ` : ''}${p.title} (${period(p)})`,
      }))}
      notFoundContent={t('plans.noPlans')}
      popupMatchSelectWidth={520}
    />
  );
}
