import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Table, type TableColumnsType, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useSession } from '../auth/session';
import { can } from '../permissions';
import { CommunePicker, useCommuneScope } from '../shared/CommunePicker';
import { EmptyState, QueryError, usePagination } from '../shared/feedback';
import { PageHeader } from '../shared/PageHeader';
import { useDocumentTitle } from '../shared/useDocumentTitle';
import { usePlans } from './api';
import { PlanFormModal } from './PlanFormModal';
import { ReminderSettingsCard } from './ReminderSettingsCard';
import type { PlanSummary } from './types';
import { currentYear, formatDay, usePeriodText } from './ui';

export default function PlansPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('nav.plans'));
  const me = useSession();
  const navigate = useNavigate();
  const pagination = usePagination();
  const scope = useCommuneScope();
  const plans = usePlans(scope.communeId, scope.ready);
  const period = usePeriodText();
  const [adding, setAdding] = useState(false);
  const manage = can(me, 'plans.manage');
  const suffix = scope.communeId ? `?communeId=${encodeURIComponent(scope.communeId)}` : '';

  const columns: TableColumnsType<PlanSummary> = [
    {
      title: t('plans.fields.number'),
      dataIndex: 'number',
      width: 150,
      render: (v: string) => v || <span className="cqtt-muted">{t('plans.noNumber')}</span>,
    },
    {
      title: t('plans.fields.title'),
      dataIndex: 'title',
      render: (v: string, p) => (
        <Link to={`/plans/${p.id}${suffix}`} onClick={(e) => e.stopPropagation()}>
          {v}
        </Link>
      ),
    },
    { title: t('plans.period'), key: 'period', width: 150, render: (_, p) => period(p) },
    {
      title: t('plans.fields.issuedOn'),
      dataIndex: 'issuedOn',
      width: 140,
      render: (v: string | null) => (v ? formatDay(v) : <span className="cqtt-muted">—</span>),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('nav.plans')}
        subtitle={t('plans.list.subtitle')}
        extra={
          manage && scope.ready ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
              {t('plans.list.add')}
            </Button>
          ) : null
        }
      />
      <Card>
        {scope.cityLevel ? (
          <Flex gap={12} wrap className="cqtt-toolbar" align="center">
            <CommunePicker value={scope.communeId} onChange={scope.setCommuneId} />
          </Flex>
        ) : null}
        {plans.isError ? <QueryError error={plans.error} onRetry={() => void plans.refetch()} /> : null}
        {scope.ready ? (
          <Table<PlanSummary>
            rowKey="id"
            columns={columns}
            dataSource={plans.data ?? []}
            loading={plans.isLoading}
            onRow={(p) => ({
              onClick: () => navigate(`/plans/${p.id}${suffix}`),
              style: { cursor: 'pointer' },
            })}
            pagination={(plans.data?.length ?? 0) > 10 ? pagination : false}
            locale={{
              emptyText: (
                <EmptyState description={manage ? t('plans.list.emptyManage') : t('plans.list.empty')} />
              ),
            }}
            scroll={{ x: 720 }}
          />
        ) : (
          <EmptyState description={t('org.pickCommuneFirst')} />
        )}
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 12, marginBottom: 0 }}>
          {t('plans.list.hint')}
        </Typography.Paragraph>
      </Card>
      {manage && scope.ready ? <ReminderSettingsCard communeId={scope.communeId} /> : null}
      {adding ? (
        <PlanFormModal
          plan={null}
          communeId={scope.communeId}
          defaultYear={currentYear()}
          onClose={() => setAdding(false)}
          onCreated={(p) => navigate(`/plans/${p.id}`)}
        />
      ) : null}
    </>
  );
}
