import { CommentOutlined, ExclamationCircleOutlined, ReloadOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  Flex,
  Form,
  Input,
  Modal,
  Segmented,
  Space,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../api/types';
import { useSession } from '../auth/session';
import { can, canReportProgress, hasRole } from '../permissions';
import { CommunePicker, useCommuneScope } from '../shared/CommunePicker';
import { EmptyState, QueryError, usePagination } from '../shared/feedback';
import { formatDateTime } from '../shared/format';
import { PageHeader } from '../shared/PageHeader';
import { foldVietnamese } from '../shared/text';
import { useDocumentTitle } from '../shared/useDocumentTitle';
import { useAnswerDifficulty, useDifficulties, usePlan, usePlans } from './api';
import { showApiErrors } from './formErrors';
import { ReportDifficultyModal, type TaskOption } from './OccurrenceDrawer';
import type { Difficulty, Plan } from './types';
import { defaultPlan, PlanSelect, useParam, useYearParam, YearPicker } from './ui';

type Answered = 'all' | 'open' | 'answered';

/**
 * Tasks a user may report against, as the server rules: those their unit leads or coordinates
 * (every task for the coordinator and for a village head, who reports for his village), active ones.
 */
function reportableTasks(plan: Plan, me: Me): TaskOption[] {
  return plan.tasks
    .filter((task) => task.isActive && (hasRole(me, 'village') || canReportProgress(me, task)))
    .sort((a, b) => a.number - b.number)
    .map((task) => ({
      value: task.id,
      label: `${task.number}. ${task.content}`,
      search: foldVietnamese(`${task.number} ${task.content}`),
    }));
}

function AnswerModal({ difficulty, onClose }: { difficulty: Difficulty; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const answer = useAnswerDifficulty();
  const [form] = Form.useForm<{ answer: string }>();
  return (
    <Modal
      open
      width={640}
      title={t('plans.difficulties.answerTitle', { number: difficulty.taskNumber })}
      okText={t('plans.difficulties.sendAnswer')}
      cancelText={t('common.cancel')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={answer.isPending}
    >
      <Typography.Paragraph type="secondary" style={{ marginBottom: 4 }}>
        {[
          difficulty.unit?.name ?? difficulty.village?.name,
          difficulty.author.fullName,
          formatDateTime(difficulty.createdAt),
        ]
          .filter(Boolean)
          .join(' · ')}
      </Typography.Paragraph>
      <Typography.Paragraph className="cqtt-quote">{difficulty.content}</Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ answer: difficulty.answer ?? '' }}
        onFinish={(v) =>
          answer.mutate(
            { id: difficulty.id, answer: v.answer.trim() },
            {
              onSuccess: () => {
                message.success(t('plans.difficulties.answered'));
                onClose();
              },
              onError: (err) => showApiErrors(form, err, ['answer'], message.error),
            },
          )
        }
      >
        <Form.Item
          label={t('plans.difficulties.answer')}
          name="answer"
          rules={[
            { required: true, whitespace: true, message: t('plans.difficulties.answerRequired') },
            { max: 5000, message: t('validation.max', { max: 5000 }) },
          ]}
        >
          <Input.TextArea rows={5} autoFocus />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export default function DifficultiesPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('nav.difficulties'));
  const me = useSession();
  const pagination = usePagination();
  const scope = useCommuneScope();
  const [year, setYear] = useYearParam();
  const [planParam, setPlanId] = useParam('planId');
  const [answeredParam, setAnswered] = useParam('answered');
  const answered: Answered = answeredParam === 'open' || answeredParam === 'answered' ? answeredParam : 'all';
  const plans = usePlans(scope.communeId, scope.ready);
  const planId = planParam ?? defaultPlan(plans.data ?? [], year)?.id;
  const list = useDifficulties(
    {
      communeId: scope.communeId,
      year,
      planId,
      answered: answered === 'all' ? undefined : answered === 'answered',
    },
    scope.ready,
  );
  const [answering, setAnswering] = useState<Difficulty | null>(null);
  const [reporting, setReporting] = useState(false);
  const planDetail = usePlan(reporting ? planId : undefined);
  const mayAnswer = can(me, 'plans.answer_difficulties');
  const mayReport = !scope.cityLevel && (Boolean(me.unit) || hasRole(me, 'coordinator', 'village'));

  const columns: TableColumnsType<Difficulty> = [
    {
      // who reported it folds under the day: every column and the answer button stay on screen
      // at 1366 px (issue 18)
      title: t('plans.difficulties.reportedAt'),
      dataIndex: 'createdAt',
      width: 190,
      sorter: (a, b) => a.createdAt.localeCompare(b.createdAt),
      defaultSortOrder: 'descend',
      render: (v: string, d) => (
        <Space orientation="vertical" size={0}>
          <span>{formatDateTime(v)}</span>
          <span>{d.unit?.name ?? d.village?.name ?? <span className="cqtt-muted">—</span>}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {d.author.fullName}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('plans.difficulties.task'),
      key: 'task',
      width: 240,
      render: (_, d) => (
        <div>
          <Typography.Text strong>{t('plans.taskNumber', { number: d.taskNumber })}</Typography.Text>
          <div className="cqtt-clamp-3" title={d.taskContent} style={{ fontSize: 13 }}>
            {d.taskContent}
          </div>
        </div>
      ),
    },
    {
      title: t('plans.difficulties.content'),
      dataIndex: 'content',
      render: (v: string) => <div style={{ whiteSpace: 'pre-wrap', minWidth: 200 }}>{v}</div>,
    },
    {
      title: t('plans.difficulties.answer'),
      key: 'answer',
      width: 260,
      render: (_, d) =>
        d.answer ? (
          <div>
            <div style={{ whiteSpace: 'pre-wrap' }}>{d.answer}</div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {[d.answeredBy?.fullName, formatDateTime(d.answeredAt)].filter(Boolean).join(' · ')}
            </Typography.Text>
          </div>
        ) : (
          <Tag color="warning">{t('plans.difficulties.notAnswered')}</Tag>
        ),
    },
    ...(mayAnswer
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            width: 120,
            render: (_: unknown, d: Difficulty) =>
              d.answer ? null : (
                <Button
                  size="small"
                  type="primary"
                  icon={<CommentOutlined />}
                  onClick={() => setAnswering(d)}
                >
                  {t('plans.difficulties.answerButton')}
                </Button>
              ),
          },
        ]
      : []),
  ];

  return (
    <>
      <PageHeader
        title={t('nav.difficulties')}
        subtitle={t('plans.difficulties.subtitle')}
        extra={
          mayReport ? (
            <Button
              type="primary"
              icon={<ExclamationCircleOutlined />}
              onClick={() => setReporting(true)}
              disabled={!planId}
            >
              {t('plans.difficulties.report')}
            </Button>
          ) : null
        }
      />
      <Card>
        <Flex gap={12} wrap className="cqtt-toolbar" align="center">
          {scope.cityLevel ? <CommunePicker value={scope.communeId} onChange={scope.setCommuneId} /> : null}
          <PlanSelect
            plans={plans.data ?? []}
            value={planId}
            onChange={setPlanId}
            loading={plans.isLoading}
          />
          <YearPicker value={year} onChange={setYear} plans={plans.data} />
          <div className="cqtt-scroll-x">
            <Segmented<Answered>
              value={answered}
              onChange={(v) => setAnswered(v === 'all' ? undefined : v)}
              options={[
                { value: 'all', label: t('plans.difficulties.filterAll') },
                { value: 'open', label: t('plans.difficulties.filterOpen') },
                { value: 'answered', label: t('plans.difficulties.filterAnswered') },
              ]}
              aria-label={t('plans.difficulties.filterLabel')}
            />
          </div>
          <Button icon={<ReloadOutlined />} onClick={() => void list.refetch()} loading={list.isFetching}>
            {t('common.refresh')}
          </Button>
        </Flex>
        {list.isError ? <QueryError error={list.error} onRetry={() => void list.refetch()} /> : null}
        {scope.ready ? (
          <Table<Difficulty>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={list.data ?? []}
            loading={list.isLoading}
            pagination={{ ...pagination, defaultPageSize: 20 }}
            locale={{
              emptyText: (
                <EmptyState
                  description={
                    answered === 'open'
                      ? t('plans.difficulties.emptyOpen', { year })
                      : t('plans.difficulties.empty', { year })
                  }
                />
              ),
            }}
          />
        ) : (
          <EmptyState description={t('org.pickCommuneFirst')} />
        )}
      </Card>
      {answering ? <AnswerModal difficulty={answering} onClose={() => setAnswering(null)} /> : null}
      {reporting ? (
        <ReportDifficultyModal
          year={year}
          taskOptions={planDetail.data ? reportableTasks(planDetail.data, me) : undefined}
          onClose={() => setReporting(false)}
        />
      ) : null}
    </>
  );
}
