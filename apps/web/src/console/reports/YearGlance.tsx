import { Card, Col, Descriptions, Flex, List, Row, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { currentYear, formatDay } from '../plans/ui';
import { QueryError } from '../shared/feedback';
import { formatPercent } from '../shared/format';
import { type YearGlance as Glance, useYearGlance } from './api';
import { AgainstTarget } from './YearlyReportPage';

function Objectives({ g }: { g: Glance }) {
  const { t } = useTranslation();
  const level = (n: number | null) => (n === null ? '—' : n === 0 ? t('reports.belowLevel1') : String(n));
  return (
    <Flex gap={8} wrap data-testid="objectives-line">
      {g.objectives.map((o) => {
        const reached = o.recognisedLevel ?? o.selfLevel;
        const met = reached !== null && o.targetLevel !== null && reached >= o.targetLevel;
        return (
          <Card
            key={o.year}
            size="small"
            style={{ minWidth: 150, borderColor: o.year === g.year ? '#0b5cad' : undefined }}
            title={t('plans.yearLabel', { year: o.year })}
          >
            <div>
              {o.raiseLevel
                ? t('overview.glance.targetRaise', { level: o.targetLevel ?? '—' })
                : t('overview.glance.target', { level: level(o.targetLevel) })}
            </div>
            <div className="cqtt-muted">
              {t('overview.glance.registered', { level: level(o.registeredLevel) })}
            </div>
            <div>
              {o.recognisedLevel !== null ? (
                <Tag color={met ? 'green' : 'orange'}>
                  {t('overview.glance.recognised', { level: level(o.recognisedLevel) })}
                </Tag>
              ) : o.selfLevel !== null ? (
                <Tag>{t('overview.glance.self', { level: level(o.selfLevel) })}</Tag>
              ) : null}
            </div>
          </Card>
        );
      })}
    </Flex>
  );
}

/**
 * The commune's year at a glance, on its home page; `narrow` when it sits beside the work list
 * (its two halves then stack).
 */
export function YearGlance({ narrow = false }: { narrow?: boolean }) {
  const { t } = useTranslation();
  const year = currentYear();
  const glance = useYearGlance(year);
  if (glance.error) return <QueryError error={glance.error} onRetry={() => void glance.refetch()} />;
  const g = glance.data;
  return (
    <Card title={t('overview.glance.title', { year })} loading={glance.isLoading} data-testid="year-glance">
      {g ? (
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={narrow ? 24 : 12}>
            <Descriptions
              size="small"
              column={1}
              items={[
                {
                  key: 'tasks',
                  label: t('overview.glance.tasks'),
                  children: t('overview.glance.tasksLine', g.tasks.totals),
                },
                {
                  key: 'registration',
                  label: t('overview.glance.registration'),
                  children: g.level.registration ? (
                    <span>
                      {t('reports.level', { level: g.level.registration.level })} ·{' '}
                      {formatDay(g.level.registration.sentOn)}{' '}
                      <Tag color={g.level.registration.onTime ? 'green' : 'orange'}>
                        {g.level.registration.onTime ? t('overview.glance.before1502') : t('reports.late')}
                      </Tag>
                    </span>
                  ) : (
                    <Tag color="orange">{t('reports.notRegistered')}</Tag>
                  ),
                },
                {
                  key: 'assessment',
                  label: t('overview.glance.assessment'),
                  children: g.level.assessment ? (
                    <span>
                      <Link to={`/assessments/${g.level.assessment.id}`}>
                        {g.level.assessment.statusLabel}
                      </Link>
                      {g.level.assessment.submittedOn ? (
                        <>
                          {' '}
                          · {formatDay(g.level.assessment.submittedOn)}{' '}
                          <Tag color={g.level.assessment.submissionOnTime ? 'green' : 'orange'}>
                            {g.level.assessment.submissionOnTime
                              ? t('overview.glance.before1211')
                              : t('reports.late')}
                          </Tag>
                        </>
                      ) : null}
                    </span>
                  ) : (
                    t('reports.noAssessment')
                  ),
                },
                {
                  key: 'satisfaction',
                  label: t('overview.glance.satisfaction'),
                  children: <AgainstTarget value={g.satisfaction.index} target={g.satisfaction.target} />,
                },
                {
                  key: 'feedback',
                  label: t('reports.feedbackOnTime'),
                  children: <AgainstTarget value={g.feedback.onTimeShare} target={g.feedback.target} />,
                },
                ...g.indices
                  .filter((i) => i.year >= year - 1)
                  .map((i) => ({
                    key: `${i.kind}-${i.year}`,
                    label: `${i.kindLabel} ${i.year}`,
                    children: `${formatPercent(i.value, 2)}${i.rank ? ` · ${t('overview.glance.rank', { rank: i.rank })}` : ''}`,
                  })),
              ]}
            />
          </Col>
          <Col xs={24} lg={narrow ? 24 : 12}>
            <List
              size="small"
              header={<strong>{t('overview.glance.overdue', { count: g.tasks.overdue.length })}</strong>}
              dataSource={g.tasks.overdue}
              locale={{ emptyText: t('overview.glance.noneOverdue') }}
              renderItem={(o) => (
                <List.Item>
                  <Link to={`/plans/${o.planId}?year=${year}&task=${o.taskId}`}>
                    <Tag color="red">{t('plans.taskNumber', { number: o.taskNumber })}</Tag>
                    <span className="cqtt-clamp-3">{o.content}</span>
                  </Link>
                </List.Item>
              )}
            />
            <List
              size="small"
              header={<strong>{t('overview.glance.dueSoon', { count: g.tasks.dueSoon.length })}</strong>}
              dataSource={g.tasks.dueSoon}
              locale={{ emptyText: t('overview.glance.noneDueSoon') }}
              renderItem={(o) => (
                <List.Item>
                  <Link to={`/plans/${o.planId}?year=${year}&task=${o.taskId}`}>
                    <Tag color="gold">{formatDay(o.dueDate)}</Tag>
                    <span className="cqtt-clamp-3">{o.content}</span>
                  </Link>
                </List.Item>
              )}
            />
          </Col>
          <Col xs={24}>
            <Typography.Text strong>{t('overview.glance.objectives')}</Typography.Text>
            <div style={{ marginTop: 8 }}>
              <Objectives g={g} />
            </div>
          </Col>
        </Row>
      ) : null}
    </Card>
  );
}
