import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../shared/format';
import type { FeedbackItem, FeedbackStatus } from './api';

const COLORS: Record<FeedbackStatus, string> = {
  received: 'blue',
  accepted: 'geekblue',
  rejected: 'default',
  merged: 'default',
  routed_out: 'purple',
  assigned: 'cyan',
  drafted: 'orange',
  approved: 'gold',
  published: 'green',
  rated: 'green',
};

export function StatusTag({ status }: { status: FeedbackStatus }) {
  const { t } = useTranslation();
  return <Tag color={COLORS[status]}>{t(`feedback.status.${status}`)}</Tag>;
}

/** The deadline, and how it stands: days left, overdue, or answered on time or late. */
export function DeadlineCell({ item }: { item: FeedbackItem }) {
  const { t } = useTranslation();
  return (
    <div>
      <div>{formatDate(item.deadline)}</div>
      {item.overdue ? (
        <Tag color="red">{t('feedback.overdue')}</Tag>
      ) : item.workingDaysLeft !== null ? (
        <Tag color={item.workingDaysLeft <= 1 ? 'orange' : 'default'}>
          {t('feedback.daysLeft', { count: item.workingDaysLeft })}
        </Tag>
      ) : item.onTime !== null ? (
        <Tag color={item.onTime ? 'green' : 'volcano'}>
          {item.onTime ? t('feedback.onTime') : t('feedback.late')}
        </Tag>
      ) : null}
    </div>
  );
}
