import { ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Segmented, Tag } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../auth/session';
import { QueryError } from '../shared/feedback';
import { PageHeader } from '../shared/PageHeader';
import { useDocumentTitle } from '../shared/useDocumentTitle';
import { useMyOccurrences, usePlans } from './api';
import { OccurrenceDrawer, useOccurrenceSelection } from './OccurrenceDrawer';
import { OccurrenceTable } from './OccurrenceTable';
import type { Occurrence } from './types';
import { occurrenceDaysLeft, useParam, useYearParam, YearPicker } from './ui';

type Show = 'open' | 'soon' | 'overdue' | 'done' | 'all';
const SHOWS: Show[] = ['open', 'soon', 'overdue', 'done', 'all'];
/** "Due soon": within this many days. */
const SOON_DAYS = 30;

function matches(o: Occurrence, show: Show): boolean {
  switch (show) {
    case 'open':
      return o.status !== 'done';
    case 'soon': {
      const days = occurrenceDaysLeft(o);
      return o.status !== 'done' && days !== null && days >= 0 && days <= SOON_DAYS;
    }
    case 'overdue':
      return o.status === 'overdue';
    case 'done':
      return o.status === 'done';
    case 'all':
      return true;
  }
}

export default function MyTasksPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('nav.myTasks'));
  const me = useSession();
  const [year, setYear] = useYearParam();
  const [showParam, setShow] = useParam('show');
  const show: Show = SHOWS.includes(showParam as Show) ? (showParam as Show) : 'all';
  const plans = usePlans(undefined);
  const list = useMyOccurrences(year);
  const selection = useOccurrenceSelection(list.data, year);
  const all = list.data ?? [];
  const rows = useMemo(() => all.filter((o) => matches(o, show)), [all, show]);
  const count = (s: Show) => all.filter((o) => matches(o, s)).length;
  const planById = new Map((plans.data ?? []).map((p) => [p.id, p]));
  const manyPlans = planById.size > 1;
  const unitId = me.unit?.id;

  const roleColumn = {
    title: t('plans.mine.role'),
    key: 'role',
    width: 110,
    render: (_: unknown, o: Occurrence) =>
      o.leadAllUnits || o.leadUnit?.id === unitId ? (
        <Tag color="blue">{t('plans.mine.lead')}</Tag>
      ) : (
        <Tag>{t('plans.mine.coordinate')}</Tag>
      ),
  };

  return (
    <>
      <PageHeader
        title={t('nav.myTasks')}
        subtitle={
          me.unit ? t('plans.mine.subtitle', { unit: me.unit.name, year }) : t('plans.mine.subtitleNoUnit')
        }
      />
      {me.unit ? null : (
        <Alert type="info" showIcon title={t('plans.mine.noUnit')} style={{ marginBottom: 16 }} />
      )}
      <Card>
        <Flex gap={12} wrap className="cqtt-toolbar" align="center">
          <YearPicker value={year} onChange={setYear} plans={plans.data} />
          <div className="cqtt-scroll-x">
            <Segmented<Show>
              value={show}
              onChange={(v) => setShow(v === 'all' ? undefined : v)}
              options={SHOWS.map((s) => ({
                value: s,
                label: `${t(`plans.mine.show.${s}`)} (${list.data ? count(s) : '…'})`,
              }))}
              aria-label={t('plans.mine.showLabel')}
            />
          </div>
          <Button
            icon={<ReloadOutlined />}
            onClick={() => void list.refetch()}
            loading={list.isFetching}
            aria-label={t('common.refresh')}
          >
            {t('common.refresh')}
          </Button>
        </Flex>
        {list.isError ? <QueryError error={list.error} onRetry={() => void list.refetch()} /> : null}
        <OccurrenceTable
          occurrences={rows}
          loading={list.isLoading}
          onOpen={selection.open}
          showLead
          extraColumns={[roleColumn]}
          planTitle={manyPlans ? (o) => planById.get(o.planId)?.title : undefined}
          emptyText={
            all.length === 0
              ? t('plans.mine.empty', { year })
              : t('plans.mine.emptyFiltered', { filter: t(`plans.mine.show.${show}`).toLowerCase() })
          }
        />
      </Card>
      <OccurrenceDrawer
        occurrence={selection.selected}
        loading={selection.loading}
        onClose={selection.close}
      />
    </>
  );
}
