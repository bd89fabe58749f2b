import { ExclamationCircleOutlined, MessageOutlined } from '@ant-design/icons';
import { Space, Table, type TableColumnsType, Tag, Tooltip, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState, usePagination } from '../shared/feedback';
import type { Occurrence } from './types';
import { DaysLeft, DueCell, ProgressBar, StatusTag, useStatusOptions } from './ui';

/** The task's text as a button: opens the drawer from the keyboard as well as the mouse. */
export function OccurrenceLink({
  occurrence,
  onOpen,
}: {
  occurrence: Occurrence;
  onOpen: (o: Occurrence) => void;
}) {
  const { t } = useTranslation();
  return (
    <button
      type="button"
      className="cqtt-link-button"
      onClick={(e) => {
        e.stopPropagation();
        onOpen(occurrence);
      }}
      title={occurrence.content}
    >
      {/* the name starts with what it does and holds the text it shows (WCAG 2.5.3) */}
      <span className="cqtt-sr-only">{t('plans.openTask', { number: occurrence.taskNumber })}: </span>
      <span className="cqtt-clamp-3">{occurrence.content}</span>
    </button>
  );
}

export function OccurrenceCounters({ occurrence }: { occurrence: Occurrence }) {
  const { t } = useTranslation();
  if (occurrence.noteCount === 0 && occurrence.openDifficulties === 0) return null;
  return (
    <Space size={4} wrap style={{ marginTop: 4 }}>
      {occurrence.noteCount > 0 ? (
        <Tooltip title={t('plans.noteCount', { count: occurrence.noteCount })}>
          <Tag icon={<MessageOutlined />}>{occurrence.noteCount}</Tag>
        </Tooltip>
      ) : null}
      {occurrence.openDifficulties > 0 ? (
        <Tooltip title={t('plans.openDifficulties', { count: occurrence.openDifficulties })}>
          <Tag color="warning" icon={<ExclamationCircleOutlined />}>
            {occurrence.openDifficulties}
          </Tag>
        </Tooltip>
      ) : null}
    </Space>
  );
}

export function OccurrenceTable({
  occurrences,
  loading,
  onOpen,
  emptyText,
  showLead = true,
  extraColumns = [],
  planTitle,
}: {
  occurrences: readonly Occurrence[];
  loading?: boolean;
  onOpen: (o: Occurrence) => void;
  emptyText: string;
  showLead?: boolean;
  extraColumns?: TableColumnsType<Occurrence>;
  /** The plan a row belongs to, when the list mixes plans. */
  planTitle?: (o: Occurrence) => ReactNode;
}) {
  const { t } = useTranslation();
  const pagination = usePagination();
  const statusOptions = useStatusOptions();
  const columns: TableColumnsType<Occurrence> = [
    {
      title: t('plans.task.number'),
      dataIndex: 'taskNumber',
      width: 64,
      align: 'center',
      sorter: (a, b) => a.taskNumber - b.taskNumber,
    },
    {
      title: t('plans.task.content'),
      dataIndex: 'content',
      render: (_, o) => (
        <div style={{ minWidth: 220 }}>
          <OccurrenceLink occurrence={o} onOpen={onOpen} />
          {planTitle ? (
            <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
              {planTitle(o)}
            </Typography.Text>
          ) : null}
          <OccurrenceCounters occurrence={o} />
        </div>
      ),
    },
    {
      title: t('plans.task.schedule'),
      dataIndex: 'dueDate',
      width: 170,
      sorter: (a, b) => (a.dueDate ?? '9999').localeCompare(b.dueDate ?? '9999'),
      // the days left sit under the due date: one column fewer at 1366 px (issue 18)
      render: (_, o) => (
        <>
          <DueCell occurrence={o} />
          <div>
            <DaysLeft occurrence={o} />
          </div>
        </>
      ),
    },
    ...(showLead
      ? [
          {
            title: t('plans.task.leadUnit'),
            key: 'lead',
            width: 160,
            render: (_: unknown, o: Occurrence) => o.leadName,
          },
        ]
      : []),
    ...extraColumns,
    {
      title: t('common.status'),
      dataIndex: 'status',
      width: 150,
      filters: statusOptions.map((s) => ({ text: s.label, value: s.value })),
      onFilter: (value, o) => o.status === value,
      render: (_, o) => (
        <>
          <StatusTag status={o.status} />
          {o.fulfilledText ? (
            <Typography.Text
              type="secondary"
              style={{ display: 'block', fontSize: 12 }}
              data-testid="fulfilled-text"
            >
              {o.fulfilledText}
            </Typography.Text>
          ) : null}
        </>
      ),
    },
    {
      title: t('plans.progress'),
      dataIndex: 'progress',
      width: 120,
      sorter: (a, b) => a.progress - b.progress,
      render: (_, o) => <ProgressBar occurrence={o} />,
    },
  ];
  return (
    <Table<Occurrence>
      rowKey={(o) => `${o.taskId}:${o.year}`}
      size="middle"
      columns={columns}
      dataSource={occurrences as Occurrence[]}
      loading={loading}
      onRow={(o) => ({ onClick: () => onOpen(o), style: { cursor: 'pointer' } })}
      rowClassName={(o) => (o.status === 'overdue' ? 'cqtt-row-overdue' : '')}
      pagination={occurrences.length > 10 ? { ...pagination, defaultPageSize: 20 } : false}
      locale={{ emptyText: <EmptyState description={emptyText} /> }}
    />
  );
}
