import { ApartmentOutlined, BankOutlined, EnvironmentOutlined, TeamOutlined } from '@ant-design/icons';
import type { CommuneSummary } from '@cqtt/contract/org';
import {
  Card,
  Col,
  Descriptions,
  Flex,
  Input,
  Row,
  Statistic,
  Table,
  type TableColumnsType,
  Typography,
} from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { COMMUNE_KINDS } from '../../api/types';
import { useSession } from '../auth/session';
import { can, isCityLevel } from '../permissions';
import { YearGlance } from '../reports/YearGlance';
import { EmptyState, QueryError, usePagination } from '../shared/feedback';
import { formatNumber } from '../shared/format';
import { KindTag, RoleTags, useLabels } from '../shared/labels';
import { PageHeader } from '../shared/PageHeader';
import { matchesSearch } from '../shared/text';
import { useDocumentTitle } from '../shared/useDocumentTitle';
import { WorkList } from '../work/WorkList';
import { useCommunes } from './api';

function StatCard({
  title,
  value,
  icon,
  to,
  loading,
  testId,
}: {
  title: string;
  value: number | undefined;
  icon: React.ReactNode;
  to?: string;
  loading?: boolean;
  testId?: string;
}) {
  const { i18n } = useTranslation();
  const card = (
    <Card className="cqtt-stat-card" hoverable={Boolean(to)} loading={loading} data-testid={testId}>
      <Flex align="center" gap={16}>
        <div
          style={{
            fontSize: 24,
            color: '#0b5cad',
            background: '#e8f1fb',
            borderRadius: 10,
            width: 48,
            height: 48,
            display: 'grid',
            placeItems: 'center',
          }}
        >
          {icon}
        </div>
        <Statistic
          title={title}
          value={value ?? 0}
          formatter={(v) => formatNumber(Number(v), i18n.language)}
        />
      </Flex>
    </Card>
  );
  return to ? <Link to={to}>{card}</Link> : card;
}

function AccountCard() {
  const { t } = useTranslation();
  const me = useSession();
  return (
    <Card title={t('overview.account')} style={{ height: '100%' }}>
      <Descriptions
        column={1}
        size="small"
        items={[
          { key: 'name', label: t('users.fullName'), children: me.user.fullName },
          { key: 'username', label: t('users.username'), children: me.user.username },
          { key: 'roles', label: t('users.roles'), children: <RoleTags roles={me.user.roles} /> },
          {
            key: 'unit',
            label: t('users.unit'),
            children: me.unit ? me.unit.name : <span className="cqtt-muted">{t('common.none')}</span>,
          },
          ...(me.user.email ? [{ key: 'email', label: t('users.email'), children: me.user.email }] : []),
          ...(me.user.phone ? [{ key: 'phone', label: t('users.phone'), children: me.user.phone }] : []),
        ]}
      />
    </Card>
  );
}

