import {
  ArrowLeftOutlined,
  EditOutlined,
  FileExcelOutlined,
  FileWordOutlined,
  PlusOutlined,
} from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  Descriptions,
  Flex,
  Result,
  Space,
  Table,
  type TableColumnsType,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { downloadFile, errorMessage, isApiError } from '../../api/client';
import { useSession } from '../auth/session';
import { can, isCityLevel } from '../permissions';
import { EmptyState, PageLoading, QueryError } from '../shared/feedback';
import { useDocumentTitle } from '../shared/useDocumentTitle';
import { usePlan, usePlanOccurrences } from './api';
import { OccurrenceDrawer, useOccurrenceSelection } from './OccurrenceDrawer';
import { OccurrenceTable } from './OccurrenceTable';
import { PlanFormModal } from './PlanFormModal';
import { TaskFormModal } from './TaskFormModal';
import type { Occurrence, Plan, Task } from './types';
import { formatDay, UnitTags, useParam, usePeriodText, useYearParam, YearPicker } from './ui';

type TabKey = 'content' | 'appendix' | 'progress';
const TABS: TabKey[] = ['content', 'appendix', 'progress'];

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="cqtt-doc-section">
      <Typography.Title level={5} className="cqtt-doc-heading">
        {title}
      </Typography.Title>
      {children}
    </section>
  );
}

function Text({ value }: { value: string }) {
  const { t } = useTranslation();
  if (!value.trim())
    return <Typography.Paragraph type="secondary">{t('plans.detail.noText')}</Typography.Paragraph>;
  return <Typography.Paragraph className="cqtt-doc-text">{value}</Typography.Paragraph>;
}

function PlanContent({ plan, year }: { plan: Plan; year: number }) {
  const { t } = useTranslation();
  const targets = [...plan.targets].sort((a, b) => a.year - b.year);
  return (
    <div className="cqtt-doc" data-testid="plan-content">
      <Section title={t('plans.sections.legalBases')}>
        {plan.legalBases.length > 0 ? (
          <ul className="cqtt-doc-list">
            {plan.legalBases.map((b) => (
              <li key={b}>{b}</li>
            ))}
          </ul>
        ) : (
          <Text value="" />
        )}
      </Section>
      <Section title={t('plans.sections.purposeRoman')}>
        <Typography.Text strong>{t('plans.fields.purposeNumbered')}</Typography.Text>
        <Text value={plan.purpose} />
        <Typography.Text strong>{t('plans.fields.requirementsNumbered')}</Typography.Text>
        <Text value={plan.requirements} />
      </Section>
      <Section title={t('plans.sections.objectivesRoman')}>
        <Text value={plan.objectives} />
        <Typography.Text strong>{t('plans.fields.targets')}</Typography.Text>
        {targets.length > 0 ? (
          <Flex gap={8} wrap style={{ marginTop: 8, marginBottom: 12 }} data-testid="plan-targets">
            {targets.map((x) => (
              <Tag key={x.year} color={x.year === year ? 'blue' : 'default'} className="cqtt-target-tag">
                {t('plans.detail.target', { year: x.year, level: x.level })}
              </Tag>
            ))}
          </Flex>
        ) : (
          <Text value="" />
        )}
      </Section>
      <Section title={t('plans.sections.contentRoman')}>
        <Text value={plan.content} />
        <Typography.Paragraph type="secondary">
          {t('plans.detail.seeAppendix', { count: plan.tasks.length })}
        </Typography.Paragraph>
      </Section>
      <Section title={t('plans.sections.fundingRoman')}>
        <Text value={plan.funding} />
      </Section>
      <Section title={t('plans.sections.organizationRoman')}>
        <Text value={plan.organization} />
      </Section>
      <Flex gap={32} wrap justify="space-between" style={{ marginTop: 24 }}>
        <div style={{ minWidth: 240 }}>
          <Typography.Text strong italic>
            {t('plans.fields.recipients')}:
          </Typography.Text>
          {plan.recipients.length > 0 ? (
            <ul className="cqtt-doc-recipients">
              {plan.recipients.map((r) => (
                <li key={r}>- {r};</li>
              ))}
            </ul>
          ) : (
            <Text value="" />
          )}
        </div>
        <div className="cqtt-doc-signature">
          <div className="cqtt-doc-signature-title">
            {t('plans.detail.onBehalf')}
            <br />
            {plan.signerTitle || '…'}
          </div>
          <div className="cqtt-doc-signature-name">{plan.signerName || '…'}</div>
        </div>
      </Flex>
    </div>
  );
}

