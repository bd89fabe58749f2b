import { ArrowLeftOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  Checkbox,
  Descriptions,
  Flex,
  Form,
  Input,
  Modal,
  Select,
  Space,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { errorMessage } from '../../api/client';
import { useSession } from '../auth/session';
import { useUnits } from '../org/api';
import { can } from '../permissions';
import { PageLoading, QueryError } from '../shared/feedback';
import { formatDate, formatDateTime } from '../shared/format';
import { PageHeader } from '../shared/PageHeader';
import { foldVietnamese } from '../shared/text';
import { useDocumentTitle } from '../shared/useDocumentTitle';
import {
  type FeedbackAction,
  type FeedbackDetail,
  useAnswerQueuedDifficulty,
  useFeedbackAction,
  useFeedbackItem,
  useFeedbackQueue,
} from './api';
import { DeadlineCell, StatusTag } from './ui';

/** Actions that need something written (or picked) before they go. */
const WITH_FORM: FeedbackAction[] = ['reject', 'merge', 'route_out', 'assign', 'draft', 'return'];

function ActionModal({
  item,
  action,
  onClose,
}: {
  item: FeedbackDetail;
  action: FeedbackAction;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const act = useFeedbackAction(item.id);
  const [form] = Form.useForm();
  const units = useUnits(undefined, action === 'assign');
  const open = useFeedbackQueue(
    { kind: 'feedback', status: 'open', page: 1, pageSize: 200 },
    action === 'merge',
  );
  return (
    <Modal
      open
      width={640}
      title={t(`feedback.action.${action}`)}
      okText={t(`feedback.action.${action}`)}
      cancelText={t('common.cancel')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={act.isPending}
    >
      <Typography.Paragraph className="cqtt-quote">{item.content}</Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ answer: item.answer, unitId: item.unit?.id }}
        onFinish={(values) =>
          act.mutate(
            { action, body: values },
            {
              onSuccess: () => {
                message.success(t('feedback.done'));
                onClose();
              },
              onError: (err) => message.error(errorMessage(err)),
            },
          )
        }
      >
        {action === 'assign' && (
          <Form.Item
            name="unitId"
            label={t('feedback.unit')}
            rules={[{ required: true, message: t('feedback.required') }]}
          >
            <Select
              showSearch
              optionFilterProp="label"
              options={(units.data ?? [])
                .filter((u) => u.isActive !== false)
                .map((u) => ({ value: u.id, label: u.name }))}
            />
          </Form.Item>
        )}
        {action === 'merge' && (
          <Form.Item
            name="intoId"
            label={t('feedback.mergeInto')}
            rules={[{ required: true, message: t('feedback.required') }]}
          >
            <Select
              showSearch
              filterOption={(input, option) =>
                foldVietnamese(String(option?.label ?? '')).includes(foldVietnamese(input))
              }
              options={(open.data?.items ?? [])
                .filter((i) => i.id !== item.id)
                .map((i) => ({ value: i.id, label: `${i.trackingCode} · ${i.content.slice(0, 80)}` }))}
            />
          </Form.Item>
        )}
        {action === 'reject' && (
          <Form.Item
            name="reason"
            label={t('feedback.reason')}
            extra={t('feedback.reasonHint')}
            rules={[{ required: true, whitespace: true, message: t('feedback.required') }]}
          >
            <Input.TextArea rows={4} maxLength={2000} autoFocus />
          </Form.Item>
        )}
        {action === 'route_out' && (
          <Form.Item
            name="note"
            label={t('feedback.routeNote')}
            extra={t('feedback.routeHint')}
            rules={[{ required: true, whitespace: true, message: t('feedback.required') }]}
          >
            <Input.TextArea rows={4} maxLength={2000} autoFocus />
          </Form.Item>
        )}
        {action === 'draft' && (
          <Form.Item
            name="answer"
            label={t('feedback.answer')}
            rules={[{ required: true, whitespace: true, message: t('feedback.required') }]}
          >
            <Input.TextArea rows={7} maxLength={10000} autoFocus />
          </Form.Item>
        )}
        {(action === 'return' || action === 'assign' || action === 'merge') && (
          <Form.Item
            name="note"
            label={t('feedback.note')}
            rules={
              action === 'return'
                ? [{ required: true, whitespace: true, message: t('feedback.required') }]
                : []
            }
          >
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

function DifficultyAnswerModal({ item, onClose }: { item: FeedbackDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const answer = useAnswerQueuedDifficulty(item.id);
  const [form] = Form.useForm<{ answer: string }>();
  return (
    <Modal
      open
      width={640}
      title={t('feedback.answerDifficultyTitle')}
      okText={t('feedback.answerDifficultySend')}
      cancelText={t('common.cancel')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={answer.isPending}
    >
      <Typography.Paragraph className="cqtt-quote">{item.content}</Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) =>
          answer.mutate(
            { difficultyId: item.difficultyId ?? '', answer: v.answer.trim() },
            {
              onSuccess: () => {
                message.success(t('feedback.done'));
                onClose();
              },
              onError: (err) => message.error(errorMessage(err)),
            },
          )
        }
      >
        <Form.Item
          name="answer"
          label={t('feedback.answer')}
          rules={[{ required: true, whitespace: true, message: t('feedback.required') }]}
        >
          <Input.TextArea rows={6} maxLength={5000} autoFocus />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export default function FeedbackDetailPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const item = useFeedbackItem(id);
  const act = useFeedbackAction(id ?? '');
  const { message, modal } = App.useApp();
  const [action, setAction] = useState<FeedbackAction | null>(null);
  const [publish, setPublish] = useState(true);
  const [answering, setAnswering] = useState(false);
  const me = useSession();
  useDocumentTitle(item.data?.trackingCode ?? t('feedback.nav.queue'));
  if (item.isLoading) return <PageLoading />;
  if (item.error || !item.data) return <QueryError error={item.error} onRetry={() => void item.refetch()} />;
  const d = item.data;

  const run = (a: FeedbackAction) => {
    if (WITH_FORM.includes(a)) return setAction(a);
    modal.confirm({
      title: t(`feedback.action.${a}`),
      content:
        a === 'approve'
          ? t(publish ? 'feedback.approvePublish' : 'feedback.approveOnly')
          : a === 'accept' || a === 'publish'
            ? t(`feedback.confirm.${a}`)
            : null,
      okText: t(`feedback.action.${a}`),
      cancelText: t('common.cancel'),
      onOk: () =>
        act.mutateAsync({ action: a, body: a === 'approve' ? { publish } : {} }).then(
          () => message.success(t('feedback.done')),
          (err) => message.error(errorMessage(err)),
        ),
    });
  };

  return (
    <>
      <Link to="/feedback">
        <ArrowLeftOutlined /> {t('feedback.nav.queue')}
      </Link>
      <PageHeader
        title={d.kind === 'difficulty' ? t('feedback.kind.difficulty') : d.trackingCode}
        subtitle={d.category?.name}
        extra={<StatusTag status={d.status} />}
      />
      <Flex gap={16} vertical>
        <Card>
          <Descriptions column={{ xs: 1, md: 2 }} size="small">
            <Descriptions.Item label={t('feedback.receivedOn')}>{formatDate(d.receivedOn)}</Descriptions.Item>
            <Descriptions.Item label={t('feedback.deadline')}>
              <DeadlineCell item={d} />
            </Descriptions.Item>
            <Descriptions.Item label={t('feedback.unit')}>
              {d.unit?.name ?? d.village?.name ?? '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('feedback.source')}>
              {t(`feedback.sources.${d.source}`)}
            </Descriptions.Item>
            {d.address && <Descriptions.Item label={t('feedback.address')}>{d.address}</Descriptions.Item>}
            {d.lat !== null && (
              <Descriptions.Item label={t('feedback.position')}>
                {d.lat}, {d.lng}
              </Descriptions.Item>
            )}
            {d.kind === 'feedback' && (
              <Descriptions.Item label={t('feedback.publish')}>
                {d.allowPublish ? t('feedback.publishYes') : t('feedback.publishNo')}
              </Descriptions.Item>
            )}
            {d.rating && (
              <Descriptions.Item label={t('feedback.rating')}>
                <Tag color={d.rating === 'satisfied' ? 'green' : 'volcano'}>
                  {t(`feedback.ratings.${d.rating}`)}
                </Tag>
              </Descriptions.Item>
            )}
          </Descriptions>
          <Typography.Paragraph className="cqtt-quote" style={{ marginTop: 12, whiteSpace: 'pre-wrap' }}>
            {d.content}
          </Typography.Paragraph>
          {d.files.length > 0 && (
            <Space wrap>
              {d.files.map((f) => (
                <a key={f.id} href={`/api/files/${f.id}`}>
                  {f.name}
                </a>
              ))}
            </Space>
          )}
          {d.filesWithheld > 0 && (
            <Typography.Paragraph type="secondary">
              {t('feedback.filesWithheld', { count: d.filesWithheld })}
            </Typography.Paragraph>
          )}
          {d.task && (
            <Typography.Paragraph>
              {t('feedback.task')}: {d.task.number}. {d.task.content}{' '}
              <Link to={`/difficulties?year=${d.task.year}&planId=${d.task.planId}`}>
                {t('feedback.openDifficulties')}
              </Link>
            </Typography.Paragraph>
          )}
          {d.mergedInto && (
            <Typography.Paragraph>
              {t('feedback.mergedInto')}:{' '}
              <Link to={`/feedback/${d.mergedInto.id}`}>{d.mergedInto.trackingCode}</Link>
            </Typography.Paragraph>
          )}
          {d.duplicates.length > 0 && (
            <Typography.Paragraph>
              {t('feedback.duplicates')}:{' '}
              {d.duplicates.map((x) => (
                <Link key={x.id} to={`/feedback/${x.id}`} style={{ marginRight: 8 }}>
                  {x.trackingCode}
                </Link>
              ))}
            </Typography.Paragraph>
          )}
        </Card>
        <Card title={t('feedback.contact')}>
          {d.contact ? (
            <Descriptions column={1} size="small">
              <Descriptions.Item label={t('feedback.name')}>{d.contact.name || '—'}</Descriptions.Item>
              <Descriptions.Item label={t('feedback.phone')}>{d.contact.phone || '—'}</Descriptions.Item>
              <Descriptions.Item label={t('feedback.email')}>{d.contact.email || '—'}</Descriptions.Item>
            </Descriptions>
          ) : (
            <Typography.Text type="secondary">{t('feedback.contactHidden')}</Typography.Text>
          )}
        </Card>
        {(d.answer || d.decisionNote) && (
          <Card title={d.answer ? t('feedback.answer') : t('feedback.decision')}>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }} data-testid="feedback-answer">
              {d.answer || d.decisionNote}
            </Typography.Paragraph>
          </Card>
        )}
        {d.actions.length > 0 && (
          <Card title={t('feedback.actions')}>
            <Flex gap={8} wrap align="center">
              {d.actions.map((a) => (
                <Button
                  key={a}
                  type={a === 'approve' || a === 'draft' || a === 'assign' ? 'primary' : 'default'}
                  danger={a === 'reject'}
                  onClick={() => run(a)}
                >
                  {t(`feedback.action.${a}`)}
                </Button>
              ))}
              {d.actions.includes('approve') && (
                <Checkbox checked={publish} onChange={(e) => setPublish(e.target.checked)}>
                  {t('feedback.publishNow')}
                </Checkbox>
              )}
            </Flex>
          </Card>
        )}
        {d.kind === 'difficulty' &&
          d.status !== 'published' &&
          d.difficultyId &&
          can(me, 'plans.answer_difficulties') && (
            <Card title={t('feedback.actions')}>
              <Button type="primary" onClick={() => setAnswering(true)}>
                {t('feedback.answerDifficultySend')}
              </Button>
            </Card>
          )}
        <Card title={t('feedback.history')}>
          <Timeline
            items={d.history.map((h) => ({
              key: `${h.at}-${h.action}`,
              children: (
                <div>
                  <strong>{t(`feedback.event.${h.action}`, { defaultValue: h.action })}</strong>{' '}
                  <Typography.Text type="secondary">
                    {formatDateTime(h.at)} · {h.actor?.fullName ?? t('feedback.citizen')}
                  </Typography.Text>
                  {h.note && <div style={{ whiteSpace: 'pre-wrap' }}>{h.note}</div>}
                </div>
              ),
            }))}
          />
        </Card>
      </Flex>
      {action && <ActionModal item={d} action={action} onClose={() => setAction(null)} />}
      {answering && <DifficultyAnswerModal item={d} onClose={() => setAnswering(false)} />}
    </>
  );
}
