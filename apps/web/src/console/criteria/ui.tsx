import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

/** 12.5 → "12,5": Vietnamese decimal comma, no trailing zeros. */
export function points(value: number | null | undefined): string {
  if (value === null || value === undefined) return '';
  return String(Math.round(value * 100) / 100).replace('.', ',');
}

const STATUS_COLORS: Record<string, string> = {
  self_scoring: 'blue',
  consolidated: 'gold',
  reviewed: 'orange',
  approved: 'cyan',
  submitted: 'purple',
  recognised: 'green',
};

export function StatusTag({ status, label }: { status: string | null; label: string }) {
  return <Tag color={status ? STATUS_COLORS[status] : 'default'}>{label}</Tag>;
}

export function LevelText({ level }: { level: number | null | undefined }) {
  const { t } = useTranslation();
  if (level === null || level === undefined) return <>—</>;
  return <>{level === 0 ? t('criteria.notReached') : t('criteria.levelN', { level })}</>;
}
