import {
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Flex,
  Form,
  Input,
  Modal,
  Row,
  Segmented,
  Space,
  Statistic,
  Switch,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, errorMessage } from '../../api/client';
import { useSession } from '../auth/session';
import { can } from '../permissions';
import { CommunePicker, useCommuneScope } from '../shared/CommunePicker';
import { EmptyState, QueryError } from '../shared/feedback';
import { dayParam, formatDateTime } from '../shared/format';
import { PageHeader } from '../shared/PageHeader';
import { useDocumentTitle } from '../shared/useDocumentTitle';
import {
  type Burst,
  type IndexGroup,
  percent,
  type Rating,
  useDashboard,
  useFloods,
  useRatings,
  useSatisfactionWrite,
} from './api';
import { TrendChart } from './TrendChart';

function useIndexColumns() {
  const { t } = useTranslation();
  const empty = t('satisfaction.noData');
  return [
    { title: t('satisfaction.col.name'), dataIndex: 'label', key: 'label' },
    { title: t('satisfaction.col.ratings'), dataIndex: 'ratings', key: 'ratings', width: 110 },
    { title: t('satisfaction.col.satisfied'), dataIndex: 'satisfied', key: 'satisfied', width: 130 },
    {
      title: t('satisfaction.col.index'),
      dataIndex: 'index',
      key: 'index',
      width: 140,
      render: (v: number | null) => <strong>{percent(v, empty)}</strong>,
    },
  ];
}