function Appendix({ plan, onEdit }: { plan: Plan; onEdit?: (task: Task) => void }) {
  const { t } = useTranslation();
  const columns: TableColumnsType<Task> = [
    { title: t('plans.appendix.number'), dataIndex: 'number', width: 60, align: 'center' },
    {
      title: t('plans.appendix.content'),
      dataIndex: 'content',
      render: (v: string, task) => (
        <div style={{ minWidth: 260 }}>
          <span style={{ whiteSpace: 'pre-wrap' }}>{v}</span>
          {task.isActive ? null : (
            <div>
              <Tag color="default" style={{ marginTop: 4 }}>
                {t('plans.appendix.inactive')}
              </Tag>
            </div>
          )}
        </div>
      ),
    },
    { title: t('plans.appendix.schedule'), dataIndex: 'scheduleText', width: 160 },
    { title: t('plans.appendix.lead'), key: 'lead', width: 170, render: (_, task) => task.leadName },
    {
      title: t('plans.appendix.coordinating'),
      key: 'with',
      width: 240,
      render: (_, task) =>
        task.coordinatingText ? (
          task.coordinatingText
        ) : task.coordinatingUnits.length > 0 ? (
          <UnitTags units={task.coordinatingUnits} />
        ) : (
          <span className="cqtt-muted">—</span>
        ),
    },
    ...(onEdit
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            width: 90,
            render: (_: unknown, task: Task) => (
              <Button
                size="small"
                icon={<EditOutlined />}
                onClick={() => onEdit(task)}
                aria-label={t('plans.taskForm.editTitle', { number: task.number })}
              >
                {t('common.edit')}
              </Button>
            ),
          },
        ]
      : []),
  ];
  return (
    <>
      <div className="cqtt-appendix-head">
        <Typography.Title level={5} style={{ margin: 0 }}>
          {t('plans.appendix.title')}
        </Typography.Title>
        <Typography.Text type="secondary">
          {t('plans.appendix.subtitle', { title: plan.title })}
        </Typography.Text>
      </div>
      <Table<Task>
        rowKey="id"
        size="middle"
        bordered
        columns={columns}
        dataSource={[...plan.tasks].sort((a, b) => a.number - b.number)}
        rowClassName={(task) => (task.isActive ? '' : 'cqtt-row-inactive')}
        pagination={plan.tasks.length > 20 ? { defaultPageSize: 20, showSizeChanger: true } : false}
        locale={{ emptyText: <EmptyState description={t('plans.appendix.empty')} /> }}
        scroll={{ x: 900 }}
        data-testid="appendix-table"
      />
    </>
  );
}

function PlanProgress({
  plan,
  year,
  setYear,
  list,
  onOpen,
}: {
  plan: Plan;
  year: number;
  setYear: (y: number) => void;
  list: ReturnType<typeof usePlanOccurrences>;
  onOpen: (o: Occurrence) => void;
}) {
  const { t } = useTranslation();
  return (
    <>
      <Flex gap={12} wrap className="cqtt-toolbar" align="center">
        <YearPicker value={year} onChange={setYear} plans={[plan]} />
        <Link to={`/progress?planId=${plan.id}&year=${year}`}>{t('plans.detail.openTimeline')}</Link>
      </Flex>
      {list.isError ? <QueryError error={list.error} onRetry={() => void list.refetch()} /> : null}
      <OccurrenceTable
        occurrences={list.data ?? []}
        loading={list.isFetching && !list.data}
        onOpen={onOpen}
        emptyText={t('plans.detail.noOccurrences', { year })}
      />
    </>
  );
}

