import {
  CheckCircleOutlined,
  EditOutlined,
  ExclamationCircleOutlined,
  FileOutlined,
  RollbackOutlined,
} from '@ant-design/icons';
import { isEventFulfilment } from '@cqtt/domain/plans/fulfilment';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Descriptions,
  Divider,
  Drawer,
  Flex,
  Form,
  Grid,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Row,
  Select,
  Slider,
  Space,
  Tag,
  Timeline,
  Typography,
  type UploadFile,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorMessage } from '../../api/client';
import { useSession } from '../auth/session';
import { canComplete, canReportProgress, hasRole } from '../permissions';
import { EmptyState, QueryError } from '../shared/feedback';
import { dayParam, formatDateTime, formatFigure } from '../shared/format';
import { applyApiErrorToForm } from '../shared/formErrors';
import { foldVietnamese } from '../shared/text';
import {
  useAddNote,
  useCompleteOccurrence,
  useDifficulties,
  useNotes,
  useOverrideOccurrence,
  useReopenOccurrence,
  useReportDifficulty,
} from './api';
import { EvidenceUpload, formatBytes, isUploading, uploadedIds } from './EvidenceUpload';
import { showApiErrors } from './formErrors';
import type { Occurrence, ProgressNote, StoredFile } from './types';
import { DaysLeft, DueCell, formatDay, ProgressBar, StatusTag, today, UnitTags, useParam } from './ui';

interface NoteForm {
  note: string;
  progress?: number;
  files?: Array<UploadFile<StoredFile>>;
}

function NoteItem({ note }: { note: ProgressNote }) {
  const { t } = useTranslation();
  return (
    <div data-testid="progress-note">
      <Flex gap={8} wrap align="baseline">
        <Typography.Text strong>{note.author.fullName}</Typography.Text>
        {note.unit ? <Typography.Text type="secondary">{note.unit.name}</Typography.Text> : null}
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {formatDateTime(note.createdAt)}
        </Typography.Text>
        {note.progress !== null ? (
          <Tag color="blue">{t('plans.notes.progressTag', { percent: note.progress })}</Tag>
        ) : null}
      </Flex>
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: '4px 0' }}>
        {note.note}
      </Typography.Paragraph>
      {note.files.length > 0 ? (
        <Space orientation="vertical" size={2}>
          {note.files.map((f) => (
            <a key={f.id} href={`/api/files/${encodeURIComponent(f.id)}`} download={f.name}>
              <FileOutlined /> {f.name}{' '}
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                ({formatBytes(f.size)})
              </Typography.Text>
            </a>
          ))}
        </Space>
      ) : null}
    </div>
  );
}

function NotesTimeline({ occurrence }: { occurrence: Occurrence }) {
  const { t } = useTranslation();
  const notes = useNotes(occurrence.taskId, occurrence.year);
  if (notes.isError) return <QueryError error={notes.error} onRetry={() => void notes.refetch()} />;
  if (notes.isLoading) return <Card loading variant="borderless" />;
  const items = [...(notes.data ?? [])].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  if (items.length === 0) return <EmptyState description={t('plans.notes.empty')} />;
  return (
    <Timeline
      items={items.map((n) => ({
        key: n.id,
        color: n.progress === 100 ? 'green' : 'blue',
        content: <NoteItem note={n} />,
      }))}
    />
  );
}