function Comments({
  period,
  moderator,
  manager,
}: {
  period: { communeId?: string; from?: string; to?: string };
  moderator: boolean;
  manager: boolean;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [page, setPage] = useState(1);
  const [onlyComments, setOnlyComments] = useState(true);
  const ratings = useRatings(period, page, onlyComments);
  const [answering, setAnswering] = useState<Rating | null>(null);
  const [hiding, setHiding] = useState<Rating | null>(null);
  const answer = useSatisfactionWrite((v: { id: string; answer: string }) =>
    api.post(`/api/ratings/${v.id}/answer`, { answer: v.answer }),
  );
  const hide = useSatisfactionWrite((v: { id: string; reason: string }) =>
    api.post(`/api/ratings/${v.id}/hide`, { reason: v.reason }),
  );
  if (ratings.error) return <QueryError error={ratings.error} onRetry={() => void ratings.refetch()} />;
  return (
    <>
      <Flex gap={8} align="center" style={{ marginBottom: 12 }}>
        <Switch checked={onlyComments} onChange={setOnlyComments} id="only-comments" />
        <label htmlFor="only-comments">{t('satisfaction.onlyComments')}</label>
      </Flex>
      <Table<Rating>
        rowKey="id"
        size="small"
        loading={ratings.isLoading}
        dataSource={ratings.data?.items ?? []}
        pagination={{
          current: page,
          pageSize: 20,
          total: ratings.data?.total ?? 0,
          onChange: setPage,
          showSizeChanger: false,
        }}
        columns={[
          {
            title: t('satisfaction.col.time'),
            dataIndex: 'createdAt',
            width: 150,
            render: (v: string, r) => (
              <Space direction="vertical" size={0}>
                <span>{formatDateTime(v)}</span>
                {r.dayNote ? (
                  <Typography.Text
                    type={r.countedOnArrival ? 'warning' : 'secondary'}
                    style={{ fontSize: 12 }}
                    data-testid="rating-day-note"
                  >
                    {r.dayNote}
                  </Typography.Text>
                ) : null}
              </Space>
            ),
          },
          {
            title: t('satisfaction.col.score'),
            dataIndex: 'score',
            width: 150,
            render: (v: number, r) => (
              <Space direction="vertical" size={0}>
                <Tag color={v >= 4 ? 'green' : v === 3 ? 'default' : 'red'}>
                  {t(`satisfaction.score.${v}`)}
                </Tag>
                {r.hidden && <Tag color="default">{t('satisfaction.hidden')}</Tag>}
              </Space>
            ),
          },
          {
            title: t('satisfaction.col.comment'),
            dataIndex: 'comment',
            render: (v: string, r) => (
              <Space direction="vertical" size={2}>
                <span>{v || <Typography.Text type="secondary">—</Typography.Text>}</span>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {[
                    r.counter,
                    r.official,
                    r.dossierCode
                      ? `${t('satisfaction.dossier')} ${r.dossierCode}`
                      : r.claimedDossierCode
                        ? `${t('satisfaction.claimedDossier')} ${r.claimedDossierCode}`
                        : t('satisfaction.noDossier'),
                  ]
                    .filter(Boolean)
                    .join(' · ')}
                </Typography.Text>
                {r.answer && (
                  <Typography.Text>
                    <strong>{t('satisfaction.answer')}:</strong> {r.answer} ({r.answeredBy})
                  </Typography.Text>
                )}
                {r.hidden && r.hiddenReason && (
                  <Typography.Text type="secondary">
                    {t('satisfaction.hiddenReason')}: {r.hiddenReason}
                  </Typography.Text>
                )}
              </Space>
            ),
          },
          {
            title: '',
            key: 'actions',
            width: 180,
            render: (_: unknown, r) => (
              <Space wrap>
                {manager && r.comment && (
                  <Button size="small" onClick={() => setAnswering(r)}>
                    {t('satisfaction.reply')}
                  </Button>
                )}
                {moderator && !r.hidden && (
                  <Button size="small" danger onClick={() => setHiding(r)}>
                    {t('satisfaction.hide')}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      {answering && (
        <TextModal
          title={t('satisfaction.replyTitle')}
          label={t('satisfaction.answer')}
          initial={answering.answer ?? ''}
          onClose={() => setAnswering(null)}
          onSubmit={async (text) => {
            await answer.mutateAsync({ id: answering.id, answer: text });
            message.success(t('satisfaction.saved'));
            setAnswering(null);
          }}
        />
      )}
      {hiding && (
        <TextModal
          title={t('satisfaction.hideTitle')}
          label={t('satisfaction.hiddenReason')}
          initial=""
          onClose={() => setHiding(null)}
          onSubmit={async (text) => {
            await hide.mutateAsync({ id: hiding.id, reason: text });
            message.success(t('satisfaction.saved'));
            setHiding(null);
          }}
        />
      )}
    </>
  );
}

/** Ratings the limits refused and bursts from one source, with voiding for moderators. */
function FloodsCard({
  period,
  moderator,
}: {
  period: { communeId?: string; from?: string; to?: string };
  moderator: boolean;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const floods = useFloods(period);
  const [voiding, setVoiding] = useState<Burst | null>(null);
  const [form] = Form.useForm<{ reason: string; withDossier: boolean }>();
  const voidBurst = useSatisfactionWrite((v: { burst: Burst; reason: string; withDossier: boolean }) =>
    api.post<{ voided: number }>('/api/ratings/void', {
      communeId: period.communeId,
      sourceKind: v.burst.sourceKind,
      source: v.burst.source,
      from: v.burst.from,
      to: v.burst.to,
      reason: v.reason,
      withDossier: v.withDossier,
    }),
  );
  if (floods.error) return <QueryError error={floods.error} onRetry={() => void floods.refetch()} />;
  const f = floods.data;
  const hour = (b: { from: string; to: string }) =>
    `${formatDateTime(b.from)} – ${formatDateTime(b.to).slice(-5)}`;
  return (
    <Card title={t('satisfaction.flood.title')} size="small" loading={floods.isLoading}>
      <Typography.Paragraph type="secondary">{t('satisfaction.flood.help')}</Typography.Paragraph>
      {f && f.refused === 0 && f.bursts.length === 0 && f.voids.length === 0 ? (
        <EmptyState description={t('satisfaction.flood.none')} />
      ) : (
        f && (
          <Space direction="vertical" size={12} style={{ width: '100%' }}>
            <Flex gap={32} wrap>
              <Statistic title={t('satisfaction.flood.refused')} value={f.refused} />
              {f.refusedBySource.length > 0 && (
                <div>
                  <Typography.Text type="secondary">{t('satisfaction.flood.sources')}</Typography.Text>
                  <ul style={{ margin: 0, paddingLeft: 20 }}>
                    {f.refusedBySource.slice(0, 5).map((s) => (
                      <li key={`${s.sourceKind}/${s.source}`}>
                        {s.label}: <strong>{s.refused}</strong>
                      </li>
                    ))}
                  </ul>
                </div>
              )}
            </Flex>
            <Table<Burst>
              rowKey={(b) => `${b.sourceKind}/${b.source}/${b.from}`}
              size="small"
              pagination={{ pageSize: 10, hideOnSinglePage: true }}
              dataSource={f.bursts}
              columns={[
                {
                  title: t('satisfaction.flood.hour'),
                  key: 'hour',
                  width: 190,
                  render: (_: unknown, b) => hour(b),
                },
                { title: t('satisfaction.flood.source'), dataIndex: 'label' },
                { title: t('satisfaction.flood.accepted'), dataIndex: 'ratings', width: 90 },
                { title: t('satisfaction.flood.withoutDossier'), dataIndex: 'withoutDossier', width: 110 },
                {
                  title: t('satisfaction.flood.refusedCol'),
                  dataIndex: 'refused',
                  width: 100,
                  render: (v: number) => (v > 0 ? <Tag color="red">{v}</Tag> : 0),
                },
                { title: t('satisfaction.flood.voided'), dataIndex: 'voided', width: 110 },
                {
                  title: '',
                  key: 'actions',
                  width: 130,
                  render: (_: unknown, b) =>
                    moderator &&
                    b.ratings > 0 && (
                      <Button size="small" danger onClick={() => setVoiding(b)}>
                        {t('satisfaction.flood.void')}
                      </Button>
                    ),
                },
              ]}
            />
            {f.voids.length > 0 && (
              <>
                <Typography.Text strong>{t('satisfaction.flood.history')}</Typography.Text>
                <Table
                  rowKey="id"
                  size="small"
                  pagination={false}
                  dataSource={f.voids}
                  columns={[
                    {
                      title: t('satisfaction.col.time'),
                      dataIndex: 'createdAt',
                      width: 150,
                      render: (v: string) => formatDateTime(v),
                    },
                    { title: t('satisfaction.flood.source'), dataIndex: 'label' },
                    {
                      title: t('satisfaction.flood.hour'),
                      key: 'window',
                      render: (_: unknown, v) => hour(v),
                    },
                    { title: t('satisfaction.col.ratings'), dataIndex: 'ratings', width: 90 },
                    { title: t('satisfaction.flood.reason'), dataIndex: 'reason' },
                    { title: t('satisfaction.flood.by'), dataIndex: 'createdBy', width: 160 },
                  ]}
                />
              </>
            )}
          </Space>
        )
      )}
      {voiding && (
        <Modal
          open
          title={t('satisfaction.flood.voidTitle', {
            source: voiding.label,
            from: formatDateTime(voiding.from),
            to: formatDateTime(voiding.to).slice(-5),
          })}
          okText={t('satisfaction.flood.void')}
          okButtonProps={{ danger: true }}
          confirmLoading={voidBurst.isPending}
          onCancel={() => setVoiding(null)}
          onOk={() =>
            form.validateFields().then(async (v) => {
              try {
                const r = await voidBurst.mutateAsync({
                  burst: voiding,
                  reason: v.reason,
                  withDossier: v.withDossier ?? false,
                });
                message.success(t('satisfaction.flood.voidDone', { n: (r as { voided: number }).voided }));
                setVoiding(null);
                form.resetFields();
              } catch (err) {
                message.error(errorMessage(err));
              }
            })
          }
        >
          <Typography.Paragraph>{t('satisfaction.flood.voidHelp')}</Typography.Paragraph>
          <Form form={form} layout="vertical" initialValues={{ withDossier: false }}>
            <Form.Item
              name="reason"
              label={t('satisfaction.flood.reason')}
              rules={[{ required: true, whitespace: true }]}
            >
              <Input.TextArea rows={3} maxLength={1000} />
            </Form.Item>
            <Form.Item name="withDossier" valuePropName="checked" label={t('satisfaction.flood.withDossier')}>
              <Switch />
            </Form.Item>
          </Form>
        </Modal>
      )}
    </Card>
  );
}

function TextModal(props: {
  title: string;
  label: string;
  initial: string;
  onClose: () => void;
  onSubmit: (text: string) => Promise<void>;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ text: string }>();
  const [busy, setBusy] = useState(false);
  return (
    <Modal
      open
      title={props.title}
      onCancel={props.onClose}
      confirmLoading={busy}
      onOk={() =>
        form.validateFields().then(async (v) => {
          setBusy(true);
          try {
            await props.onSubmit(v.text);
          } catch (err) {
            message.error(errorMessage(err));
          } finally {
            setBusy(false);
          }
        })
      }
    >
      <Form form={form} layout="vertical" initialValues={{ text: props.initial }}>
        <Form.Item name="text" label={props.label} rules={[{ required: true, whitespace: true }]}>
          <Input.TextArea rows={4} maxLength={4000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export default function DashboardPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('satisfaction.dashboardTitle'));
  const me = useSession();
  const scope = useCommuneScope();
  const [range, setRange] = useState<[Dayjs, Dayjs]>(() => [
    dayjs().subtract(12, 'month').add(1, 'day'),
    dayjs(),
  ]);
  const [granularity, setGranularity] = useState<'day' | 'month' | 'year'>('month');
  const period = { communeId: scope.communeId, from: dayParam(range[0]), to: dayParam(range[1]) };
  const dash = useDashboard({ ...period, granularity }, scope.ready);
  const columns = useIndexColumns();
  const empty = t('satisfaction.noData');
  const d = dash.data;
  return (
    <>
      <PageHeader
        title={t('satisfaction.dashboardTitle')}
        subtitle={d?.ownOnly ? t('satisfaction.ownOnly') : t('satisfaction.dashboardSubtitle')}
        extra={
          <>
            {scope.cityLevel && <CommunePicker value={scope.communeId} onChange={scope.setCommuneId} />}
            <DatePicker.RangePicker
              value={range}
              allowClear={false}
              format="DD/MM/YYYY"
              onChange={(v) => v?.[0] && v[1] && setRange([v[0], v[1]])}
            />
            <Segmented
              value={granularity}
              onChange={(v) => setGranularity(v as 'day' | 'month' | 'year')}
              options={[
                { value: 'day', label: t('satisfaction.byDay') },
                { value: 'month', label: t('satisfaction.byMonth') },
                { value: 'year', label: t('satisfaction.byYear') },
              ]}
            />
          </>
        }
      />
      {!scope.ready ? (
        <EmptyState description={t('org.pickCommunePlaceholder')} />
      ) : dash.error ? (
        <QueryError error={dash.error} onRetry={() => void dash.refetch()} />
      ) : (
        <Space direction="vertical" size={16} style={{ width: '100%' }}>
          <Row gutter={[16, 16]}>
            <Col xs={12} md={6}>
              <Card loading={dash.isLoading}>
                <Statistic
                  title={t('satisfaction.counterIndex')}
                  value={percent(d?.counter.index ?? null, empty)}
                />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card loading={dash.isLoading}>
                <Statistic title={t('satisfaction.ratings')} value={d?.counter.ratings ?? 0} />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card loading={dash.isLoading}>
                <Statistic
                  title={t('satisfaction.withoutDossier')}
                  value={d?.counter.withoutDossier.ratings ?? 0}
                  suffix={d ? `(${percent(d.counter.withoutDossier.index, empty)})` : ''}
                />
              </Card>
            </Col>
            {d?.questionnaire && (
              <Col xs={12} md={6}>
                <Card>
                  <Statistic
                    title={t('satisfaction.overall', { n: d.questionnaire.responses })}
                    value={percent(d.questionnaire.overall, empty)}
                  />
                </Card>
              </Col>
            )}
          </Row>
          {d?.questionnaire && (
            <Card title={t('satisfaction.elements')} size="small">
              <Table
                rowKey="key"
                size="small"
                pagination={false}
                dataSource={d.questionnaire.elements.map((e) => ({
                  ...e,
                  label: e.name,
                  ratings: e.answers,
                }))}
                columns={columns.map((c) =>
                  c.key === 'ratings' ? { ...c, title: t('satisfaction.col.answers') } : c,
                )}
              />
            </Card>
          )}
          <Card title={t('satisfaction.trend')} size="small">
            {d && d.trend.length > 0 ? (
              <TrendChart points={d.trend} target={d.target} label={t('satisfaction.trend')} />
            ) : (
              <EmptyState description={empty} />
            )}
          </Card>
          <Card size="small">
            <Tabs
              items={[
                {
                  key: 'counter',
                  label: t('satisfaction.byCounter'),
                  children: (
                    <Table<IndexGroup>
                      rowKey={(r) => r.key ?? 'none'}
                      size="small"
                      pagination={false}
                      dataSource={d?.byCounter ?? []}
                      columns={columns}
                    />
                  ),
                },
                {
                  key: 'official',
                  label: t('satisfaction.byOfficial'),
                  children: (
                    <Table<IndexGroup>
                      rowKey={(r) => r.key ?? 'none'}
                      size="small"
                      pagination={false}
                      dataSource={d?.byOfficial ?? []}
                      columns={columns}
                    />
                  ),
                },
                {
                  key: 'procedure',
                  label: t('satisfaction.byProcedure'),
                  children: (
                    <Table<IndexGroup>
                      rowKey={(r) => r.key ?? 'none'}
                      size="small"
                      pagination={false}
                      dataSource={d?.byProcedure ?? []}
                      columns={columns}
                    />
                  ),
                },
                {
                  key: 'conduct',
                  label: t('satisfaction.conduct'),
                  children: (
                    <Table
                      rowKey="officialId"
                      size="small"
                      pagination={false}
                      scroll={{ x: true }}
                      dataSource={d?.conduct ?? []}
                      columns={[
                        { title: t('satisfaction.col.name'), dataIndex: 'fullName', fixed: 'left' as const },
                        { title: t('satisfaction.col.ratings'), dataIndex: 'ratings' },
                        ...(d?.conductCode.done ?? []).map((item) => ({
                          title: item.label,
                          key: item.key,
                          render: (_: unknown, r: { done: Record<string, number> }) => r.done[item.key] ?? 0,
                        })),
                        ...(d?.conductCode.breaches ?? []).map((item) => ({
                          title: <Typography.Text type="danger">{item.label}</Typography.Text>,
                          key: item.key,
                          render: (_: unknown, r: { breaches: Record<string, number> }) => {
                            const n = r.breaches[item.key] ?? 0;
                            return n > 0 ? <Tag color="red">{n}</Tag> : 0;
                          },
                        })),
                      ]}
                    />
                  ),
                },
              ]}
            />
          </Card>
          {d && !d.ownOnly && <FloodsCard period={period} moderator={can(me, 'satisfaction.moderate')} />}
          <Card title={t('satisfaction.comments')} size="small">
            <Comments
              period={period}
              moderator={can(me, 'satisfaction.moderate')}
              manager={can(me, 'satisfaction.manage') || me.unit?.code === 'TTPVHCC'}
            />
          </Card>
        </Space>
      )}
    </>
  );
}
