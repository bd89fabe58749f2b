import { PlusOutlined } from '@ant-design/icons';
import { estimates } from '@cqtt/contract/budget';
import type { EndpointBody } from '@cqtt/contract/endpoint';
import { Button, Pagination } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCall, useSend } from '../../api/queries';
import { useSession } from '../auth/session';
import { useUnits } from '../org/api';
import { hasRole, mayCall } from '../permissions';
import { useParam, useYearParam, YearPicker } from '../plans/ui';
import { CommunePicker, useCommuneScope } from '../shared/CommunePicker';
import { EmptyState, QueryError, usePagination } from '../shared/feedback';
import { PageHeader } from '../shared/PageHeader';
import { FilterBar } from '../shared/register/FilterBar';
import type { Field } from '../shared/register/fields';
import { RegisterFormModal } from '../shared/register/RegisterFormModal';
import { useDebounced } from '../shared/useDebounced';
import { useDocumentTitle } from '../shared/useDocumentTitle';
import { EstimateCard } from './EstimateCard';

/** Estimates per page: a commune has one a year, so a year shows one card (a city user's, one per commune). */
const PAGE_SIZE = 20;

export default function BudgetPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('budget.title'));
  const me = useSession();
  const scope = useCommuneScope();
  const [year, setYear] = useYearParam();
  const [unitId, setUnitId] = useParam('unitId');
  const [q, setQ] = useParam('q');
  const search = useDebounced(q ?? '', 300);
  const units = useUnits(scope.communeId, scope.ready);
  const pagination = usePagination();
  const filter = { communeId: scope.communeId, year, unitId, q: search || undefined };
  const [page, setPage] = useState(1);
  // a new filter shows its first page
  const filterKey = JSON.stringify(filter);
  useEffect(() => {
    void filterKey;
    setPage(1);
  }, [filterKey]);
  const list = useCall(
    estimates.list,
    { query: { ...filter, page, pageSize: PAGE_SIZE } },
    { enabled: scope.ready, keepPrevious: true },
  );
  const [creating, setCreating] = useState(false);
  return (
    <>
      <PageHeader
        title={t('budget.title')}
        subtitle={t('budget.subtitle')}
        extra={
          <>
            {scope.cityLevel ? <CommunePicker value={scope.communeId} onChange={scope.setCommuneId} /> : null}
            <YearPicker value={year} onChange={setYear} />
            {mayCall(me, estimates.create) && scope.ready ? (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
                {t('budget.create')}
              </Button>
            ) : null}
          </>
        }
      />
      <FilterBar
        marginBottom={16}
        search={{ label: t('budget.search'), value: q, onChange: setQ }}
        selects={[
          {
            label: t('budget.unit'),
            placeholder: t('budget.allUnits'),
            value: unitId,
            onChange: setUnitId,
            options: (units.data ?? []).map((u) => ({ value: u.id, label: u.name })),
            width: 240,
          },
        ]}
      />
      {scope.ready ? null : <EmptyState description={t('org.pickCommuneFirst')} />}
      {list.error ? <QueryError error={list.error} onRetry={() => list.refetch()} /> : null}
      {list.data && list.data.total === 0 ? <EmptyState description={t('budget.empty', { year })} /> : null}
      {(list.data?.items ?? []).map((summary) => (
        <EstimateCard key={summary.id} id={summary.id} />
      ))}
      <Pagination
        {...pagination}
        hideOnSinglePage
        current={page}
        pageSize={PAGE_SIZE}
        showSizeChanger={false}
        total={list.data?.total ?? 0}
        onChange={setPage}
      />
      {creating ? (
        <CreateModal
          year={year}
          communeId={scope.communeId}
          defaultUnitId={
            hasRole(me, 'admin', 'coordinator')
              ? units.data?.find((u) => u.name === 'Phòng Kinh tế')?.id
              : (me.unit?.id ?? undefined)
          }
          unitFixed={!hasRole(me, 'admin', 'coordinator')}
          onClose={() => setCreating(false)}
        />
      ) : null}
    </>
  );
}

type EstimateBody = EndpointBody<typeof estimates.create>;

function CreateModal({
  year,
  communeId,
  defaultUnitId,
  unitFixed,
  onClose,
}: {
  year: number;
  communeId?: string;
  defaultUnitId?: string;
  unitFixed: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const create = useSend(estimates.create, { invalidates: [estimates.list] });
  const fields: Field<EstimateBody>[] = [
    { name: 'year', label: t('budget.year'), kind: 'year', required: true, span: 8 },
    { name: 'title', label: t('budget.name'), kind: 'text', required: true },
    { name: 'unitId', label: t('budget.unit'), kind: 'unit', disabled: unitFixed },
    { name: 'note', label: t('budget.note'), kind: 'textarea', rows: 2 },
  ];
  return (
    <RegisterFormModal<EstimateBody>
      title={t('budget.create')}
      width={520}
      fields={fields}
      row={null}
      defaults={{ year, title: t('budget.defaultTitle', { year }), unitId: defaultUnitId }}
      communeId={communeId}
      pending={create.isPending}
      savedMessage={t('budget.created')}
      save={(body, callbacks) => create.mutate({ body: { ...body, communeId } }, callbacks)}
      onClose={onClose}
    />
  );
}
