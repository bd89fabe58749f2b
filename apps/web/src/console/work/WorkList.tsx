import { type WORK_KINDS, type WorkItem, type WorkLink, work } from '@cqtt/contract/work';
import { Badge, Card, Flex, List, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useCall } from '../../api/queries';
import { EmptyState, QueryError } from '../shared/feedback';
import { formatDate } from '../shared/format';

/** Where an item opens: the page the capability already has for it. */
export function workHref(link: WorkLink): string {
  switch (link.page) {
    case 'task':
      return `/plans/${link.planId}?year=${link.year}&task=${link.taskId}`;
    case 'assessment':
      return `/assessments/${link.assessmentId}`;
    case 'feedback':
      return `/feedback/${link.feedbackId}`;
    case 'difficulties':
      return `/difficulties?year=${link.year}&answered=open${link.planId ? `&planId=${link.planId}` : ''}`;
    case 'villageAssessments':
      return `/village-assessments?year=${link.year}&q=${encodeURIComponent(link.village)}`;
    case 'budget':
      return `/budget?year=${link.year}`;
    case 'rewards':
      return `/rewards?year=${link.year}&status=nominated`;
  }
}

/** Where the whole of a kind is, when the list shows only its most urgent items. */
const KIND_PAGE: Record<(typeof WORK_KINDS)[number], string> = {
  cityReturn: '/assessments',
  task: '/progress',
  feedback: '/feedback',
  score: '/assessments',
  assessment: '/assessments',
  difficulty: '/difficulties?answered=open',
  village: '/village-assessments',
  budget: '/budget',
  reward: '/rewards?status=nominated',
};

/** The sections of the list, in the order a clerk takes them. */
const SECTIONS: readonly (typeof WORK_KINDS)[number][] = [
  'cityReturn',
  'task',
  'feedback',
  'score',
  'assessment',
  'difficulty',
  'village',
  'budget',
  'reward',
];

function DueTag({ item }: { item: WorkItem }) {
  const { t } = useTranslation();
  if (!item.due) return null;
  const date = formatDate(item.due);
  switch (item.urgency) {
    case 'overdue':
      return <Tag color="red">{t('work.overdue', { date })}</Tag>;
    case 'today':
      return <Tag color="volcano">{t('work.today')}</Tag>;
    case 'week':
      return <Tag color="gold">{t('work.due', { date })}</Tag>;
    default:
      return <Tag>{t('work.due', { date })}</Tag>;
  }
}

/** The work waiting for the signed-in user, by kind, each item a link to its page. */
export function WorkList() {
  const { t } = useTranslation();
  const list = useCall(work.mine, {});
  const items = list.data?.items ?? [];
  const late = items.filter((i) => i.urgency === 'overdue' || i.urgency === 'today').length;
  return (
    <Card
      title={
        <Flex gap={8} align="center">
          {t('work.title')}
          {list.data ? <Badge count={items.length} showZero color={late ? '#cf1322' : '#0b5cad'} /> : null}
        </Flex>
      }
      loading={list.isLoading}
      data-testid="work-list"
      style={{ height: '100%' }}
    >
      {list.isError ? <QueryError error={list.error} onRetry={() => void list.refetch()} /> : null}
      {list.data && items.length === 0 ? <EmptyState description={t('work.empty')} /> : null}
      {SECTIONS.map((kind) => {
        const section = items.filter((i) => i.kind === kind);
        if (section.length === 0) return null;
        const heading = t(`work.kinds.${kind}`);
        const total = list.data?.more.find((m) => m.kind === kind)?.total;
        return (
          <section key={kind} aria-label={heading} data-testid={`work-${kind}`}>
            <List
              size="small"
              header={<Typography.Text strong>{`${heading} (${total ?? section.length})`}</Typography.Text>}
              footer={
                total ? (
                  <Link to={KIND_PAGE[kind]} data-testid={`work-more-${kind}`}>
                    {t('work.more', { shown: section.length, total })}
                  </Link>
                ) : undefined
              }
              dataSource={section}
              renderItem={(i) => (
                <List.Item key={i.key}>
                  <Flex vertical gap={2} style={{ width: '100%' }}>
                    <Flex gap={8} align="baseline" justify="space-between">
                      <Link to={workHref(i.link)} className="cqtt-clamp-3">
                        {i.title}
                      </Link>
                      <DueTag item={i} />
                    </Flex>
                    <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                      {i.detail}
                    </Typography.Text>
                  </Flex>
                </List.Item>
              )}
            />
          </section>
        );
      })}
    </Card>
  );
}
