import type { Unit, Village } from '@cqtt/contract/org';
import { UNIT_KINDS } from '@cqtt/domain/org/roles';
import { Table, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { EmptyState, usePagination } from '../shared/feedback';
import { formatNumber } from '../shared/format';
import { ActiveTag } from '../shared/labels';

export function UnitsTable({
  units,
  loading,
  actions,
  emptyText,
}: {
  units: Unit[];
  loading?: boolean;
  actions?: (unit: Unit) => React.ReactNode;
  emptyText?: string;
}) {
  const { t } = useTranslation();
  const pagination = usePagination();
  const columns: TableColumnsType<Unit> = [
    {
      title: t('org.unitCode'),
      dataIndex: 'code',
      width: 140,
      sorter: (a, b) => a.code.localeCompare(b.code, 'vi'),
    },
    {
      title: t('org.unitName'),
      dataIndex: 'name',
      sorter: (a, b) => a.name.localeCompare(b.name, 'vi'),
      defaultSortOrder: 'ascend',
    },
    {
      title: t('org.unitKind'),
      dataIndex: 'kind',
      width: 200,
      filters: UNIT_KINDS.map((k) => ({ text: t(`org.unitKinds.${k}`), value: k })),
      onFilter: (value, u) => u.kind === value,
      render: (v: Unit['kind']) => t(`org.unitKinds.${v}`),
    },
    {
      title: t('org.description'),
      dataIndex: 'description',
      ellipsis: true,
      render: (v: string | null) => v || <span className="cqtt-muted">—</span>,
    },
    {
      title: t('common.status'),
      dataIndex: 'isActive',
      width: 150,
      render: (v: boolean) => <ActiveTag active={v} />,
    },
  ];
  if (actions)
    columns.push({ title: t('common.actions'), key: 'actions', width: 260, render: (_, u) => actions(u) });
  return (
    <Table<Unit>
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={units}
      loading={loading}
      pagination={{ ...pagination, defaultPageSize: 20, hideOnSinglePage: false }}
      locale={{ emptyText: <EmptyState description={emptyText ?? t('org.noUnits')} /> }}
      scroll={{ x: 720 }}
    />
  );
}

export function VillagesTable({
  villages,
  loading,
  actions,
  emptyText,
}: {
  villages: Village[];
  loading?: boolean;
  actions?: (village: Village) => React.ReactNode;
  emptyText?: string;
}) {
  const { t, i18n } = useTranslation();
  const pagination = usePagination();
  const columns: TableColumnsType<Village> = [
    {
      title: t('org.villageName'),
      dataIndex: 'name',
      sorter: (a, b) => a.name.localeCompare(b.name, 'vi', { numeric: true }),
      defaultSortOrder: 'ascend',
    },
    {
      title: t('org.headName'),
      dataIndex: 'headName',
      render: (v: string | null) => v || <span className="cqtt-muted">—</span>,
    },
    {
      title: t('org.households'),
      dataIndex: 'households',
      align: 'right',
      width: 140,
      sorter: (a, b) => (a.households ?? 0) - (b.households ?? 0),
      render: (v: number | null) =>
        v === null || v === undefined ? (
          <span className="cqtt-muted">—</span>
        ) : (
          formatNumber(v, i18n.language)
        ),
    },
    {
      title: t('common.status'),
      dataIndex: 'isActive',
      width: 150,
      render: (v: boolean) => <ActiveTag active={v} />,
    },
  ];
  if (actions)
    columns.push({ title: t('common.actions'), key: 'actions', width: 260, render: (_, v) => actions(v) });
  return (
    <Table<Village>
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={villages}
      loading={loading}
      pagination={{ ...pagination, defaultPageSize: 20 }}
      locale={{ emptyText: <EmptyState description={emptyText ?? t('org.noVillages')} /> }}
      scroll={{ x: 640 }}
    />
  );
}
