import { occurrenceIn, SCHEDULE_KINDS, type Schedule, scheduleProblem } from '@cqtt/domain/plans/schedule';
import { DatePicker, Flex, InputNumber, Select, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { dayParam } from '../shared/format';
import { formatDay } from './ui';

export type ScheduleKind = (typeof SCHEDULE_KINDS)[number];

/** A schedule being typed: the fields of its kind may still be missing. */
export type ScheduleDraft =
  | { kind: 'before_date'; day?: number | null; month?: number | null }
  | { kind: 'within_month'; month?: number | null }
  | { kind: 'yearly' }
  | { kind: 'continuous' }
  | { kind: 'named_years'; years?: number[] }
  | { kind: 'once'; date?: string | null };

/** The schedule to send, or null while a field of its kind is missing. */
export function completeSchedule(draft: ScheduleDraft | undefined): Schedule | null {
  if (!draft) return null;
  switch (draft.kind) {
    case 'before_date':
      return draft.day != null && draft.month != null
        ? { kind: 'before_date', day: draft.day, month: draft.month }
        : null;
    case 'within_month':
      return draft.month != null ? { kind: 'within_month', month: draft.month } : null;
    case 'named_years':
      return draft.years && draft.years.length > 0 ? { kind: 'named_years', years: [...draft.years] } : null;
    case 'once':
      return draft.date ? { kind: 'once', date: draft.date } : null;
    case 'yearly':
      return { kind: 'yearly' };
    case 'continuous':
      return { kind: 'continuous' };
  }
}

function emptyDraft(kind: ScheduleKind): ScheduleDraft {
  switch (kind) {
    case 'before_date':
      return { kind, day: null, month: null };
    case 'within_month':
      return { kind, month: null };
    case 'named_years':
      return { kind, years: [] };
    case 'once':
      return { kind, date: null };
    default:
      return { kind };
  }
}

/**
 * The six ways the appendix words a deadline, with the fields of each; below, the date it
 * means in a sample year, so that "Trước ngày 15/02" is seen to mean 14/02.
 */
export function ScheduleInput({
  id,
  value,
  onChange,
  years,
  sampleYear,
  addedOn,
}: {
  id?: string;
  value?: ScheduleDraft;
  onChange?: (value: ScheduleDraft) => void;
  /** Years offered for "Các năm cụ thể" (the plan's period). */
  years: number[];
  /** The year whose due date the preview shows. */
  sampleYear: number;
  /** The day the task joins the plan: a deadline already past then starts next year. */
  addedOn?: string;
}) {
  const { t } = useTranslation();
  const kind = value?.kind;
  const months = Array.from({ length: 12 }, (_, i) => ({
    value: i + 1,
    label: t('plans.schedule.monthN', { month: i + 1 }),
  }));
  const complete = completeSchedule(value);
  const sample = complete && !scheduleProblem(complete) ? occurrenceIn(complete, sampleYear) : null;
  const showPreview = complete !== null && !scheduleProblem(complete);
  const late = Boolean(sample?.dueDate && addedOn && sample.dueDate < addedOn);

  return (
    <div>
      <Flex gap={8} wrap align="center">
        <Select<ScheduleKind>
          id={id}
          value={kind}
          placeholder={t('plans.schedule.pickKind')}
          onChange={(k) => onChange?.(emptyDraft(k))}
          options={SCHEDULE_KINDS.map((k) => ({ value: k, label: t(`plans.schedule.kinds.${k}`) }))}
          style={{ width: 250 }}
          aria-label={t('plans.schedule.kind')}
        />
        {value?.kind === 'before_date' ? (
          <>
            <InputNumber
              min={1}
              max={31}
              precision={0}
              value={value.day}
              onChange={(day) => onChange?.({ ...value, day })}
              prefix={t('plans.schedule.day')}
              aria-label={t('plans.schedule.day')}
              style={{ width: 120 }}
            />
            <Select
              value={value.month ?? undefined}
              onChange={(month) => onChange?.({ ...value, month })}
              options={months}
              placeholder={t('plans.schedule.month')}
              aria-label={t('plans.schedule.month')}
              style={{ width: 130 }}
            />
          </>
        ) : null}
        {value?.kind === 'within_month' ? (
          <Select
            value={value.month ?? undefined}
            onChange={(month) => onChange?.({ ...value, month })}
            options={months}
            placeholder={t('plans.schedule.month')}
            aria-label={t('plans.schedule.month')}
            style={{ width: 130 }}
          />
        ) : null}
        {value?.kind === 'named_years' ? (
          <Select<string[]>
            mode="tags"
            value={(value.years ?? []).map(String)}
            onChange={(list) =>
              onChange?.({
                ...value,
                years: [
                  ...new Set(
                    list
                      .map((s) => s.trim())
                      .filter((s) => /^\d{4}$/.test(s))
                      .map(Number),
                  ),
                ].sort((a, b) => a - b),
              })
            }
            options={years.map((y) => ({ value: String(y), label: String(y) }))}
            tokenSeparators={[',', ' ', ';']}
            placeholder={t('plans.schedule.years')}
            aria-label={t('plans.schedule.years')}
            style={{ minWidth: 240 }}
          />
        ) : null}
        {value?.kind === 'once' ? (
          <DatePicker
            format="DD/MM/YYYY"
            value={value.date ? dayjs(value.date) : null}
            onChange={(d) => onChange?.({ ...value, date: d ? dayParam(d) : null })}
            aria-label={t('plans.schedule.date')}
            placeholder={t('plans.schedule.date')}
          />
        ) : null}
      </Flex>
      {showPreview ? (
        <Typography.Text type="secondary" style={{ display: 'block', marginTop: 4, fontSize: 12 }}>
          {late && sample?.dueDate
            ? t('plans.schedule.previewLate', {
                year: sampleYear,
                date: formatDay(sample.dueDate),
                next: sampleYear + 1,
              })
            : sample
              ? sample.dueDate
                ? t('plans.schedule.preview', { year: sampleYear, date: formatDay(sample.dueDate) })
                : t('plans.schedule.previewContinuous')
              : t('plans.schedule.previewNone', { year: sampleYear })}
        </Typography.Text>
      ) : null}
    </div>
  );
}