function CommuneOverview() {
  const { t } = useTranslation();
  const me = useSession();
  const labels = useLabels();
  const communes = useCommunes();
  const commune = me.commune!;
  const stats = communes.data?.find((c) => c.id === commune.id) ?? communes.data?.[0];
  return (
    <>
      <PageHeader title={t('overview.title')} subtitle={t('overview.welcome', { name: me.user.fullName })} />
      {communes.isError ? (
        <QueryError error={communes.error} onRetry={() => void communes.refetch()} />
      ) : null}
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        <Col xs={24} xl={12}>
          <WorkList />
        </Col>
        <Col xs={24} xl={12}>
          <YearGlance narrow />
        </Col>
      </Row>
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        <Col xs={24} md={8}>
          <StatCard
            title={t('overview.units')}
            value={stats?.unitCount}
            icon={<ApartmentOutlined />}
            to="/units"
            loading={communes.isLoading}
            testId="stat-units"
          />
        </Col>
        <Col xs={24} md={8}>
          <StatCard
            title={t('overview.villages')}
            value={stats?.villageCount}
            icon={<EnvironmentOutlined />}
            to="/villages"
            loading={communes.isLoading}
            testId="stat-villages"
          />
        </Col>
        <Col xs={24} md={8}>
          <StatCard
            title={t('overview.users')}
            value={stats?.userCount}
            icon={<TeamOutlined />}
            to={can(me, 'users.manage') ? '/users' : undefined}
            loading={communes.isLoading}
            testId="stat-users"
          />
        </Col>
      </Row>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card title={t('overview.commune')} style={{ height: '100%' }}>
            <Descriptions
              column={1}
              size="small"
              items={[
                {
                  key: 'name',
                  label: t('org.communeName'),
                  children: <strong>{labels.communeTitle(commune.kind, commune.name)}</strong>,
                },
                { key: 'kind', label: t('org.kind'), children: <KindTag kind={commune.kind} /> },
                { key: 'code', label: t('org.communeCode'), children: commune.code },
                { key: 'city', label: t('org.city'), children: me.city.name },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <AccountCard />
        </Col>
      </Row>
    </>
  );
}

function CityOverview() {
  const { t, i18n } = useTranslation();
  const me = useSession();
  const labels = useLabels();
  const navigate = useNavigate();
  const pagination = usePagination();
  const communes = useCommunes();
  const [search, setSearch] = useState('');
  const all = communes.data ?? [];
  const rows = useMemo(
    () => (communes.data ?? []).filter((c) => matchesSearch(search, c.name, c.code)),
    [communes.data, search],
  );
  const byKind = (kind: string) => all.filter((c) => c.kind === kind).length;
  const num = (v: number) => formatNumber(v, i18n.language);

  const columns: TableColumnsType<CommuneSummary> = [
    {
      title: t('org.communeName'),
      dataIndex: 'name',
      sorter: (a, b) => a.name.localeCompare(b.name, 'vi'),
      defaultSortOrder: 'ascend',
      render: (_, c) => <Link to={`/communes/${c.id}`}>{labels.communeTitle(c.kind, c.name)}</Link>,
    },
    {
      title: t('org.kind'),
      dataIndex: 'kind',
      width: 130,
      filters: COMMUNE_KINDS.map((k) => ({ text: labels.kind(k), value: k })),
      onFilter: (value, c) => c.kind === value,
      render: (k: string) => <KindTag kind={k} />,
    },
    {
      title: t('org.communeCode'),
      dataIndex: 'code',
      width: 120,
      sorter: (a, b) => a.code.localeCompare(b.code),
    },
    {
      title: t('overview.units'),
      dataIndex: 'unitCount',
      align: 'right',
      width: 150,
      sorter: (a, b) => a.unitCount - b.unitCount,
      render: num,
    },
    {
      title: t('overview.villages'),
      dataIndex: 'villageCount',
      align: 'right',
      width: 110,
      sorter: (a, b) => a.villageCount - b.villageCount,
      render: num,
    },
    {
      title: t('overview.users'),
      dataIndex: 'userCount',
      align: 'right',
      width: 130,
      sorter: (a, b) => a.userCount - b.userCount,
      render: num,
    },
  ];

  return (
    <>
      <PageHeader
        title={t('overview.title')}
        subtitle={t('overview.cityWelcome', { name: me.user.fullName, city: me.city.name })}
      />
      {communes.isError ? (
        <QueryError error={communes.error} onRetry={() => void communes.refetch()} />
      ) : null}
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        <Col xs={24} sm={12} lg={6}>
          <StatCard
            title={t('overview.communeCount')}
            value={all.length}
            icon={<BankOutlined />}
            loading={communes.isLoading}
          />
        </Col>
        {COMMUNE_KINDS.map((k) => (
          <Col xs={24} sm={12} lg={6} key={k}>
            <StatCard
              title={labels.kind(k)}
              value={byKind(k)}
              icon={k === 'phuong' ? <ApartmentOutlined /> : <EnvironmentOutlined />}
              loading={communes.isLoading}
            />
          </Col>
        ))}
      </Row>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={17}>
          <Card
            title={t('overview.communesOfCity', { city: me.city.name })}
            extra={
              <Input.Search
                allowClear
                placeholder={t('overview.searchCommune')}
                onChange={(e) => setSearch(e.target.value)}
                style={{ width: 260 }}
                aria-label={t('overview.searchCommune')}
              />
            }
          >
            <Table<CommuneSummary>
              rowKey="id"
              size="middle"
              columns={columns}
              dataSource={rows}
              loading={communes.isLoading}
              pagination={{ ...pagination, defaultPageSize: 20 }}
              locale={{ emptyText: <EmptyState description={t('overview.noCommunes')} /> }}
              onRow={(c) => ({ onClick: () => navigate(`/communes/${c.id}`), style: { cursor: 'pointer' } })}
            />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('overview.clickHint')}
            </Typography.Text>
          </Card>
        </Col>
        <Col xs={24} xl={7}>
          <AccountCard />
        </Col>
      </Row>
    </>
  );
}

export default function OverviewPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('overview.title'));
  const me = useSession();
  return isCityLevel(me) ? <CityOverview /> : <CommuneOverview />;
}
