import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Checkbox,
  Col,
  DatePicker,
  Divider,
  Form,
  Input,
  InputNumber,
  Modal,
  Row,
  Space,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { dayParam } from '../shared/format';
import { useCreatePlan, useUpdatePlan } from './api';
import { showApiErrors } from './formErrors';
import type { Plan, PlanInput } from './types';

interface PlanForm {
  number?: string;
  title: string;
  issuedPlace?: string;
  issuedOn?: Dayjs | null;
  periodFrom: number;
  periodTo?: number | null;
  legalBases?: string;
  purpose?: string;
  requirements?: string;
  objectives?: string;
  targets?: Array<{
    year?: number;
    level?: number;
    raiseLevel?: boolean;
    satisfaction?: number | null;
    feedbackOnTime?: number | null;
  }>;
  content?: string;
  funding?: string;
  organization?: string;
  signerTitle?: string;
  signerName?: string;
  recipients?: string;
}

const FIELDS = [
  'number',
  'title',
  'issuedPlace',
  'issuedOn',
  'periodFrom',
  'periodTo',
  'legalBases',
  'purpose',
  'requirements',
  'objectives',
  'targets',
  'content',
  'funding',
  'organization',
  'signerTitle',
  'signerName',
  'recipients',
];

const lines = (text: string | undefined) =>
  (text ?? '')
    .split('\n')
    .map((l) =>
      l
        .trim()
        .replace(/^[-–•]\s*/, '')
        .replace(/;$/, ''),
    )
    .filter(Boolean);

function initialValues(plan: Plan | null, year: number): Partial<PlanForm> {
  if (!plan) return { periodFrom: year, periodTo: year + 4, targets: [], signerTitle: 'CHỦ TỊCH' };
  return {
    number: plan.number,
    title: plan.title,
    issuedPlace: plan.issuedPlace,
    issuedOn: plan.issuedOn ? dayjs(plan.issuedOn) : null,
    periodFrom: plan.periodFrom,
    periodTo: plan.periodTo,
    legalBases: plan.legalBases.join('\n'),
    purpose: plan.purpose,
    requirements: plan.requirements,
    objectives: plan.objectives,
    // the ratio targets are edited as percentages
    targets: plan.targets.map((t) => ({
      ...t,
      satisfaction:
        t.satisfaction === null || t.satisfaction === undefined
          ? null
          : Math.round(t.satisfaction * 1000) / 10,
      feedbackOnTime:
        t.feedbackOnTime === null || t.feedbackOnTime === undefined
          ? null
          : Math.round(t.feedbackOnTime * 1000) / 10,
    })),
    content: plan.content,
    funding: plan.funding,
    organization: plan.organization,
    signerTitle: plan.signerTitle,
    signerName: plan.signerName,
    recipients: plan.recipients.join('\n'),
  };
}