function AddNoteForm({ occurrence }: { occurrence: Occurrence }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<NoteForm>();
  const add = useAddNote();
  const files = Form.useWatch('files', form) ?? [];
  const uploading = isUploading(files);

  const onFinish = (v: NoteForm) => {
    const fileIds = uploadedIds(v.files ?? []);
    add.mutate(
      {
        taskId: occurrence.taskId,
        year: occurrence.year,
        note: v.note.trim(),
        progress: v.progress ?? undefined,
        fileIds: fileIds.length > 0 ? fileIds : undefined,
      },
      {
        onSuccess: () => {
          message.success(t('plans.notes.added'));
          form.resetFields();
        },
        onError: (err) => {
          if (!applyApiErrorToForm(form, err, ['note', 'progress', 'fileIds']))
            message.error(errorMessage(err));
        },
      },
    );
  };

  return (
    <Form<NoteForm>
      form={form}
      layout="vertical"
      onFinish={onFinish}
      initialValues={{ progress: occurrence.progress, files: [] }}
      data-testid="add-note-form"
    >
      <Form.Item
        label={t('plans.notes.note')}
        name="note"
        rules={[
          { required: true, whitespace: true, message: t('plans.notes.noteRequired') },
          { max: 5000, message: t('validation.max', { max: 5000 }) },
        ]}
      >
        <Input.TextArea rows={3} placeholder={t('plans.notes.notePlaceholder')} />
      </Form.Item>
      <Form.Item label={t('plans.notes.progress')} extra={t('plans.notes.progressHint')}>
        <Row gutter={12} align="middle">
          <Col flex="auto">
            <Form.Item name="progress" noStyle>
              <Slider min={0} max={100} step={5} aria-label={t('plans.notes.progress')} />
            </Form.Item>
          </Col>
          <Col>
            <Form.Item name="progress" noStyle>
              <InputNumber
                min={0}
                max={100}
                precision={0}
                suffix="%"
                style={{ width: 96 }}
                aria-label={t('plans.notes.progressPercent')}
              />
            </Form.Item>
          </Col>
        </Row>
      </Form.Item>
      <Form.Item label={t('plans.evidence.label')} name="files" valuePropName="value">
        <EvidenceUpload />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={add.isPending} disabled={uploading}>
        {uploading ? t('plans.evidence.waiting') : t('plans.notes.submit')}
      </Button>
    </Form>
  );
}

