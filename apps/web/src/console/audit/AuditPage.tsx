import { ReloadOutlined } from '@ant-design/icons';
import { AUDIT_ENTITY_TYPES, type AuditEntry } from '@cqtt/contract/audit';
import {
  Alert,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Flex,
  Segmented,
  Select,
  Space,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../auth/session';
import { useCommunes } from '../org/api';
import { hasRole, isCityLevel } from '../permissions';
import { CommunePicker, useCommuneScope } from '../shared/CommunePicker';
import { EmptyState, QueryError, usePagination } from '../shared/feedback';
import { dayParam, formatDateTime } from '../shared/format';
import { useLabels } from '../shared/labels';
import { PageHeader } from '../shared/PageHeader';
import { useDocumentTitle } from '../shared/useDocumentTitle';
import { useAudit } from './api';
import { JsonDiff } from './JsonDiff';

const ACTION_COLORS: Record<string, string> = {
  create: 'green',
  update: 'blue',
  delete: 'red',
  deactivate: 'orange',
  revoke: 'red',
  login: 'cyan',
  logout: 'default',
};

function actionVerb(action: string): string {
  const parts = action.split(/[.:/]/);
  return parts[parts.length - 1] ?? action;
}

type Range = [Dayjs | null, Dayjs | null] | null;

export default function AuditPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('nav.audit'));
  const pagination = usePagination();
  const me = useSession();
  const labels = useLabels();
  const cityLevel = isCityLevel(me);
  // a city administrator reads the city's rows and every commune's; Sở Nội vụ the city's own
  const cityAdmin = cityLevel && hasRole(me, 'admin');
  const communeScope = useCommuneScope();
  const [cityOnly, setCityOnly] = useState(false);
  const communes = useCommunes(cityAdmin);
  const communeName = (id: string) => {
    const c = communes.data?.find((x) => x.id === id);
    return c ? labels.communeTitle(c.kind, c.name) : id;
  };
  const [entityType, setEntityType] = useState<string | undefined>();
  const [range, setRange] = useState<Range>(null);
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const from = range?.[0] ? dayParam(range[0]) : undefined;
  const to = range?.[1] ? dayParam(range[1]) : undefined;
  const scope = cityLevel && (cityOnly || !cityAdmin) ? ('city' as const) : undefined;
  const communeId = cityAdmin && !cityOnly ? communeScope.communeId : undefined;
  const audit = useAudit({ scope, communeId, entityType, from, to, ...page });

  const entityLabel = (type: string) => t(`audit.entities.${type}`, { defaultValue: type });
  const actionLabel = (action: string) =>
    t(`audit.actions.${action.replace(/[.:/]/g, '_')}`, {
      defaultValue: t(`audit.actions.${actionVerb(action)}`, { defaultValue: action }),
    });

  // every kind the log can name, by its Vietnamese name, whether or not this page shows one
  const entityOptions = AUDIT_ENTITY_TYPES.map((v) => ({ value: v as string, label: entityLabel(v) })).sort(
    (a, b) => a.label.localeCompare(b.label, 'vi'),
  );

  const columns: TableColumnsType<AuditEntry> = [
    { title: t('audit.at'), dataIndex: 'at', width: 150, render: (v: string) => formatDateTime(v) },
    {
      title: t('audit.actor'),
      dataIndex: 'actorName',
      render: (v: string | null, e) => (
        <Space orientation="vertical" size={0}>
          {v || e.actorId || <span className="cqtt-muted">{t('audit.system')}</span>}
          {e.token ? (
            <Tag color="purple" style={{ width: 'fit-content' }} title={e.token.id}>
              {t('audit.viaToken', { name: e.token.name })}
            </Tag>
          ) : null}
        </Space>
      ),
    },
    ...(cityAdmin
      ? [
          {
            title: t('audit.whose'),
            key: 'whose',
            render: (_: unknown, e: AuditEntry) =>
              e.communeId ? communeName(e.communeId) : <Tag color="blue">{t('audit.cityData')}</Tag>,
          },
        ]
      : []),
    {
      title: t('audit.action'),
      dataIndex: 'action',
      render: (v: string) => <Tag color={ACTION_COLORS[actionVerb(v)] ?? 'default'}>{actionLabel(v)}</Tag>,
    },
    { title: t('audit.entityType'), dataIndex: 'entityType', render: (v: string) => entityLabel(v) },
    {
      title: t('audit.objectName'),
      key: 'object',
      width: 260,
      render: (_: unknown, e: AuditEntry) => (
        <Space orientation="vertical" size={0}>
          {e.objectName ? (
            <Typography.Text ellipsis={{ tooltip: e.objectName }} style={{ maxWidth: 240 }}>
              {e.objectName}
            </Typography.Text>
          ) : null}
          {e.entityId ? (
            <Typography.Text
              code
              copyable={{ text: e.entityId }}
              ellipsis
              style={{ maxWidth: 170, fontSize: 12 }}
              title={t('audit.entityId')}
            >
              {e.entityId}
            </Typography.Text>
          ) : (
            <span className="cqtt-muted">—</span>
          )}
        </Space>
      ),
    },
  ];

  const resetFilters = () => {
    setEntityType(undefined);
    setRange(null);
    setPage((p) => ({ ...p, page: 1 }));
  };
  const filtered = Boolean(entityType || range);

  return (
    <>
      <PageHeader title={t('nav.audit')} subtitle={t('audit.subtitle')} />
      {cityLevel && !cityAdmin ? (
        <Alert type="info" showIcon title={t('audit.cityOwnNote')} style={{ marginBottom: 16 }} />
      ) : null}
      <Card>
        <Flex gap={12} wrap className="cqtt-toolbar" align="center">
          {cityAdmin ? (
            <>
              <Segmented
                aria-label={t('audit.scope')}
                value={cityOnly ? 'city' : 'all'}
                options={[
                  { value: 'all', label: t('audit.scopeAll') },
                  { value: 'city', label: t('audit.cityData') },
                ]}
                onChange={(v) => {
                  setCityOnly(v === 'city');
                  setPage((p) => ({ ...p, page: 1 }));
                }}
              />
              {cityOnly ? null : (
                <CommunePicker
                  value={communeScope.communeId}
                  onChange={(id) => {
                    communeScope.setCommuneId(id);
                    setPage((p) => ({ ...p, page: 1 }));
                  }}
                  allowClear
                  placeholder={t('audit.allCommunes')}
                  width={260}
                />
              )}
            </>
          ) : null}
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('audit.allEntityTypes')}
            aria-label={t('audit.entityType')}
            style={{ width: 240 }}
            options={entityOptions}
            value={entityType}
            onChange={(v) => {
              setEntityType(v ?? undefined);
              setPage((p) => ({ ...p, page: 1 }));
            }}
          />
          <DatePicker.RangePicker
            format="DD/MM/YYYY"
            value={range}
            allowEmpty={[true, true]}
            placeholder={[t('audit.from'), t('audit.to')]}
            onChange={(v) => {
              setRange(v);
              setPage((p) => ({ ...p, page: 1 }));
            }}
            presets={[
              { label: t('audit.today'), value: [dayjs().startOf('day'), dayjs().endOf('day')] },
              { label: t('audit.last7'), value: [dayjs().subtract(6, 'day'), dayjs()] },
              { label: t('audit.last30'), value: [dayjs().subtract(29, 'day'), dayjs()] },
            ]}
            disabledDate={(d) => d.isAfter(dayjs().endOf('day'))}
          />
          {filtered ? <Button onClick={resetFilters}>{t('common.clearFilters')}</Button> : null}
          <Button
            icon={<ReloadOutlined />}
            onClick={() => void audit.refetch()}
            loading={audit.isFetching}
            aria-label={t('common.refresh')}
          >
            {t('common.refresh')}
          </Button>
        </Flex>
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: -8 }}>
          {t('audit.timeZoneNote')}
        </Typography.Paragraph>
        {audit.isError ? <QueryError error={audit.error} onRetry={() => void audit.refetch()} /> : null}
        <Table<AuditEntry>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={audit.data?.items ?? []}
          loading={audit.isFetching}
          expandable={{
            expandedRowRender: (e) => (
              <div style={{ padding: '4px 0' }}>
                <JsonDiff before={e.before} after={e.after} />
                {e.requestId || e.communeId || e.token ? (
                  <Descriptions
                    size="small"
                    column={{ xs: 1, md: 2 }}
                    style={{ marginTop: 12 }}
                    items={[
                      ...(e.requestId
                        ? [{ key: 'req', label: t('audit.requestId'), children: <code>{e.requestId}</code> }]
                        : []),
                      ...(e.token
                        ? [
                            {
                              key: 'token',
                              label: t('audit.token'),
                              children: (
                                <span>
                                  {e.token.name} <code>{e.token.id}</code>
                                </span>
                              ),
                            },
                          ]
                        : []),
                      ...(e.communeId
                        ? [
                            {
                              key: 'commune',
                              label: t('audit.communeId'),
                              children: <code>{e.communeId}</code>,
                            },
                          ]
                        : []),
                    ]}
                  />
                ) : null}
              </div>
            ),
          }}
          pagination={{
            ...pagination,
            current: page.page,
            pageSize: page.pageSize,
            total: audit.data?.total ?? 0,
            onChange: (p, ps) => setPage({ page: ps === page.pageSize ? p : 1, pageSize: ps }),
          }}
          locale={{
            emptyText: <EmptyState description={filtered ? t('audit.emptyFiltered') : t('audit.empty')} />,
          }}
          scroll={{ x: 860 }}
        />
      </Card>
    </>
  );
}
