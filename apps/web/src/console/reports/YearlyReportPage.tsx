import { Card, Col, Descriptions, List, Row, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { usePlans } from '../plans/api';
import { formatDay, StatusTag, useYearParam, YearPicker } from '../plans/ui';
import { QueryError } from '../shared/feedback';
import { formatFigure, formatNumber } from '../shared/format';
import { PageHeader } from '../shared/PageHeader';
import { useDocumentTitle } from '../shared/useDocumentTitle';
import { percent, useYearlyReport, type YearlyReport } from './api';
import { ReportDocumentPanel } from './ReportDocumentPanel';

const money = (n: number) => `${formatNumber(n, 'vi')} đ`;

/** A figure against its target: "87,8% (chỉ tiêu 90%, chưa đạt)". */
export function AgainstTarget({ value, target }: { value: number | null; target: number | null }) {
  const { t } = useTranslation();
  if (target === null) return <span>{percent(value)}</span>;
  const met = value !== null && value >= target;
  return (
    <span>
      {percent(value)}{' '}
      <Tag color={value === null ? 'default' : met ? 'green' : 'orange'}>
        {t('reports.target', { target: percent(target) })}
        {value === null ? '' : met ? ` · ${t('reports.met')}` : ` · ${t('reports.notMet')}`}
      </Tag>
    </span>
  );
}

function Sections({ r }: { r: YearlyReport }) {
  const { t } = useTranslation();
  const onTime = r.feedback.measures.find((m) => m.key === 'feedback.answeredOnTimeShare');
  const level = (n: number | null) =>
    n === null ? '—' : n === 0 ? t('reports.belowLevel1') : t('reports.level', { level: n });
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={12}>
        <Card title={t('reports.sections.direction')} size="small" data-testid="section-direction">
          <Descriptions
            size="small"
            column={1}
            items={[
              {
                key: 'registration',
                label: t('reports.registration'),
                children: r.direction.registration
                  ? t('reports.registered', {
                      level: r.direction.registration.level,
                      date: formatDay(r.direction.registration.sentOn),
                      onTime: r.direction.registration.onTime ? t('reports.onTime') : t('reports.late'),
                    })
                  : t('reports.notRegistered'),
              },
            ]}
          />
          <List
            size="small"
            header={t('reports.documentsIssued', { count: r.direction.documents.length })}
            dataSource={r.direction.documents}
            locale={{ emptyText: t('reports.noDocuments') }}
            renderItem={(d) => (
              <List.Item>
                {d.kindLabel} số <strong>{d.fullNumber}</strong> ngày {formatDay(d.issuedOn)}
              </List.Item>
            )}
          />
        </Card>
      </Col>
      <Col xs={24} xl={12}>
        <Card title={t('reports.sections.level')} size="small" data-testid="section-level">
          <Descriptions
            size="small"
            column={1}
            items={[
              { key: 't', label: t('reports.planTarget'), children: level(r.level.planTarget) },
              { key: 'r', label: t('reports.registeredLevel'), children: level(r.level.registeredLevel) },
              {
                key: 's',
                label: t('reports.selfLevel'),
                children:
                  r.level.total === null
                    ? '—'
                    : `${level(r.level.selfLevel)} (${formatNumber(r.level.total, 'vi')} điểm)`,
              },
              {
                key: 'st',
                label: t('common.status'),
                children: r.level.statusLabel ?? t('reports.noAssessment'),
              },
              { key: 'c', label: t('reports.recognisedLevel'), children: level(r.level.recognisedLevel) },
            ]}
          />
        </Card>
      </Col>
      <Col xs={24}>
        <Card title={t('reports.sections.tasks')} size="small" data-testid="section-tasks">
          <Typography.Paragraph>{t('reports.tasksLine', r.tasks.totals)}</Typography.Paragraph>
          <Table
            rowKey="taskId"
            size="small"
            pagination={false}
            dataSource={[...r.tasks.occurrences].sort((a, b) => a.taskNumber - b.taskNumber)}
            scroll={{ x: 900 }}
            columns={[
              { title: t('plans.task.number'), dataIndex: 'taskNumber', width: 60, align: 'center' },
              {
                title: t('plans.task.content'),
                dataIndex: 'content',
                render: (c: string) => <span className="cqtt-clamp-3">{c}</span>,
              },
              { title: t('plans.task.leadUnit'), dataIndex: 'leadUnit', width: 170 },
              {
                title: t('reports.result'),
                key: 'result',
                width: 300,
                render: (_, o) => (
                  <div>
                    <StatusTag status={o.status} /> {o.completedOn ? formatDay(o.completedOn) : ''}
                    {o.fulfilledText ? (
                      <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                        {o.fulfilledText}
                      </Typography.Text>
                    ) : null}
                    {(o.figures ?? []).map((f) => (
                      <Typography.Text
                        key={f.label}
                        type="secondary"
                        style={{ display: 'block', fontSize: 12 }}
                      >
                        {f.label}: {formatFigure(f.value)}
                      </Typography.Text>
                    ))}
                  </div>
                ),
              },
            ]}
          />
        </Card>
      </Col>
      <Col xs={24} xl={12}>
        <Card title={t('reports.sections.outreach')} size="small" data-testid="section-outreach">
          <Typography.Paragraph>
            {t('reports.outreachLine', {
              activities: r.outreach.activities,
              audience: formatNumber(r.outreach.audience, 'vi'),
              covered: r.outreach.coveredVillages,
              villages: r.outreach.activeVillages,
            })}
          </Typography.Paragraph>
          <List
            size="small"
            dataSource={r.outreach.channels.filter((c) => c.activities > 0)}
            renderItem={(c) => (
              <List.Item>
                {c.label}: {c.activities}
              </List.Item>
            )}
          />
        </Card>
      </Col>
      <Col xs={24} xl={12}>
        <Card title={t('reports.sections.villages')} size="small" data-testid="section-villages">
          <Typography.Paragraph>
            {t('reports.villagesLine', {
              assessed: r.villages.assessed,
              villages: r.villages.activeVillages,
              recognised: r.villages.recognised,
            })}
          </Typography.Paragraph>
          {r.villages.titles.length ? (
            <Typography.Text>{r.villages.titles.join(', ')}</Typography.Text>
          ) : null}
        </Card>
      </Col>
      <Col xs={24} xl={12}>
        <Card title={t('reports.sections.satisfaction')} size="small" data-testid="section-satisfaction">
          <Descriptions
            size="small"
            column={1}
            items={[
              {
                key: 'q',
                label: t('reports.questionnaire', { count: r.satisfaction.questionnaire?.responses ?? 0 }),
                children: (
                  <AgainstTarget
                    value={r.satisfaction.questionnaire?.overall ?? null}
                    target={r.satisfaction.target}
                  />
                ),
              },
              ...(r.satisfaction.questionnaire?.elements ?? []).map((e) => ({
                key: e.key,
                label: e.name,
                children: `${percent(e.index)} (${e.satisfied}/${e.answers})`,
              })),
              {
                key: 'c',
                label: t('reports.counter', { count: r.satisfaction.counter?.ratings ?? 0 }),
                children: percent(r.satisfaction.counter?.index),
              },
              ...r.satisfaction.byCounter.map((c) => ({
                key: c.label,
                label: c.label,
                children: `${percent(c.index)} (${c.ratings})`,
              })),
              {
                key: 'd',
                label: t('reports.dossiers', { count: r.satisfaction.dossiers.counted }),
                children: percent(r.satisfaction.dossiers.share),
              },
            ]}
          />
        </Card>
      </Col>
      <Col xs={24} xl={12}>
        <Card title={t('reports.sections.feedback')} size="small" data-testid="section-feedback">
          <Descriptions
            size="small"
            column={1}
            items={[
              { key: 'r', label: t('reports.feedbackReceived'), children: r.feedback.received },
              {
                key: 'o',
                label: t('reports.feedbackOnTime'),
                children: <AgainstTarget value={onTime?.value ?? null} target={r.feedback.target} />,
              },
              { key: 'x', label: t('reports.feedbackOverdue'), children: r.feedback.overdue },
            ]}
          />
        </Card>
        <Card
          title={t('reports.sections.rewardsBudget')}
          size="small"
          style={{ marginTop: 16 }}
          data-testid="section-rewards"
        >
          <Typography.Paragraph>
            {t('reports.rewardsLine', {
              individuals: r.rewards.individuals,
              collectives: r.rewards.collectives,
            })}
          </Typography.Paragraph>
          <Typography.Paragraph>
            {r.budget
              ? t('reports.budgetLine', {
                  estimated: money(r.budget.estimated),
                  approved: money(r.budget.approved),
                  spent: money(r.budget.spent),
                })
              : t('reports.noBudget')}
          </Typography.Paragraph>
          <Typography.Paragraph>
            {t('reports.difficultiesLine', {
              reported: r.difficulties.reported,
              answered: r.difficulties.answered,
            })}
          </Typography.Paragraph>
          <Typography.Paragraph style={{ margin: 0 }}>
            {t('reports.examplesLine', {
              good: r.examples.good.length,
              shortcomings: r.examples.shortcomings.length,
            })}
          </Typography.Paragraph>
        </Card>
      </Col>
    </Row>
  );
}

