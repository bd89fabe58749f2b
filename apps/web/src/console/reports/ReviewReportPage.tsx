import { Alert, Card, Col, List, Row, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../api/client';
import { usePlans } from '../plans/api';
import { formatDay, useYearParam, YearPicker } from '../plans/ui';
import { PageHeader } from '../shared/PageHeader';
import { useDocumentTitle } from '../shared/useDocumentTitle';
import { percent, type ReviewYear, useReviewReport } from './api';
import { ReportDocumentPanel } from './ReportDocumentPanel';
import { AgainstTarget } from './YearlyReportPage';

/**
 * Sơ kết (2027: 2026-2027) and tổng kết (2030: the whole period), task 10 of the plan: each year's
 * target level, registered, self-assessed and recognised level, satisfaction, feedback and tasks on
 * time against the plan's objectives. A year the plan schedules no review in says so.
 */
export default function ReviewReportPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('reports.review.title'));
  const [year, setYear] = useYearParam();
  const plans = usePlans(undefined);
  const review = useReviewReport(year);
  const level = (n: number | null) =>
    n === null ? '—' : n === 0 ? t('reports.belowLevel1') : t('reports.level', { level: n });
  const r = review.data;
  return (
    <>
      <PageHeader
        title={t('reports.review.title')}
        subtitle={
          r ? t('reports.review.subtitle', { kind: r.kindLabel, from: r.fromYear, to: r.toYear }) : undefined
        }
        extra={<YearPicker value={year} onChange={setYear} plans={plans.data ?? []} />}
      />
      {review.error ? <Alert type="info" showIcon title={errorMessage(review.error)} /> : null}
      {r ? (
        <Row gutter={[16, 16]}>
          <Col xs={24} xxl={16}>
            <Card title={t('reports.review.years')} size="small" data-testid="review-years">
              <Table<ReviewYear>
                rowKey="year"
                size="small"
                pagination={false}
                dataSource={r.years}
                scroll={{ x: 900 }}
                columns={[
                  { title: t('reports.review.year'), dataIndex: 'year', width: 70 },
                  {
                    title: t('reports.planTarget'),
                    key: 'target',
                    render: (_, y) =>
                      y.raiseLevel
                        ? t('reports.review.raise', { level: y.targetLevel })
                        : level(y.targetLevel),
                  },
                  {
                    title: t('reports.registeredLevel'),
                    key: 'reg',
                    render: (_, y) => level(y.registeredLevel),
                  },
                  { title: t('reports.selfLevel'), key: 'self', render: (_, y) => level(y.selfLevel) },
                  {
                    title: t('reports.recognisedLevel'),
                    key: 'rec',
                    render: (_, y) => level(y.recognisedLevel),
                  },
                  {
                    title: t('reports.review.satisfaction'),
                    key: 'sat',
                    render: (_, y) => (
                      <AgainstTarget value={y.satisfactionIndex} target={y.satisfactionTarget} />
                    ),
                  },
                  {
                    title: t('reports.feedbackOnTime'),
                    key: 'fb',
                    render: (_, y) => (
                      <AgainstTarget value={y.feedbackOnTime} target={y.feedbackOnTimeTarget} />
                    ),
                  },
                  {
                    title: t('reports.review.tasksOnTime'),
                    key: 'tasks',
                    render: (_, y) => percent(y.tasksOnTime),
                  },
                ]}
              />
            </Card>
            <Card title={t('reports.review.objectives')} size="small" style={{ marginTop: 16 }}>
              <List
                size="small"
                dataSource={r.objectives.years}
                renderItem={(o) => <List.Item>{o.sentence}</List.Item>}
              />
            </Card>
            {r.document?.issuedOn ? (
              <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
                {t('reports.review.issuedOn', { date: formatDay(r.document.issuedOn) })}
              </Typography.Paragraph>
            ) : null}
          </Col>
          <Col xs={24} xxl={8}>
            <ReportDocumentPanel kind="review-report" year={year} document={r.document} />
          </Col>
        </Row>
      ) : review.isLoading ? (
        <Card loading />
      ) : null}
    </>
  );
}
