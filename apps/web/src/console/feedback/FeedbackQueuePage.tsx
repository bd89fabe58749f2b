import {
  Card,
  Col,
  Flex,
  Input,
  Row,
  Segmented,
  Select,
  Statistic,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { CommunePicker, useCommuneScope } from '../shared/CommunePicker';
import { EmptyState, QueryError, usePagination } from '../shared/feedback';
import { formatDate, formatShare } from '../shared/format';
import { PageHeader } from '../shared/PageHeader';
import { useDocumentTitle } from '../shared/useDocumentTitle';
import { type FeedbackItem, useFeedbackCategories, useFeedbackQueue, useFeedbackStats } from './api';
import { DeadlineCell, StatusTag } from './ui';

const STATUSES = [
  'received',
  'accepted',
  'assigned',
  'drafted',
  'approved',
  'published',
  'rated',
  'rejected',
  'merged',
  'routed_out',
];

const pct = (v: number | null | undefined) => formatShare(v);

/** The commune's queue of citizens' feedback and units' difficulties, the nearest deadline first. */
export default function FeedbackQueuePage() {
  const { t } = useTranslation();
  useDocumentTitle(t('feedback.nav.queue'));
  const navigate = useNavigate();
  const scope = useCommuneScope();
  const pagination = usePagination();
  const [params, setParams] = useSearchParams();
  const set = (key: string, value: string | undefined) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (value) next.set(key, value);
        else next.delete(key);
        if (key !== 'page') next.delete('page');
        return next;
      },
      { replace: true },
    );
  const kind = (params.get('kind') as 'feedback' | 'difficulty' | null) ?? undefined;
  const status = params.get('status') ?? 'open';
  const categoryId = params.get('categoryId') ?? undefined;
  const q = params.get('q') ?? '';
  const page = Number(params.get('page') ?? 1) || 1;
  const [pageSize, setPageSize] = useState(20);
  const [search, setSearch] = useState(q);
  const list = useFeedbackQueue(
    {
      communeId: scope.communeId,
      kind,
      status: status === 'all' ? undefined : status,
      categoryId,
      q: q || undefined,
      page,
      pageSize,
    },
    scope.ready,
  );
  const stats = useFeedbackStats(scope.communeId, scope.ready);
  const categories = useFeedbackCategories(scope.communeId, scope.ready);
  const onTime = stats.data?.measures.find((m) => m.key === 'feedback.answeredOnTimeShare');
  const satisfaction = stats.data?.measures.find((m) => m.key === 'feedback.answerSatisfaction');

  const columns: TableColumnsType<FeedbackItem> = [
    {
      title: t('feedback.code'),
      key: 'code',
      width: 170,
      render: (_, i) =>
        i.kind === 'difficulty' ? (
          <Tag color="magenta">{t('feedback.kind.difficulty')}</Tag>
        ) : (
          <Link to={`/feedback/${i.id}`}>
            <Typography.Text code>{i.trackingCode}</Typography.Text>
          </Link>
        ),
    },
    {
      title: t('feedback.receivedOn'),
      dataIndex: 'receivedOn',
      width: 110,
      render: (v: string) => formatDate(v),
    },
    {
      title: t('feedback.content'),
      key: 'content',
      render: (_, i) => (
        <div>
          {i.category && <Typography.Text type="secondary">{i.category.name}</Typography.Text>}
          <div className="cqtt-clamp-3">{i.content}</div>
        </div>
      ),
    },
    {
      title: t('feedback.unit'),
      key: 'unit',
      width: 180,
      render: (_, i) => i.unit?.name ?? i.village?.name ?? '—',
    },
    {
      title: t('feedback.deadline'),
      key: 'deadline',
      width: 130,
      render: (_, i) => <DeadlineCell item={i} />,
    },
    {
      title: t('feedback.statusTitle'),
      key: 'status',
      width: 170,
      render: (_, i) => <StatusTag status={i.status} />,
    },
  ];

  return (
    <>
      <PageHeader
        title={t('feedback.nav.queue')}
        subtitle={t('feedback.queueSubtitle')}
        extra={
          scope.cityLevel ? <CommunePicker value={scope.communeId} onChange={scope.setCommuneId} /> : null
        }
      />
      {scope.ready && (
        <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
          <Col xs={12} md={6}>
            <Card size="small">
              <Statistic
                title={t('feedback.stats.onTime', { year: stats.data?.year ?? '' })}
                value={pct(onTime?.value)}
              />
            </Card>
          </Col>
          <Col xs={12} md={6}>
            <Card size="small">
              <Statistic title={t('feedback.stats.satisfaction')} value={pct(satisfaction?.value)} />
            </Card>
          </Col>
          <Col xs={12} md={6}>
            <Card size="small">
              <Statistic
                title={t('feedback.stats.overdue')}
                value={stats.data?.overdue ?? '—'}
                valueStyle={stats.data?.overdue ? { color: '#cf1322' } : undefined}
              />
            </Card>
          </Col>
          <Col xs={12} md={6}>
            <Card size="small">
              <Statistic
                title={t('feedback.stats.received', { year: stats.data?.year ?? '' })}
                value={
                  stats.data?.byStatus
                    .filter((s) => s.kind === 'feedback')
                    .reduce((n, s) => n + s.count, 0) ?? '—'
                }
              />
            </Card>
          </Col>
        </Row>
      )}
      {scope.ready ? (
        <>
          <Flex gap={8} wrap style={{ marginBottom: 12 }}>
            <Segmented
              value={kind ?? 'all'}
              onChange={(v) => set('kind', v === 'all' ? undefined : String(v))}
              options={[
                { value: 'all', label: t('feedback.kind.all') },
                { value: 'feedback', label: t('feedback.kind.feedback') },
                { value: 'difficulty', label: t('feedback.kind.difficulty') },
              ]}
            />
            <Select
              aria-label={t('feedback.statusTitle')}
              style={{ width: 220 }}
              value={status}
              onChange={(v) => set('status', v === 'open' ? undefined : v)}
              options={[
                { value: 'open', label: t('feedback.filter.open') },
                { value: 'overdue', label: t('feedback.filter.overdue') },
                { value: 'all', label: t('feedback.filter.all') },
                ...STATUSES.map((s) => ({ value: s, label: t(`feedback.status.${s}`) })),
              ]}
            />
            <Select
              aria-label={t('feedback.category')}
              style={{ width: 220 }}
              allowClear
              placeholder={t('feedback.category')}
              value={categoryId}
              onChange={(v) => set('categoryId', v)}
              options={(categories.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
            />
            <Input.Search
              aria-label={t('feedback.search')}
              placeholder={t('feedback.search')}
              allowClear
              style={{ width: 280 }}
              value={search}
              onChange={(e) => setSearch(e.target.value)}
              onSearch={(v) => set('q', v.trim() || undefined)}
            />
          </Flex>
          {list.error ? (
            <QueryError error={list.error} onRetry={() => void list.refetch()} />
          ) : (
            <Table<FeedbackItem>
              rowKey="id"
              size="middle"
              loading={list.isFetching}
              columns={columns}
              dataSource={list.data?.items ?? []}
              scroll={{ x: 900 }}
              rowClassName={(i) => (i.overdue ? 'cqtt-row-overdue' : '')}
              onRow={(i) => ({ onClick: () => navigate(`/feedback/${i.id}`), style: { cursor: 'pointer' } })}
              pagination={{
                ...pagination,
                current: page,
                pageSize,
                total: list.data?.total ?? 0,
                onChange: (p, size) => {
                  setPageSize(size);
                  set('page', String(p));
                },
              }}
            />
          )}
        </>
      ) : (
        <EmptyState description={t('org.pickCommuneFirst')} />
      )}
    </>
  );
}