export default function PlanDetailPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useSession();
  const { planId } = useParams();
  const plan = usePlan(planId);
  const period = usePeriodText();
  const [year, setYear] = useYearParam();
  const [tabParam, setTab] = useParam('tab');
  const tab: TabKey = TABS.includes(tabParam as TabKey) ? (tabParam as TabKey) : 'content';
  const [editingPlan, setEditingPlan] = useState(false);
  const [taskModal, setTaskModal] = useState<{ task: Task | null } | null>(null);
  const [downloading, setDownloading] = useState<'docx' | 'xlsx' | null>(null);
  const manage = can(me, 'plans.manage');
  // This year's occurrences: the progress tab, and the drawer a notification's link opens (?task=).
  const occurrences = usePlanOccurrences(plan.data?.id, year);
  const selection = useOccurrenceSelection(occurrences.data, year);
  useDocumentTitle(plan.data?.title ?? t('nav.plans'));

  if (plan.isLoading) return <PageLoading />;
  if (plan.isError) {
    if (isApiError(plan.error) && plan.error.status === 404) {
      return (
        <Result
          status="404"
          title={t('plans.detail.notFound')}
          extra={
            <Link to="/plans">
              <Button type="primary">{t('plans.detail.backToList')}</Button>
            </Link>
          }
        />
      );
    }
    return <QueryError error={plan.error} onRetry={() => void plan.refetch()} />;
  }
  const p = plan.data;
  if (!p) return null;

  const download = async (kind: 'docx' | 'xlsx') => {
    setDownloading(kind);
    try {
      if (kind === 'docx') await downloadFile(`/api/plans/${p.id}/export.docx`, undefined, 'ke-hoach.docx');
      else await downloadFile(`/api/plans/${p.id}/occurrences.xlsx`, { year }, `tien-do-${year}.xlsx`);
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setDownloading(null);
    }
  };

  const issued = [
    p.issuedPlace,
    p.issuedOn ? t('plans.detail.issuedOn', { date: formatDay(p.issuedOn) }) : '',
  ]
    .filter(Boolean)
    .join(', ');

  return (
    <>
      <div style={{ marginBottom: 12 }}>
        <Link to="/plans">
          <ArrowLeftOutlined /> {t('plans.detail.backToList')}
        </Link>
      </div>
      <Card style={{ marginBottom: 16 }} data-testid="plan-header">
        <Flex justify="space-between" gap={16} wrap>
          <div style={{ minWidth: 0, flex: '1 1 520px' }}>
            <Space size={8} wrap>
              <Tag color="blue">{t('plans.detail.kind')}</Tag>
              <Typography.Text strong>
                {p.number ? t('plans.detail.number', { number: p.number }) : t('plans.detail.noNumber')}
              </Typography.Text>
              {issued ? (
                <Typography.Text italic type="secondary">
                  {issued}
                </Typography.Text>
              ) : null}
            </Space>
            <Typography.Title level={3} style={{ margin: '8px 0' }}>
              {p.title}
            </Typography.Title>
            <Descriptions
              size="small"
              column={{ xs: 1, md: 3 }}
              items={[
                { key: 'period', label: t('plans.period'), children: period(p) },
                {
                  key: 'signer',
                  label: t('plans.detail.signer'),
                  children:
                    p.signerName || p.signerTitle ? (
                      `${p.signerTitle ? `${p.signerTitle} ` : ''}${p.signerName}`.trim()
                    ) : (
                      <span className="cqtt-muted">—</span>
                    ),
                },
                { key: 'tasks', label: t('plans.detail.taskCount'), children: p.tasks.length },
              ]}
            />
          </div>
          <Flex gap={8} wrap align="flex-start" style={{ flex: '0 1 auto' }}>
            <Button
              icon={<FileWordOutlined />}
              loading={downloading === 'docx'}
              onClick={() => void download('docx')}
            >
              {t('plans.detail.downloadDocx')}
            </Button>
            <Space.Compact>
              <YearPicker value={year} onChange={setYear} plans={[p]} />
              <Button
                icon={<FileExcelOutlined />}
                loading={downloading === 'xlsx'}
                onClick={() => void download('xlsx')}
              >
                {t('plans.detail.downloadXlsx')}
              </Button>
            </Space.Compact>
            {manage ? (
              <Button icon={<EditOutlined />} onClick={() => setEditingPlan(true)}>
                {t('plans.detail.edit')}
              </Button>
            ) : null}
          </Flex>
        </Flex>
      </Card>
      <Card>
        <Tabs
          activeKey={tab}
          onChange={(k) => setTab(k === 'content' ? undefined : k)}
          tabBarExtraContent={
            manage && tab === 'appendix' ? (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setTaskModal({ task: null })}>
                {t('plans.appendix.add')}
              </Button>
            ) : null
          }
          items={[
            {
              key: 'content',
              label: t('plans.detail.tabContent'),
              children: <PlanContent plan={p} year={year} />,
            },
            {
              key: 'appendix',
              label: t('plans.detail.tabAppendix', { count: p.tasks.length }),
              children: <Appendix plan={p} onEdit={manage ? (task) => setTaskModal({ task }) : undefined} />,
            },
            {
              key: 'progress',
              label: t('plans.detail.tabProgress', { year }),
              children: (
                <PlanProgress
                  plan={p}
                  year={year}
                  setYear={setYear}
                  list={occurrences}
                  onOpen={selection.open}
                />
              ),
            },
          ]}
        />
      </Card>
      {editingPlan ? (
        <PlanFormModal plan={p} defaultYear={year} onClose={() => setEditingPlan(false)} />
      ) : null}
      <OccurrenceDrawer
        occurrence={selection.selected}
        loading={selection.loading}
        onClose={selection.close}
        communeId={isCityLevel(me) ? p.communeId : undefined}
      />
      {taskModal ? <TaskFormModal plan={p} task={taskModal.task} onClose={() => setTaskModal(null)} /> : null}
    </>
  );
}