/**
 * The yearly report (task 7, "Tháng 12 hằng năm"): the year's figures, section by section, from
 * the same data the console's pages show; the narrative written by Phòng VH-XH; issued with its
 * number and downloaded as issued.
 */
export default function YearlyReportPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('reports.yearly.title'));
  const [year, setYear] = useYearParam();
  const plans = usePlans(undefined);
  const report = useYearlyReport(year);
  return (
    <>
      <PageHeader
        title={t('reports.yearly.title')}
        subtitle={t('reports.yearly.subtitle', { year })}
        extra={<YearPicker value={year} onChange={setYear} plans={plans.data ?? []} />}
      />
      {report.error ? <QueryError error={report.error} onRetry={() => void report.refetch()} /> : null}
      {report.data ? (
        <Row gutter={[16, 16]}>
          <Col xs={24} xxl={16}>
            <Typography.Paragraph type="secondary">
              {t('reports.asOf', { date: formatDay(report.data.asOf) })}
            </Typography.Paragraph>
            <Sections r={report.data} />
          </Col>
          <Col xs={24} xxl={8}>
            <ReportDocumentPanel kind="yearly-report" year={year} document={report.data.document} />
          </Col>
        </Row>
      ) : (
        <Card loading={report.isLoading} />
      )}
    </>
  );
}
