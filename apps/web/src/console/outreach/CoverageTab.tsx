import { type Coverage, coverage } from '@cqtt/contract/outreach';
import { OUTREACH_KIND_LABELS } from '@cqtt/domain/outreach/outreach';
import { Col, Flex, Progress, Row, Statistic, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCall } from '../../api/queries';
import { QueryError } from '../shared/feedback';
import { formatNumber, formatShare } from '../shared/format';
import type { OutreachFilters } from './filters';

export function CoverageTab({ f }: { f: OutreachFilters }) {
  const { t } = useTranslation();
  const result = useCall(
    coverage,
    { query: { communeId: f.scope.communeId, year: f.year } },
    { enabled: f.scope.ready },
  );
  if (result.error) return <QueryError error={result.error} onRetry={() => result.refetch()} />;
  const c = result.data;
  return (
    <>
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        <Col xs={12} md={6}>
          <Statistic title={t('outreach.activitiesCount')} value={c?.activities ?? 0} />
        </Col>
        <Col xs={12} md={6}>
          <Statistic title={t('outreach.audienceTotal')} value={formatNumber(c?.audience ?? 0)} />
        </Col>
        <Col xs={24} md={12}>
          <Statistic
            title={t('outreach.villagesCovered')}
            value={`${c?.coveredVillages ?? 0}/${c?.activeVillages ?? 0}`}
            suffix={c?.share === null || c?.share === undefined ? '' : `(${formatShare(c.share)})`}
          />
        </Col>
      </Row>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Table
            rowKey="villageId"
            size="small"
            pagination={false}
            loading={result.isLoading}
            dataSource={c?.villages ?? []}
            columns={[
              { title: t('outreach.village'), dataIndex: 'name' },
              {
                title: t('outreach.activitiesCount'),
                dataIndex: 'activities',
                render: (v: number) => (v === 0 ? <Tag color="red">{t('outreach.notCovered')}</Tag> : v),
              },
              {
                title: t('outreach.audience'),
                dataIndex: 'audience',
                align: 'right',
                render: (v: number) => formatNumber(v),
              },
              {
                title: t('outreach.kind'),
                dataIndex: 'kinds',
                render: (kinds: Coverage['channels'][number]['kind'][]) =>
                  kinds.map((k) => OUTREACH_KIND_LABELS[k]).join(', '),
              },
            ]}
          />
        </Col>
        <Col xs={24} lg={12}>
          <Table
            rowKey="kind"
            size="small"
            pagination={false}
            loading={result.isLoading}
            dataSource={c?.channels ?? []}
            columns={[
              { title: t('outreach.kind'), dataIndex: 'label' },
              {
                title: t('outreach.activitiesCount'),
                dataIndex: 'activities',
                render: (v: number) => (
                  <Flex gap={8} align="center">
                    <span style={{ minWidth: 20 }}>{v}</span>
                    <Progress
                      percent={c?.activities ? Math.round((v / c.activities) * 100) : 0}
                      showInfo={false}
                      size="small"
                      style={{ width: 100 }}
                    />
                  </Flex>
                ),
              },
              {
                title: t('outreach.audience'),
                dataIndex: 'audience',
                align: 'right',
                render: (v: number) => formatNumber(v),
              },
            ]}
          />
        </Col>
      </Row>
    </>
  );
}