/** Create a plan, or edit every field of one (plans.manage). */
export function PlanFormModal({
  plan,
  communeId,
  defaultYear,
  onClose,
  onCreated,
}: {
  plan: Plan | null;
  communeId?: string;
  defaultYear: number;
  onClose: () => void;
  onCreated?: (plan: Plan) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<PlanForm>();
  const create = useCreatePlan();
  const update = useUpdatePlan();
  const editing = plan !== null;

  const onFinish = (v: PlanForm) => {
    const input: PlanInput = {
      number: v.number?.trim() ?? '',
      title: v.title.trim(),
      issuedPlace: v.issuedPlace?.trim() ?? '',
      issuedOn: v.issuedOn ? dayParam(v.issuedOn) : null,
      periodFrom: v.periodFrom,
      periodTo: v.periodTo ?? null,
      legalBases: lines(v.legalBases),
      purpose: v.purpose?.trim() ?? '',
      requirements: v.requirements?.trim() ?? '',
      objectives: v.objectives?.trim() ?? '',
      targets: (v.targets ?? [])
        .filter((x): x is typeof x & { year: number; level: number } => x.year != null && x.level != null)
        .map((x) => ({
          year: x.year,
          level: x.level,
          raiseLevel: x.raiseLevel ?? false,
          satisfaction: x.satisfaction === null || x.satisfaction === undefined ? null : x.satisfaction / 100,
          feedbackOnTime:
            x.feedbackOnTime === null || x.feedbackOnTime === undefined ? null : x.feedbackOnTime / 100,
        }))
        .sort((a, b) => a.year - b.year),
      content: v.content?.trim() ?? '',
      funding: v.funding?.trim() ?? '',
      organization: v.organization?.trim() ?? '',
      signerTitle: v.signerTitle?.trim() ?? '',
      signerName: v.signerName?.trim() ?? '',
      recipients: lines(v.recipients),
    };
    const onError = (err: unknown) => showApiErrors(form, err, FIELDS, message.error, ['targets']);
    if (plan) {
      update.mutate(
        { id: plan.id, patch: input },
        {
          onSuccess: () => {
            message.success(t('plans.form.saved'));
            onClose();
          },
          onError,
        },
      );
    } else {
      if (!input.issuedOn) delete input.issuedOn;
      create.mutate(
        { ...input, communeId },
        {
          onSuccess: (created) => {
            message.success(t('plans.form.created'));
            onClose();
            onCreated?.(created);
          },
          onError,
        },
      );
    }
  };

  const text = (name: keyof PlanForm, label: string, rows = 4, extra?: string) => (
    <Form.Item
      label={label}
      name={name}
      extra={extra}
      rules={[{ max: 20000, message: t('validation.max', { max: 20000 }) }]}
    >
      <Input.TextArea autoSize={{ minRows: 2, maxRows: rows * 3 }} />
    </Form.Item>
  );

  return (
    <Modal
      open
      width={920}
      title={editing ? t('plans.form.editTitle') : t('plans.form.addTitle')}
      okText={editing ? t('common.save') : t('common.create')}
      cancelText={t('common.cancel')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={create.isPending || update.isPending}
      mask={{ closable: false }}
    >
      <Form<PlanForm>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        initialValues={initialValues(plan, defaultYear)}
        scrollToFirstError
      >
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item label={t('plans.fields.number')} name="number" extra={t('plans.form.numberHint')}>
              <Input placeholder="12/KH-UBND" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item label={t('plans.fields.issuedPlace')} name="issuedPlace">
              <Input placeholder="Bình Giang" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item label={t('plans.fields.issuedOn')} name="issuedOn">
              <DatePicker format="DD/MM/YYYY" style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item
              label={t('plans.fields.title')}
              name="title"
              rules={[
                { required: true, whitespace: true, message: t('plans.form.titleRequired') },
                { max: 1000, message: t('validation.max', { max: 1000 }) },
              ]}
            >
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} autoFocus />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item
              label={t('plans.fields.periodFrom')}
              name="periodFrom"
              rules={[{ required: true, message: t('plans.form.periodFromRequired') }]}
            >
              <InputNumber min={2000} max={2100} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item
              label={t('plans.fields.periodTo')}
              name="periodTo"
              dependencies={['periodFrom']}
              rules={[
                ({ getFieldValue }) => ({
                  validator: (_, value: number | null | undefined) =>
                    value == null || value >= getFieldValue('periodFrom')
                      ? Promise.resolve()
                      : Promise.reject(new Error(t('plans.form.periodOrder'))),
                }),
              ]}
            >
              <InputNumber min={2000} max={2100} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <div className="cqtt-form-note">{t('plans.form.periodHint')}</div>
          </Col>
        </Row>
        <Divider titlePlacement="start">{t('plans.sections.legalBases')}</Divider>
        {text('legalBases', t('plans.fields.legalBases'), 3, t('plans.form.onePerLine'))}
        <Divider titlePlacement="start">{t('plans.sections.purpose')}</Divider>
        {text('purpose', t('plans.fields.purpose'))}
        {text('requirements', t('plans.fields.requirements'))}
        <Divider titlePlacement="start">{t('plans.sections.objectives')}</Divider>
        {text('objectives', t('plans.fields.objectives'))}
        <Form.Item label={t('plans.fields.targets')} extra={t('plans.form.targetsHint')}>
          <Form.List name="targets">
            {(items, { add, remove }) => (
              <Space orientation="vertical" style={{ width: '100%' }}>
                {items.map((item) => (
                  <Space key={item.key} align="start" wrap>
                    <Form.Item
                      name={[item.name, 'year']}
                      rules={[{ required: true, message: t('plans.form.targetYearRequired') }]}
                      style={{ marginBottom: 0 }}
                    >
                      <InputNumber
                        min={2000}
                        max={2100}
                        precision={0}
                        prefix={t('plans.form.targetYear')}
                        aria-label={t('plans.form.targetYear')}
                        style={{ width: 160 }}
                      />
                    </Form.Item>
                    <Form.Item
                      name={[item.name, 'level']}
                      rules={[{ required: true, message: t('plans.form.targetLevelRequired') }]}
                      style={{ marginBottom: 0 }}
                    >
                      <InputNumber
                        min={1}
                        max={10}
                        precision={0}
                        prefix={t('plans.form.targetLevel')}
                        aria-label={t('plans.form.targetLevel')}
                        style={{ width: 160 }}
                      />
                    </Form.Item>
                    <Form.Item
                      name={[item.name, 'raiseLevel']}
                      valuePropName="checked"
                      style={{ marginBottom: 0 }}
                    >
                      <Checkbox>{t('plans.form.targetRaise')}</Checkbox>
                    </Form.Item>
                    <Form.Item name={[item.name, 'satisfaction']} style={{ marginBottom: 0 }}>
                      <InputNumber
                        min={0}
                        max={100}
                        precision={1}
                        decimalSeparator=","
                        prefix={t('plans.form.targetSatisfaction')}
                        suffix="%"
                        aria-label={t('plans.form.targetSatisfaction')}
                        style={{ width: 190 }}
                      />
                    </Form.Item>
                    <Form.Item name={[item.name, 'feedbackOnTime']} style={{ marginBottom: 0 }}>
                      <InputNumber
                        min={0}
                        max={100}
                        precision={1}
                        decimalSeparator=","
                        prefix={t('plans.form.targetFeedback')}
                        suffix="%"
                        aria-label={t('plans.form.targetFeedback')}
                        style={{ width: 230 }}
                      />
                    </Form.Item>
                    <Button
                      icon={<DeleteOutlined />}
                      aria-label={t('plans.form.removeTarget')}
                      onClick={() => remove(item.name)}
                    />
                  </Space>
                ))}
                <Button
                  type="dashed"
                  icon={<PlusOutlined />}
                  onClick={() => {
                    const current = (form.getFieldValue('targets') ?? []) as NonNullable<PlanForm['targets']>;
                    const last = current[current.length - 1];
                    add({
                      year: last?.year ? last.year + 1 : form.getFieldValue('periodFrom'),
                      level: last?.level,
                      raiseLevel: last?.raiseLevel ?? false,
                      satisfaction: last?.satisfaction ?? null,
                      feedbackOnTime: last?.feedbackOnTime ?? null,
                    });
                  }}
                >
                  {t('plans.form.addTarget')}
                </Button>
              </Space>
            )}
          </Form.List>
        </Form.Item>
        <Divider titlePlacement="start">{t('plans.sections.content')}</Divider>
        {text('content', t('plans.fields.content'), 6)}
        <Divider titlePlacement="start">{t('plans.sections.funding')}</Divider>
        {text('funding', t('plans.fields.funding'), 2)}
        <Divider titlePlacement="start">{t('plans.sections.organization')}</Divider>
        {text('organization', t('plans.fields.organization'), 6)}
        <Divider titlePlacement="start">{t('plans.sections.signature')}</Divider>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item label={t('plans.fields.signerTitle')} name="signerTitle">
              <Input placeholder="CHỦ TỊCH" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item label={t('plans.fields.signerName')} name="signerName">
              <Input />
            </Form.Item>
          </Col>
        </Row>
        {text('recipients', t('plans.fields.recipients'), 3, t('plans.form.onePerLine'))}
      </Form>
    </Modal>
  );
}
