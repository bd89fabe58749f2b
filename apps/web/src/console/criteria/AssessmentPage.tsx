import { DownloadOutlined, EditOutlined } from '@ant-design/icons';
import { assessmentGaps } from '@cqtt/domain/criteria/gaps';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Progress,
  Row,
  Select,
  Space,
  Statistic,
  Switch,
  Table,
  type TableColumnsType,
  Tag,
  Timeline,
  Typography,
  type UploadFile,
} from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { downloadFile, errorMessage } from '../../api/client';
import { RoundsCard } from '../city/RoundsCard';
import { usePlan, usePlans } from '../plans/api';
import { EvidenceUpload, isUploading, uploadedIds } from '../plans/EvidenceUpload';
import type { StoredFile } from '../plans/types';
import { QueryError } from '../shared/feedback';
import { formatDate, formatDateTime, formatFigure, formatNumber } from '../shared/format';
import { applyApiErrorToForm } from '../shared/formErrors';
import { PageHeader } from '../shared/PageHeader';
import { useDocumentTitle } from '../shared/useDocumentTitle';
import { type Assessment, type Indicator, useAct, useAssessment, useRecognise, useScore } from './api';
import { GapsNotice, useConfirmStep } from './StepConfirm';
import { LevelText, points, StatusTag } from './ui';

/** A deduction's points read as negative ("−2"), the others as they are. */
const signed = (i: Indicator, v: number | null | undefined) =>
  i.deduction && v ? `−${points(v)}` : points(v);

type Stage = 'self' | 'review' | 'city';
function stageOf(status: string): Stage | null {
  return status === 'self_scoring'
    ? 'self'
    : status === 'consolidated'
      ? 'review'
      : status === 'submitted'
        ? 'city'
        : null;
}

function ScoreModal({
  a,
  indicator,
  onClose,
}: {
  a: Assessment;
  indicator: Indicator | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const score = useScore(a.id);
  const [form] = Form.useForm();
  const [files, setFiles] = useState<Array<UploadFile<StoredFile>>>([]);
  const stage = stageOf(a.status);
  if (!indicator || !stage) return null;
  const proposed = indicator.measure?.proposedPoints ?? null;
  return (
    <Modal
      open
      title={`${t(`criteria.stage.${stage}`)}: ${indicator.code} ${indicator.name}`}
      onCancel={onClose}
      okText={t('criteria.assessment.save')}
      okButtonProps={{ disabled: isUploading(files) }}
      confirmLoading={score.isPending}
      onOk={() => form.submit()}
      destroyOnHidden
      width={640}
    >
      {indicator.measure ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          message={`${indicator.measure.name}: ${t('criteria.assessment.proposed')} ${proposed === null ? '—' : points(proposed)}`}
          description={
            <>
              <ul style={{ margin: 0, paddingLeft: 18 }}>
                {indicator.measure.figures.map((f) => (
                  <li key={f.label}>
                    {f.label}: <strong>{formatFigure(f.value)}</strong>
                  </li>
                ))}
              </ul>
              {proposed !== null ? (
                <Button
                  size="small"
                  style={{ marginTop: 8 }}
                  onClick={() => form.setFieldValue('points', proposed)}
                >
                  {t('criteria.assessment.useProposed')}
                </Button>
              ) : null}
            </>
          }
        />
      ) : null}
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          points: stage === 'self' ? indicator.self?.points : indicator.points,
          note: stage === 'self' ? indicator.self?.note : '',
        }}
        onFinish={async (values: { points: number; note?: string }) => {
          try {
            await score.mutateAsync({
              code: indicator.code,
              points: values.points,
              note: values.note,
              ...(stage === 'self'
                ? { fileIds: [...(indicator.self?.files.map((f) => f.id) ?? []), ...uploadedIds(files)] }
                : {}),
            });
            message.success(t('criteria.assessment.saved'));
            onClose();
          } catch (error) {
            message.error(errorMessage(error));
          }
        }}
      >
        <Form.Item
          name="points"
          label={t(indicator.deduction ? 'criteria.deductions.pointsOf' : 'criteria.assessment.pointsOf', {
            max: points(indicator.maxPoints),
          })}
          rules={[{ required: true, message: t('criteria.assessment.pointsRequired') }]}
        >
          <InputNumber
            min={0}
            max={indicator.maxPoints}
            step={0.25}
            precision={2}
            decimalSeparator=","
            style={{ width: 160 }}
          />
        </Form.Item>
        <Form.Item
          name="note"
          label={stage === 'self' ? t('criteria.assessment.note') : t('criteria.assessment.reason')}
          rules={
            stage === 'review'
              ? [{ required: true, whitespace: true, message: t('criteria.assessment.reasonRequired') }]
              : []
          }
        >
          <Input.TextArea rows={3} maxLength={5000} />
        </Form.Item>
        {stage === 'self' ? (
          <Form.Item label={t('criteria.assessment.evidence')}>
            {indicator.self?.files.length ? (
              <Typography.Paragraph type="secondary">
                {indicator.self.files.map((f) => f.name).join(', ')}
              </Typography.Paragraph>
            ) : null}
            <EvidenceUpload value={files} onChange={setFiles} />
          </Form.Item>
        ) : null}
      </Form>
    </Modal>
  );
}

