import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { isApiError } from '../../api/client';
import { EmptyState, PageLoading, QueryError } from '../shared/feedback';
import { KindTag, useLabels } from '../shared/labels';
import { PageHeader } from '../shared/PageHeader';
import { useDocumentTitle } from '../shared/useDocumentTitle';
import { useCommune, useUnits, useVillages } from './api';
import { UnitsTable, VillagesTable } from './tables';

/** Read-only view of one commune for city-level users. */
export default function CommuneDetailPage() {
  const { t } = useTranslation();
  const labels = useLabels();
  const { communeId } = useParams();
  const commune = useCommune(communeId);
  const units = useUnits(communeId, Boolean(communeId));
  const villages = useVillages(communeId, Boolean(communeId));
  const title = commune.data ? labels.communeTitle(commune.data.kind, commune.data.name) : undefined;
  useDocumentTitle(title ?? t('org.communeDetail'));

  const back = (
    <Link to="/">
      <Button icon={<ArrowLeftOutlined />}>{t('common.back')}</Button>
    </Link>
  );

  if (commune.isPending) return <PageLoading />;
  if (commune.isError) {
    return (
      <>
        <PageHeader title={t('org.communeDetail')} extra={back} />
        {isApiError(commune.error) && commune.error.status === 404 ? (
          <EmptyState description={t('org.communeNotFound')} />
        ) : (
          <QueryError error={commune.error} onRetry={() => void commune.refetch()} />
        )}
      </>
    );
  }
  const c = commune.data;
  return (
    <>
      <PageHeader title={title} subtitle={t('org.readOnly')} extra={back} />
      <Card style={{ marginBottom: 16 }}>
        <Descriptions
          column={{ xs: 1, md: 2, xl: 4 }}
          size="small"
          items={[
            { key: 'name', label: t('org.communeName'), children: <strong>{c.name}</strong> },
            { key: 'kind', label: t('org.kind'), children: <KindTag kind={c.kind} /> },
            { key: 'code', label: t('org.communeCode'), children: c.code },
            { key: 'city', label: t('org.city'), children: c.city?.name },
          ]}
        />
      </Card>
      <Card>
        <Tabs
          items={[
            {
              key: 'units',
              label: `${t('nav.units')} (${units.data?.length ?? 0})`,
              children: (
                <>
                  {units.isError ? (
                    <QueryError error={units.error} onRetry={() => void units.refetch()} />
                  ) : null}
                  <UnitsTable units={units.data ?? []} loading={units.isLoading} />
                </>
              ),
            },
            {
              key: 'villages',
              label: `${t('nav.villages')} (${villages.data?.length ?? 0})`,
              children: (
                <>
                  {villages.isError ? (
                    <QueryError error={villages.error} onRetry={() => void villages.refetch()} />
                  ) : null}
                  <VillagesTable villages={villages.data ?? []} loading={villages.isLoading} />
                </>
              ),
            },
          ]}
        />
      </Card>
    </>
  );
}