function CompleteModal({ occurrence, onClose }: { occurrence: Occurrence; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const complete = useCompleteOccurrence();
  const [form] = Form.useForm<{ completedOn: Dayjs }>();
  const todayIso = today();
  return (
    <Modal
      open
      title={t('plans.complete.title', { number: occurrence.taskNumber, year: occurrence.year })}
      okText={t('plans.complete.submit')}
      cancelText={t('common.cancel')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={complete.isPending}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ completedOn: dayjs(todayIso) }}
        onFinish={(v) =>
          complete.mutate(
            { taskId: occurrence.taskId, year: occurrence.year, completedOn: dayParam(v.completedOn) },
            {
              onSuccess: () => {
                message.success(t('plans.complete.done'));
                onClose();
              },
              onError: (err) => {
                if (!applyApiErrorToForm(form, err, ['completedOn'])) message.error(errorMessage(err));
              },
            },
          )
        }
      >
        <Typography.Paragraph type="secondary">{t('plans.complete.text')}</Typography.Paragraph>
        <Form.Item
          label={t('plans.complete.completedOn')}
          name="completedOn"
          rules={[{ required: true, message: t('plans.complete.completedOnRequired') }]}
        >
          <DatePicker
            format="DD/MM/YYYY"
            allowClear={false}
            disabledDate={(d) => dayParam(d) > todayIso}
            style={{ width: 180 }}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/**
 * The coordinator records a linked occurrence by hand, with a reason: done on a day (the work was
 * done outside cqtt), kept open (the work does not count), or back to following the work.
 */
function OverrideModal({ occurrence, onClose }: { occurrence: Occurrence; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const override = useOverrideOccurrence();
  const [form] = Form.useForm<{ state: 'done' | 'open' | 'auto'; completedOn?: Dayjs; reason?: string }>();
  const state = Form.useWatch('state', form);
  const todayIso = today();
  return (
    <Modal
      open
      title={t('plans.override.title', { number: occurrence.taskNumber, year: occurrence.year })}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={override.isPending}
    >
      <Typography.Paragraph type="secondary">
        {t('plans.override.text', { work: occurrence.fulfilment?.label ?? '' })}
      </Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          state: occurrence.status === 'done' ? 'open' : 'done',
          completedOn: dayjs(todayIso),
        }}
        onFinish={(v) =>
          override.mutate(
            {
              taskId: occurrence.taskId,
              year: occurrence.year,
              state: v.state,
              ...(v.state === 'done' && v.completedOn ? { completedOn: dayParam(v.completedOn) } : {}),
              ...(v.state !== 'auto' ? { reason: v.reason?.trim() ?? '' } : {}),
            },
            {
              onSuccess: () => {
                message.success(t('plans.override.saved'));
                onClose();
              },
              onError: (err) => {
                if (!applyApiErrorToForm(form, err, ['completedOn', 'reason']))
                  message.error(errorMessage(err));
              },
            },
          )
        }
      >
        <Form.Item label={t('plans.override.state')} name="state">
          <Select
            options={[
              { value: 'done', label: t('plans.override.done') },
              { value: 'open', label: t('plans.override.open') },
              ...(occurrence.override ? [{ value: 'auto', label: t('plans.override.auto') }] : []),
            ]}
          />
        </Form.Item>
        {state === 'done' ? (
          <Form.Item
            label={t('plans.complete.completedOn')}
            name="completedOn"
            rules={[{ required: true, message: t('plans.complete.completedOnRequired') }]}
          >
            <DatePicker
              format="DD/MM/YYYY"
              allowClear={false}
              disabledDate={(d) => dayParam(d) > todayIso}
              style={{ width: 180 }}
            />
          </Form.Item>
        ) : null}
        {state !== 'auto' ? (
          <Form.Item
            label={t('plans.override.reason')}
            name="reason"
            rules={[{ required: true, whitespace: true, message: t('plans.override.reasonRequired') }]}
          >
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
        ) : null}
      </Form>
    </Modal>
  );
}

/** What carries the occurrence: the work done (or still awaited), the year's figures, an override. */
function FulfilmentInfo({ occurrence: o }: { occurrence: Occurrence }) {
  const { t } = useTranslation();
  if (!o.fulfilment) return null;
  return (
    <Alert
      style={{ marginTop: 16 }}
      type={o.fulfilledBy ? 'success' : o.override ? 'warning' : 'info'}
      showIcon
      data-testid="occurrence-fulfilment"
      title={
        o.fulfilledText ??
        (o.override
          ? o.override.state === 'done'
            ? t('plans.override.doneBy', { by: o.override.by, date: formatDay(o.override.on) })
            : t('plans.override.openBy', { by: o.override.by })
          : t('plans.fulfilment.awaiting', { work: o.fulfilment.label.toLocaleLowerCase('vi-VN') }))
      }
      description={
        <>
          {o.override ? <div>{t('plans.override.reasonLine', { reason: o.override.reason })}</div> : null}
          {(o.figures ?? []).map((f) => (
            <div key={f.label}>
              {f.label}: <strong>{formatFigure(f.value)}</strong>
            </div>
          ))}
        </>
      }
    />
  );
}

export interface TaskOption {
  value: string;
  label: string;
  search: string;
}

/**
 * "Báo vướng mắc": a unit reports a difficulty against a task of a year. From a task's drawer
 * the task is known; from the list of difficulties the user picks it among `taskOptions`.
 */
export function ReportDifficultyModal({
  taskId,
  taskLabel,
  taskOptions,
  year,
  onClose,
}: {
  taskId?: string;
  taskLabel?: string;
  taskOptions?: TaskOption[];
  year: number;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const report = useReportDifficulty();
  const [form] = Form.useForm<{ taskId?: string; content: string }>();
  return (
    <Modal
      open
      width={640}
      title={t('plans.difficulties.reportTitle')}
      okText={t('plans.difficulties.send')}
      cancelText={t('common.cancel')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={report.isPending}
    >
      <Typography.Paragraph type="secondary">
        {taskLabel
          ? t('plans.difficulties.reportFor', { task: taskLabel, year })
          : t('plans.difficulties.pickTask', { year })}
      </Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => {
          const target = taskId ?? v.taskId;
          if (!target) return;
          report.mutate(
            { taskId: target, year, content: v.content.trim() },
            {
              onSuccess: () => {
                message.success(t('plans.difficulties.sent'));
                onClose();
              },
              onError: (err) => showApiErrors(form, err, ['taskId', 'content'], message.error),
            },
          );
        }}
      >
        {taskId ? null : (
          <Form.Item
            label={t('plans.difficulties.task')}
            name="taskId"
            rules={[{ required: true, message: t('plans.difficulties.taskRequired') }]}
          >
            <Select
              options={taskOptions ?? []}
              loading={!taskOptions}
              placeholder={t('plans.difficulties.taskPlaceholder')}
              showSearch={{ filterOption: (input, o) => Boolean(o?.search.includes(foldVietnamese(input))) }}
              notFoundContent={t('plans.appendix.empty')}
              autoFocus
            />
          </Form.Item>
        )}
        <Form.Item
          label={t('plans.difficulties.content')}
          name="content"
          rules={[
            { required: true, whitespace: true, message: t('plans.difficulties.contentRequired') },
            { max: 5000, message: t('validation.max', { max: 5000 }) },
          ]}
        >
          <Input.TextArea
            rows={5}
            autoFocus={Boolean(taskId)}
            placeholder={t('plans.difficulties.contentPlaceholder')}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function TaskDifficulties({ occurrence, communeId }: { occurrence: Occurrence; communeId?: string }) {
  const { t } = useTranslation();
  const list = useDifficulties({ communeId, year: occurrence.year, planId: occurrence.planId });
  const mine = (list.data ?? []).filter((d) => d.taskId === occurrence.taskId);
  if (list.isError || mine.length === 0) return null;
  return (
    <>
      <Divider titlePlacement="start">{t('plans.difficulties.ofTask', { count: mine.length })}</Divider>
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        {mine.map((d) => (
          <Alert
            key={d.id}
            type={d.answer ? 'success' : 'warning'}
            showIcon
            title={
              <span>
                {d.content}
                <Typography.Text type="secondary" style={{ fontSize: 12, marginLeft: 8 }}>
                  {[d.unit?.name, d.author.fullName, formatDateTime(d.createdAt)].filter(Boolean).join(' · ')}
                </Typography.Text>
              </span>
            }
            description={
              d.answer
                ? t('plans.difficulties.answerBy', {
                    answer: d.answer,
                    name: d.answeredBy?.fullName ?? '',
                    at: formatDateTime(d.answeredAt),
                  })
                : t('plans.difficulties.waiting')
            }
          />
        ))}
      </Space>
    </>
  );
}

/**
 * One task in one year: what it asks, its deadline and state, its notes with evidence, and the
 * actions of who may act on it. Opened from every list of occurrences.
 */
export function OccurrenceDrawer({
  occurrence,
  loading,
  onClose,
  communeId,
}: {
  /** The occurrence to show; the drawer is open while it is set (or loading). */
  occurrence: Occurrence | undefined;
  loading?: boolean;
  onClose: () => void;
  communeId?: string;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useSession();
  const reopen = useReopenOccurrence();
  const [completing, setCompleting] = useState(false);
  const [reporting, setReporting] = useState(false);
  const [overriding, setOverriding] = useState(false);
  const open = Boolean(occurrence) || Boolean(loading);
  // On a phone the drawer takes the whole width and the labels go above the values.
  const narrow = !Grid.useBreakpoint().md;
  const o = occurrence;
  // linked work that happens on a day decides by itself; the coordinator may record it by hand
  const decidedByWork = Boolean(o?.fulfilment && isEventFulfilment(o.fulfilment.kind));
  const mayComplete = o && !decidedByWork ? canComplete(me, o) : false;
  const mayOverride = Boolean(o?.fulfilment) && hasRole(me, 'coordinator');
  const mayReport = o ? canReportProgress(me, o) : false;

  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={narrow ? '100%' : 720}
      destroyOnHidden
      loading={loading && !o}
      title={o ? t('plans.drawer.title', { number: o.taskNumber, year: o.year }) : t('common.loading')}
      extra={
        o ? (
          <Link to={`/plans/${o.planId}?tab=appendix`} onClick={onClose}>
            {t('plans.drawer.openPlan')}
          </Link>
        ) : null
      }
    >
      {o ? (
        <div data-testid="occurrence-drawer">
          <Descriptions
            column={1}
            size="small"
            bordered
            layout={narrow ? 'vertical' : 'horizontal'}
            styles={narrow ? undefined : { label: { width: 170 } }}
            items={[
              {
                key: 'content',
                label: t('plans.task.content'),
                children: <span style={{ whiteSpace: 'pre-wrap' }}>{o.content}</span>,
              },
              { key: 'due', label: t('plans.task.schedule'), children: <DueCell occurrence={o} /> },
              { key: 'lead', label: t('plans.task.leadUnit'), children: o.leadName },
              {
                key: 'with',
                label: t('plans.task.coordinating'),
                children: <UnitTags units={o.coordinatingUnits} text={o.coordinatingText} />,
              },
              {
                key: 'status',
                label: t('common.status'),
                children: (
                  <Space wrap>
                    <StatusTag status={o.status} />
                    <DaysLeft occurrence={o} />
                  </Space>
                ),
              },
              { key: 'progress', label: t('plans.progress'), children: <ProgressBar occurrence={o} /> },
            ]}
          />
          <Flex gap={8} wrap style={{ marginTop: 16 }}>
            {mayComplete && o.status !== 'done' ? (
              <Button type="primary" icon={<CheckCircleOutlined />} onClick={() => setCompleting(true)}>
                {t('plans.complete.button')}
              </Button>
            ) : null}
            {mayComplete && o.status === 'done' ? (
              <Popconfirm
                title={t('plans.reopen.title')}
                description={t('plans.reopen.text')}
                okText={t('plans.reopen.button')}
                cancelText={t('common.cancel')}
                onConfirm={() =>
                  reopen.mutate(
                    { taskId: o.taskId, year: o.year },
                    {
                      onSuccess: () => message.success(t('plans.reopen.done')),
                      onError: (err) => message.error(errorMessage(err)),
                    },
                  )
                }
              >
                <Button icon={<RollbackOutlined />} loading={reopen.isPending}>
                  {t('plans.reopen.button')}
                </Button>
              </Popconfirm>
            ) : null}
            {mayOverride ? (
              <Button icon={<EditOutlined />} onClick={() => setOverriding(true)}>
                {t('plans.override.button')}
              </Button>
            ) : null}
            {mayReport ? (
              <Button icon={<ExclamationCircleOutlined />} onClick={() => setReporting(true)}>
                {t('plans.difficulties.report')}
              </Button>
            ) : null}
          </Flex>
          <FulfilmentInfo occurrence={o} />
          {overriding ? <OverrideModal occurrence={o} onClose={() => setOverriding(false)} /> : null}
          <TaskDifficulties occurrence={o} communeId={communeId} />
          {mayReport ? (
            <>
              <Divider titlePlacement="start">{t('plans.notes.addTitle')}</Divider>
              <AddNoteForm key={`${o.taskId}:${o.year}:${o.progress}`} occurrence={o} />
            </>
          ) : null}
          <Divider titlePlacement="start">{t('plans.notes.title', { count: o.noteCount })}</Divider>
          <NotesTimeline occurrence={o} />
          {completing ? <CompleteModal occurrence={o} onClose={() => setCompleting(false)} /> : null}
          {reporting ? (
            <ReportDifficultyModal
              taskId={o.taskId}
              taskLabel={t('plans.taskNumber', { number: o.taskNumber })}
              year={o.year}
              onClose={() => setReporting(false)}
            />
          ) : null}
        </div>
      ) : null}
    </Drawer>
  );
}

/** Which occurrence of a list is open in the drawer, kept in the `task` query parameter. */
export function useOccurrenceSelection(list: readonly Occurrence[] | undefined, year: number) {
  const [taskId, setTaskId] = useParam('task');
  const selected = taskId ? list?.find((o) => o.taskId === taskId && o.year === year) : undefined;
  return {
    selected,
    loading: Boolean(taskId) && list === undefined,
    open: (o: Occurrence) => setTaskId(o.taskId),
    close: () => setTaskId(undefined),
  };
}