function RecogniseModal({ a, open, onClose }: { a: Assessment; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const recognise = useRecognise(a.id);
  const [form] = Form.useForm();
  return (
    <Modal
      open={open}
      title={t('criteria.assessment.recognise')}
      okText={t('criteria.assessment.record')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={recognise.isPending}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ level: a.level }}
        onFinish={async (v: {
          level: number;
          decisionNumber: string;
          decisionDate: { format: (f: string) => string };
          note?: string;
        }) => {
          try {
            await recognise.mutateAsync({
              level: v.level,
              decisionNumber: v.decisionNumber,
              decisionDate: v.decisionDate.format('YYYY-MM-DD'),
              note: v.note,
            });
            message.success(t('criteria.assessment.recognised'));
            onClose();
          } catch (error) {
            message.error(errorMessage(error));
          }
        }}
      >
        <Form.Item name="level" label={t('criteria.recognised')} rules={[{ required: true }]}>
          <Select
            options={[0, ...a.levels.map((l) => l.level)].map((l) => ({
              value: l,
              label: l === 0 ? t('criteria.notReached') : t('criteria.levelN', { level: l }),
            }))}
          />
        </Form.Item>
        <Form.Item
          name="decisionNumber"
          label={t('criteria.assessment.decisionNumber')}
          rules={[{ required: true, whitespace: true }]}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item
          name="decisionDate"
          label={t('criteria.assessment.decisionDate')}
          rules={[{ required: true }]}
        >
          <DatePicker format="DD/MM/YYYY" />
        </Form.Item>
        <Form.Item name="note" label={t('criteria.assessment.note')}>
          <Input.TextArea rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/**
 * Sending to the city issues the self-assessment report with the next number of the register: who
 * signs it (the plan's signer by default).
 */
function SubmitModal({ a, onClose }: { a: Assessment; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const act = useAct(a.id);
  const plans = usePlans(undefined);
  const plan = usePlan(plans.data?.[0]?.id);
  const [form] = Form.useForm<{ signerName: string; signerTitle: string }>();
  if (plans.isLoading || (plans.data?.length && plan.isLoading)) return null;
  const title = plan.data?.signerTitle ?? '';
  return (
    <Modal
      open
      title={t('criteria.submit.title')}
      okText={t('criteria.actions.submit')}
      cancelText={t('common.cancel')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ danger: !assessmentGaps(a).complete }}
      confirmLoading={act.isPending}
      width={560}
    >
      <Typography.Paragraph type="secondary">{t('criteria.submit.text')}</Typography.Paragraph>
      <div style={{ marginBottom: 16 }}>
        <GapsNotice a={a} />
      </div>
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          signerName: plan.data?.signerName ?? '',
          signerTitle: title ? title.charAt(0) + title.slice(1).toLocaleLowerCase('vi-VN') : '',
        }}
        onFinish={(v) =>
          act.mutate(
            { action: 'submit', signerName: v.signerName.trim(), signerTitle: v.signerTitle.trim() },
            {
              onSuccess: () => {
                message.success(t('criteria.submit.done'));
                onClose();
              },
              onError: (err) => {
                if (!applyApiErrorToForm(form, err, ['signerName', 'signerTitle']))
                  message.error(errorMessage(err));
              },
            },
          )
        }
      >
        <Form.Item
          label={t('documents.issue.signerName')}
          name="signerName"
          rules={[{ required: true, whitespace: true, message: t('documents.issue.signerNameRequired') }]}
        >
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item
          label={t('documents.issue.signerTitle')}
          name="signerTitle"
          rules={[{ required: true, whitespace: true, message: t('documents.issue.signerTitleRequired') }]}
        >
          <Input autoComplete="off" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

const ACTION_KEYS = [
  ['consolidate', 'consolidate'],
  ['finishReview', 'finish_review'],
  ['approve', 'approve'],
  ['submit', 'submit'],
] as const;

export default function AssessmentPage() {
  const { t } = useTranslation();
  const { assessmentId } = useParams();
  const { modal, message } = App.useApp();
  const query = useAssessment(assessmentId);
  const a = query.data;
  useDocumentTitle(a ? t('criteria.assessments.ofYear', { year: a.year }) : t('criteria.nav.assessments'));
  const act = useAct(assessmentId ?? '');
  const confirmStep = useConfirmStep();
  const [editing, setEditing] = useState<Indicator | null>(null);
  const [mine, setMine] = useState(false);
  const [recognising, setRecognising] = useState(false);
  const [returnNote, setReturnNote] = useState('');
  const [submitting, setSubmitting] = useState(false);

  const units = useMemo(() => {
    const m = new Map<string, { unit: string; total: number; scored: number }>();
    for (const i of a?.indicators ?? []) {
      const key = i.responsibleUnit?.name ?? t('criteria.assessment.noUnit');
      const row = m.get(key) ?? { unit: key, total: 0, scored: 0 };
      row.total++;
      if (i.self) row.scored++;
      m.set(key, row);
    }
    return [...m.values()];
  }, [a, t]);

  if (query.error) return <QueryError error={query.error} onRetry={() => query.refetch()} />;
  if (!a) return null;
  const groupName = new Map(a.groups.map((g) => [g.code, g.name]));
  const criterion = new Map(a.criteria.map((c) => [c.code, c]));
  const rows = a.indicators.filter((i) => (!mine || i.canScore) && !i.deduction);
  const deductionRows = a.indicators.filter((i) => (!mine || i.canScore) && i.deduction);
  const deductionCriteria = a.criteria.filter((c) => c.deduction);

  const columns: TableColumnsType<Indicator> = [
    { title: t('criteria.sets.code'), dataIndex: 'code', width: 80 },
    {
      title: t('criteria.sets.content'),
      dataIndex: 'name',
      render: (v, i) => (
        <>
          <div>{v}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {groupName.get(i.groupCode)} · {criterion.get(i.criterionCode)?.name}
            {i.measure ? ` · ${t('criteria.assessment.measured')}` : ''}
          </Typography.Text>
          {i.self?.note ? <div style={{ fontSize: 12 }}>{i.self.note}</div> : null}
          {i.self?.files.map((f) => (
            <Tag key={f.id}>{f.name}</Tag>
          ))}
          {i.review ? (
            <div style={{ fontSize: 12, color: '#d46b08' }}>
              {t('criteria.assessment.reviewBy', { by: i.review.by, reason: i.review.reason })}
            </div>
          ) : null}
          {i.city ? (
            <div style={{ fontSize: 12, color: '#531dab' }}>
              {t('criteria.assessment.cityBy', { by: i.city.by, reason: i.city.reason })}
            </div>
          ) : null}
        </>
      ),
    },
    {
      title: t('criteria.assessment.unit'),
      key: 'unit',
      width: 150,
      render: (_, i) => i.responsibleUnit?.name ?? '',
    },
    {
      title: t('criteria.sets.max'),
      dataIndex: 'maxPoints',
      width: 70,
      render: (v: number, i) => signed(i, v),
    },
    {
      title: t('criteria.stage.self'),
      key: 'self',
      width: 70,
      render: (_, i) => signed(i, i.self?.points),
    },
    {
      title: t('criteria.stage.review'),
      key: 'review',
      width: 80,
      render: (_, i) => signed(i, i.review?.points),
    },
    {
      title: t('criteria.stage.city'),
      key: 'city',
      width: 80,
      render: (_, i) => signed(i, i.city?.points),
    },
    {
      key: 'edit',
      width: 60,
      render: (_, i) =>
        i.canScore ? (
          <Button
            size="small"
            icon={<EditOutlined />}
            aria-label={`${t('criteria.assessment.score')} ${i.code}`}
            onClick={() => setEditing(i)}
          />
        ) : null,
    },
  ];

  async function run(action: string, note?: string) {
    try {
      await act.mutateAsync({ action, note });
      message.success(t('criteria.assessment.moved'));
    } catch (error) {
      message.error(errorMessage(error));
    }
  }

  return (
    <>
      <PageHeader
        title={`${t('criteria.assessments.ofYear', { year: a.year })} — ${a.communeName}`}
        subtitle={`${a.criteriaSet.name} (v${a.criteriaSet.version})`}
        extra={
          <>
            <Button
              icon={<DownloadOutlined />}
              onClick={() =>
                downloadFile(`/api/assessments/${a.id}/report.docx`).catch((e) =>
                  message.error(errorMessage(e)),
                )
              }
            >
              {t('criteria.assessment.reportDocx')}
            </Button>
            <Button
              icon={<DownloadOutlined />}
              onClick={() =>
                downloadFile(`/api/assessments/${a.id}/scores.xlsx`).catch((e) =>
                  message.error(errorMessage(e)),
                )
              }
            >
              {t('criteria.assessment.scoresXlsx')}
            </Button>
          </>
        }
      />
      <Row gutter={[16, 16]}>
        <Col xs={12} md={6}>
          <Card>
            <Statistic title={t('criteria.total')} value={`${points(a.total)} / ${points(a.maxTotal)}`} />
            {deductionCriteria.length ? (
              <Typography.Text type="secondary" data-testid="total-deductions">
                {t('criteria.deductions.summary', { earned: points(a.earned), deducted: points(a.deducted) })}
              </Typography.Text>
            ) : null}
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card>
            <Statistic
              title={t('criteria.levelNow')}
              valueRender={() => (
                <span data-testid="level-now">
                  <LevelText level={a.level} />
                </span>
              )}
            />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card>
            <Statistic
              title={t('criteria.registration.level')}
              valueRender={() => <LevelText level={a.registeredLevel} />}
            />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card>
            <Typography.Text type="secondary">{t('criteria.assessments.status')}</Typography.Text>
            <div style={{ marginTop: 8 }} data-testid="assessment-status">
              <StatusTag status={a.status} label={a.statusLabel} />
            </div>
            {a.recognition ? (
              <div style={{ marginTop: 8 }}>
                {t('criteria.recognised')}: <LevelText level={a.recognition.level} /> —{' '}
                {a.recognition.decisionNumber}
                {a.recognition.decisionDate ? ` (${formatDate(a.recognition.decisionDate)})` : ''}
              </div>
            ) : null}
          </Card>
        </Col>
      </Row>
      {a.missing && !a.missing.reached ? (
        <Alert
          style={{ marginTop: 16 }}
          type="warning"
          showIcon
          message={t('criteria.missing.title', { level: a.missing.level })}
          description={
            <ul style={{ margin: 0, paddingLeft: 18 }}>
              {a.missing.undefinedLevel ? <li>{t('criteria.missing.undefined')}</li> : null}
              {a.missing.pointsShort > 0 ? (
                <li>{t('criteria.missing.points', { points: points(a.missing.pointsShort) })}</li>
              ) : null}
              {a.missing.unmetMandatory.map((c) => (
                <li key={c}>
                  {t('criteria.missing.mandatory', { code: c, name: criterion.get(c)?.name ?? '' })}
                </li>
              ))}
              {a.missing.groupsBelow.map((g) => (
                <li key={g.code}>
                  {t('criteria.missing.group', {
                    name: groupName.get(g.code) ?? g.code,
                    points: points(g.points),
                    max: points(g.maxPoints),
                    share: formatNumber(g.requiredShare * 100, 'vi', 1),
                  })}
                </li>
              ))}
              {a.missing.failingIndexes.map((f) => (
                <li key={f.key}>
                  {t('criteria.missing.index', {
                    name: f.name,
                    value: f.value === null ? '—' : formatNumber(f.value, 'vi', 2),
                    required: f.required,
                  })}
                </li>
              ))}
            </ul>
          }
        />
      ) : a.missing ? (
        <Alert
          style={{ marginTop: 16 }}
          type="success"
          showIcon
          message={t('criteria.missing.reached', { level: a.missing.level })}
        />
      ) : null}
      <Space wrap style={{ margin: '16px 0' }}>
        {ACTION_KEYS.filter(([k]) => a.can[k]).map(([k, action]) => (
          <Button
            key={k}
            type="primary"
            loading={act.isPending}
            onClick={() =>
              action === 'submit' ? setSubmitting(true) : confirmStep(a, action, () => run(action))
            }
          >
            {t(`criteria.actions.${action}`)}
          </Button>
        ))}
        {submitting ? <SubmitModal a={a} onClose={() => setSubmitting(false)} /> : null}
        {a.can.return ? (
          <Button
            danger
            onClick={() =>
              modal.confirm({
                title: t('criteria.actions.return'),
                content: (
                  <Input.TextArea
                    rows={3}
                    placeholder={t('criteria.assessment.reason')}
                    onChange={(e) => setReturnNote(e.target.value)}
                  />
                ),
                onOk: () => run('return', returnNote),
              })
            }
          >
            {t('criteria.actions.return')}
          </Button>
        ) : null}
        {a.can.recognise ? (
          <Button type="primary" onClick={() => setRecognising(true)}>
            {t('criteria.assessment.recognise')}
          </Button>
        ) : null}
        {a.status === 'submitted' || a.status === 'recognised' ? (
          <Tag>{t('criteria.assessment.readOnly')}</Tag>
        ) : null}
      </Space>
      <RoundsCard a={a} onChanged={() => void query.refetch()} />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={16}>
          <Card
            title={t('criteria.assessment.table')}
            extra={
              <Space>
                <Switch checked={mine} onChange={setMine} aria-label={t('criteria.assessment.mine')} />
                {t('criteria.assessment.mine')}
              </Space>
            }
          >
            <Table<Indicator>
              rowKey="code"
              size="small"
              pagination={false}
              dataSource={rows}
              scroll={{ x: 900 }}
              columns={columns}
            />
          </Card>
          {deductionCriteria.length ? (
            <Card title={t('criteria.deductions.title')} style={{ marginTop: 16 }} data-testid="deductions">
              <Typography.Paragraph type="secondary">{t('criteria.deductions.hint')}</Typography.Paragraph>
              {deductionCriteria.map((c) => (
                <div key={c.code} style={{ marginBottom: 8 }}>
                  <Typography.Text strong>
                    {t('criteria.deductions.criterion', {
                      code: c.code,
                      name: c.name,
                      taken: points(c.points),
                      cap: points(c.maxPoints),
                    })}
                  </Typography.Text>
                  {c.uncapped > c.maxPoints ? (
                    <div>
                      <Typography.Text type="warning">
                        {t('criteria.deductions.beyondCap', {
                          uncapped: points(c.uncapped),
                          cap: points(c.maxPoints),
                        })}
                      </Typography.Text>
                    </div>
                  ) : null}
                </div>
              ))}
              <Table<Indicator>
                rowKey="code"
                size="small"
                pagination={false}
                dataSource={deductionRows}
                scroll={{ x: 900 }}
                columns={columns}
              />
            </Card>
          ) : null}
        </Col>
        <Col xs={24} lg={8}>
          <Card title={t('criteria.assessment.groups')}>
            {a.groups.map((g) => (
              <div key={g.code} style={{ marginBottom: 12 }}>
                <Flex justify="space-between" gap={12} align="baseline">
                  <Typography.Text>{`${g.code}. ${g.name}`}</Typography.Text>
                  <Typography.Text strong style={{ whiteSpace: 'nowrap' }}>
                    {g.maxPoints > 0 ? `${points(g.points)} / ${points(g.maxPoints)}` : points(g.points)}
                    {g.deducted > 0 && g.maxPoints > 0
                      ? ` (${t('criteria.deductions.groupDeducted', { points: points(g.deducted) })})`
                      : ''}
                  </Typography.Text>
                </Flex>
                <Progress
                  percent={g.maxPoints > 0 ? Math.round((g.points / g.maxPoints) * 100) : 0}
                  showInfo={false}
                  size="small"
                  aria-label={`${g.code}. ${g.name}: ${points(g.points)} / ${points(g.maxPoints)}`}
                />
              </div>
            ))}
          </Card>
          <Card title={t('criteria.assessment.workList')} style={{ marginTop: 16 }}>
            <Table
              rowKey="unit"
              size="small"
              pagination={false}
              dataSource={units}
              columns={[
                { title: t('criteria.assessment.unit'), dataIndex: 'unit' },
                {
                  title: t('criteria.assessment.scored'),
                  key: 's',
                  render: (_, r) => `${r.scored}/${r.total}`,
                },
              ]}
            />
          </Card>
          <Card title={t('criteria.assessment.steps')} style={{ marginTop: 16 }}>
            <Timeline
              items={a.events.map((e) => ({
                children: (
                  <>
                    <strong>{t(`criteria.actions.${e.action}`)}</strong> — {e.by}
                    <div style={{ fontSize: 12 }}>{formatDateTime(e.at)}</div>
                    {e.note ? <div style={{ fontSize: 12 }}>{e.note}</div> : null}
                  </>
                ),
              }))}
            />
          </Card>
        </Col>
      </Row>
      <ScoreModal a={a} indicator={editing} onClose={() => setEditing(null)} />
      <RecogniseModal a={a} open={recognising} onClose={() => setRecognising(false)} />
    </>
  );
}
