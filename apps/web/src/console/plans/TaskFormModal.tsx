import { FULFILMENT_KINDS, FULFILMENT_LABELS, type FulfilmentKind } from '@cqtt/domain/plans/fulfilment';
import { describeSchedule, scheduleProblem } from '@cqtt/domain/plans/schedule';
import { App, Col, DatePicker, Form, Input, InputNumber, Modal, Row, Select, Switch } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../auth/session';
import { useUnits } from '../org/api';
import { isCityLevel } from '../permissions';
import { dayParam } from '../shared/format';
import { foldVietnamese } from '../shared/text';
import { useCreateTask, useUpdateTask } from './api';
import { showApiErrors } from './formErrors';
import { completeSchedule, type ScheduleDraft, ScheduleInput } from './ScheduleInput';
import type { Plan, Task, TaskInput } from './types';
import { currentYear, today } from './ui';

interface TaskForm {
  number: number;
  content: string;
  schedule?: ScheduleDraft;
  scheduleText?: string;
  leadUnitId?: string;
  coordinatingUnitIds?: string[];
  coordinatingText?: string;
  addedOn?: Dayjs | null;
  isActive?: boolean;
  fulfilment?: FulfilmentKind | 'none';
}

const FIELDS = [
  'number',
  'content',
  'schedule',
  'scheduleText',
  'leadUnitId',
  'coordinatingUnitIds',
  'coordinatingText',
  'addedOn',
  'isActive',
  'fulfilment',
];

/** Add a task to the plan's appendix, or edit one (plans.manage). */
export function TaskFormModal({
  plan,
  task,
  onClose,
}: {
  plan: Plan;
  task: Task | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useSession();
  const [form] = Form.useForm<TaskForm>();
  const create = useCreateTask();
  const update = useUpdateTask();
  const units = useUnits(isCityLevel(me) ? plan.communeId : undefined);
  const editing = task !== null;
  const addedOn: Dayjs | null | undefined = Form.useWatch('addedOn', form);
  // The wording follows the schedule until someone writes their own ("Năm 2027 và năm 2030").
  const [ownText, setOwnText] = useState(() =>
    task ? task.scheduleText.trim() !== describeSchedule(task.schedule) : false,
  );

  const periodEnd = plan.periodTo ?? plan.periodFrom + 10;
  const years: number[] = [];
  for (let y = plan.periodFrom; y <= periodEnd; y++) years.push(y);
  const now = currentYear();
  const sampleYear = now >= plan.periodFrom && now <= periodEnd ? now : plan.periodFrom;

  const unitOptions = (units.data ?? [])
    .filter(
      (u) => u.isActive || u.id === task?.leadUnit?.id || task?.coordinatingUnits.some((c) => c.id === u.id),
    )
    .map((u) => ({ value: u.id, label: u.name, search: foldVietnamese(`${u.name} ${u.code}`) }));
  const filterOption = (input: string, option?: { search: string }) =>
    Boolean(option?.search.includes(foldVietnamese(input)));

  const onFinish = (v: TaskForm) => {
    const schedule = completeSchedule(v.schedule);
    if (!schedule) return;
    const input: TaskInput = {
      number: v.number,
      content: v.content.trim(),
      schedule,
      scheduleText: v.scheduleText?.trim() || describeSchedule(schedule),
      leadUnitId: v.leadUnitId,
      coordinatingUnitIds: v.coordinatingUnitIds ?? [],
      coordinatingText: v.coordinatingText?.trim() ?? '',
      ...(v.addedOn ? { addedOn: dayParam(v.addedOn) } : {}),
      fulfilment: !v.fulfilment || v.fulfilment === 'none' ? null : v.fulfilment,
    };
    const onError = (err: unknown) => showApiErrors(form, err, FIELDS, message.error);
    if (task) {
      update.mutate(
        { id: task.id, patch: { ...input, isActive: v.isActive } },
        {
          onSuccess: () => {
            message.success(t('plans.taskForm.saved'));
            onClose();
          },
          onError,
        },
      );
    } else {
      create.mutate(
        { ...input, planId: plan.id },
        {
          onSuccess: () => {
            message.success(t('plans.taskForm.created'));
            onClose();
          },
          onError,
        },
      );
    }
  };

  const nextNumber = Math.max(0, ...plan.tasks.map((x) => x.number)) + 1;

  return (
    <Modal
      open
      width={860}
      title={editing ? t('plans.taskForm.editTitle', { number: task.number }) : t('plans.taskForm.addTitle')}
      okText={editing ? t('common.save') : t('common.create')}
      cancelText={t('common.cancel')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={create.isPending || update.isPending}
      mask={{ closable: false }}
    >
      <Form<TaskForm>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        scrollToFirstError
        onValuesChange={(changed: Partial<TaskForm>) => {
          if ('scheduleText' in changed) setOwnText(Boolean(changed.scheduleText?.trim()));
          if ('schedule' in changed && !ownText) {
            const s = completeSchedule(changed.schedule);
            form.setFieldValue('scheduleText', s && !scheduleProblem(s) ? describeSchedule(s) : '');
          }
        }}
        initialValues={
          task
            ? {
                number: task.number,
                content: task.content,
                schedule: task.schedule as ScheduleDraft,
                scheduleText: task.scheduleText,
                leadUnitId: task.leadUnit?.id ?? 'all',
                coordinatingUnitIds: task.coordinatingUnits.map((u) => u.id),
                coordinatingText: task.coordinatingText,
                addedOn: task.addedOn ? dayjs(task.addedOn) : null,
                isActive: task.isActive,
                fulfilment: task.fulfilment ?? 'none',
              }
            : {
                number: nextNumber,
                coordinatingUnitIds: [],
                fulfilment: 'none',
                schedule: { kind: 'yearly' },
                scheduleText: 'Hằng năm',
              }
        }
      >
        <Row gutter={16}>
          <Col xs={24} md={5}>
            <Form.Item
              label={t('plans.task.number')}
              name="number"
              rules={[{ required: true, message: t('plans.taskForm.numberRequired') }]}
            >
              <InputNumber min={1} max={999} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={19}>
            <Form.Item
              label={t('plans.task.content')}
              name="content"
              rules={[
                { required: true, whitespace: true, message: t('plans.taskForm.contentRequired') },
                { max: 5000, message: t('validation.max', { max: 5000 }) },
              ]}
            >
              <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} autoFocus />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item
              label={t('plans.task.schedule')}
              name="schedule"
              required
              rules={[
                {
                  validator: (_, value: ScheduleDraft | undefined) => {
                    if (!value) return Promise.reject(new Error(t('plans.schedule.kindRequired')));
                    const s = completeSchedule(value);
                    if (!s) return Promise.reject(new Error(t(`plans.schedule.missing.${value.kind}`)));
                    // The domain's rule, the server's words: "Ngày 31/02 không có trong lịch."
                    const problem = scheduleProblem(s);
                    return problem ? Promise.reject(new Error(problem)) : Promise.resolve();
                  },
                },
              ]}
            >
              <ScheduleInput
                years={years}
                sampleYear={sampleYear}
                addedOn={addedOn ? dayParam(addedOn) : task ? task.addedOn : today()}
              />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item
              label={t('plans.taskForm.scheduleText')}
              name="scheduleText"
              extra={t('plans.taskForm.scheduleTextHint')}
              rules={[{ max: 200, message: t('validation.max', { max: 200 }) }]}
            >
              <Input />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              label={t('plans.task.leadUnit')}
              name="leadUnitId"
              rules={[{ required: true, message: t('plans.taskForm.leadRequired') }]}
            >
              <Select
                options={[
                  {
                    value: 'all',
                    label: t('plans.taskForm.allUnits'),
                    search: foldVietnamese(`${t('plans.taskForm.allUnits')} all`),
                  },
                  ...unitOptions,
                ]}
                loading={units.isLoading}
                placeholder={t('plans.taskForm.leadPlaceholder')}
                showSearch={{ filterOption }}
                notFoundContent={t('org.noUnits')}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              label={t('plans.taskForm.coordinatingUnits')}
              name="coordinatingUnitIds"
              dependencies={['leadUnitId']}
              rules={[
                ({ getFieldValue }) => ({
                  validator: (_, value: string[] | undefined) =>
                    value?.includes(getFieldValue('leadUnitId'))
                      ? Promise.reject(new Error(t('plans.taskForm.leadNotCoordinating')))
                      : Promise.resolve(),
                }),
              ]}
            >
              <Select
                mode="multiple"
                options={unitOptions}
                loading={units.isLoading}
                placeholder={t('plans.taskForm.coordinatingPlaceholder')}
                showSearch={{ filterOption }}
                notFoundContent={t('org.noUnits')}
              />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item
              label={t('plans.taskForm.coordinatingText')}
              name="coordinatingText"
              extra={t('plans.taskForm.coordinatingTextHint')}
              rules={[{ max: 1000, message: t('validation.max', { max: 1000 }) }]}
            >
              <Input placeholder={t('plans.taskForm.coordinatingTextPlaceholder')} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              label={t('plans.taskForm.addedOn')}
              name="addedOn"
              extra={t('plans.taskForm.addedOnHint')}
            >
              <DatePicker
                format="DD/MM/YYYY"
                style={{ width: '100%' }}
                placeholder={editing ? undefined : t('plans.taskForm.addedOnPlaceholder')}
              />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item
              label={t('plans.fulfilment.label')}
              name="fulfilment"
              extra={t('plans.fulfilment.hint')}
            >
              <Select
                options={[
                  { value: 'none', label: t('plans.fulfilment.none') },
                  ...FULFILMENT_KINDS.map((k) => ({ value: k, label: FULFILMENT_LABELS[k] })),
                ]}
              />
            </Form.Item>
          </Col>
          {editing ? (
            <Col xs={24} md={12}>
              <Form.Item
                label={t('plans.taskForm.isActive')}
                name="isActive"
                valuePropName="checked"
                extra={t('plans.taskForm.isActiveHint')}
              >
                <Switch checkedChildren={t('common.active')} unCheckedChildren={t('common.inactive')} />
              </Form.Item>
            </Col>
          ) : null}
        </Row>
      </Form>
    </Modal>
  );
}
