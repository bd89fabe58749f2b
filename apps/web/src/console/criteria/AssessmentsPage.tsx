import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { vietnamDate } from '@cqtt/domain/plans/dates';
import { App, Button, Card, Form, InputNumber, Modal, Select, Space, Table, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { downloadFile, errorMessage } from '../../api/client';
import { useSession } from '../auth/session';
import { can, isCityLevel } from '../permissions';
import { formatDay } from '../plans/ui';
import { QueryError } from '../shared/feedback';
import { PageHeader } from '../shared/PageHeader';
import { useDocumentTitle } from '../shared/useDocumentTitle';
import {
  type AssessmentSummary,
  type OverviewRow,
  useAssessments,
  useCriteriaSets,
  useHistory,
  useOpenAssessment,
  useOverview,
} from './api';
import { LevelText, points, StatusTag } from './ui';

function OpenModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const sets = useCriteriaSets();
  const openAssessment = useOpenAssessment();
  const [form] = Form.useForm();
  const firstSet = sets.data?.[0]?.id;
  useEffect(() => {
    if (open && firstSet && !form.getFieldValue('criteriaSetId'))
      form.setFieldValue('criteriaSetId', firstSet);
  }, [open, firstSet, form]);
  return (
    <Modal
      open={open}
      title={t('criteria.assessments.open')}
      onCancel={onClose}
      okText={t('criteria.assessments.openOk')}
      confirmLoading={openAssessment.isPending}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ year: new Date().getFullYear() + 1, criteriaSetId: firstSet }}
        onFinish={async (values) => {
          try {
            const { id } = await openAssessment.mutateAsync(values);
            onClose();
            navigate(`/assessments/${id}`);
          } catch (error) {
            message.error(errorMessage(error));
          }
        }}
      >
        <Form.Item name="year" label={t('criteria.year')} rules={[{ required: true }]}>
          <InputNumber min={2026} max={2030} />
        </Form.Item>
        <Form.Item name="criteriaSetId" label={t('criteria.assessments.set')} rules={[{ required: true }]}>
          <Select
            options={(sets.data ?? []).map((s) => ({ value: s.id, label: `${s.name} (v${s.version})` }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function CommuneTable() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [year, setYear] = useState(new Date().getFullYear());
  const overview = useOverview(year);
  return (
    <Card
      title={t('criteria.overview.title')}
      extra={
        <Space>
          <InputNumber
            aria-label={t('criteria.year')}
            min={2026}
            max={2030}
            value={year}
            onChange={(v) => v && setYear(v)}
          />
          <Button
            icon={<DownloadOutlined />}
            onClick={() =>
              downloadFile('/api/level-overview.xlsx', { year }).catch((e) => message.error(errorMessage(e)))
            }
          >
            {t('criteria.overview.xlsx')}
          </Button>
        </Space>
      }
    >
      {overview.error ? <QueryError error={overview.error} /> : null}
      <Table<OverviewRow>
        rowKey="communeId"
        loading={overview.isLoading}
        dataSource={overview.data ?? []}
        pagination={false}
        scroll={{ x: 900 }}
        columns={[
          {
            title: t('criteria.commune'),
            dataIndex: 'communeName',
            render: (v, r) => (r.assessmentId ? <Link to={`/assessments/${r.assessmentId}`}>{v}</Link> : v),
          },
          {
            title: t('criteria.registration.level'),
            dataIndex: 'registeredLevel',
            render: (l) => <LevelText level={l} />,
          },
          {
            title: t('criteria.registration.onTime'),
            dataIndex: 'registrationOnTime',
            render: (v: boolean | null) =>
              v === null ? (
                <Tag>{t('criteria.overview.notRegistered')}</Tag>
              ) : (
                <Tag color={v ? 'green' : 'red'}>
                  {v ? t('criteria.registration.yes') : t('criteria.registration.late')}
                </Tag>
              ),
          },
          {
            title: t('criteria.overview.submittedBefore1211'),
            dataIndex: 'submissionOnTime',
            render: (v: boolean | null, r) =>
              v === null ? (
                <Tag>{t('criteria.overview.notSubmitted')}</Tag>
              ) : (
                <Tag color={v ? 'green' : 'red'}>
                  {v ? t('criteria.registration.yes') : t('criteria.registration.late')}
                  {r.submittedAt ? ` · ${formatDay(vietnamDate(new Date(r.submittedAt)))}` : ''}
                </Tag>
              ),
          },
          {
            title: t('criteria.assessments.status'),
            dataIndex: 'statusLabel',
            render: (v, r) => <StatusTag status={r.status} label={v} />,
          },
          { title: t('criteria.total'), dataIndex: 'total', render: points },
          { title: t('criteria.levelNow'), dataIndex: 'level', render: (l) => <LevelText level={l} /> },
          {
            title: t('criteria.recognised'),
            dataIndex: 'recognisedLevel',
            render: (l) => <LevelText level={l} />,
          },
          {
            title: t('criteria.decision'),
            dataIndex: 'decisionNumber',
            render: (v, r) => (v ? `${v} (${r.decisionDate ?? ''})` : ''),
          },
        ]}
      />
    </Card>
  );
}

function HistoryCard() {
  const { t } = useTranslation();
  const history = useHistory(true);
  return (
    <Card title={t('criteria.history.title')} style={{ marginTop: 16 }}>
      <Table
        rowKey="year"
        size="small"
        pagination={false}
        loading={history.isLoading}
        dataSource={history.data?.years ?? []}
        columns={[
          { title: t('criteria.year'), dataIndex: 'year' },
          {
            title: t('criteria.history.planTarget'),
            dataIndex: 'planTarget',
            render: (l) => <LevelText level={l} />,
          },
          {
            title: t('criteria.registration.level'),
            dataIndex: 'registeredLevel',
            render: (l) => <LevelText level={l} />,
          },
          { title: t('criteria.levelNow'), dataIndex: 'selfLevel', render: (l) => <LevelText level={l} /> },
          {
            title: t('criteria.recognised'),
            dataIndex: 'recognisedLevel',
            render: (l) => <LevelText level={l} />,
          },
          {
            title: t('criteria.history.vsTarget'),
            key: 'vs',
            render: (_, r) => {
              const got = r.recognisedLevel ?? r.selfLevel;
              if (r.planTarget === null || got === null) return '';
              return got >= r.planTarget ? (
                <Tag color="green">{t('criteria.history.met')}</Tag>
              ) : (
                <Tag color="red">{t('criteria.history.below')}</Tag>
              );
            },
          },
        ]}
      />
    </Card>
  );
}

export default function AssessmentsPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('criteria.nav.assessments'));
  const me = useSession();
  const list = useAssessments();
  const [opening, setOpening] = useState(false);
  const city = isCityLevel(me);
  return (
    <>
      <PageHeader
        title={t('criteria.nav.assessments')}
        subtitle={t('criteria.assessments.subtitle')}
        extra={
          can(me, 'criteria.coordinate') ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpening(true)}>
              {t('criteria.assessments.open')}
            </Button>
          ) : null
        }
      />
      {city ? <CommuneTable /> : null}
      {list.error ? <QueryError error={list.error} onRetry={() => list.refetch()} /> : null}
      {!city ? (
        <Table<AssessmentSummary>
          rowKey="id"
          loading={list.isLoading}
          dataSource={list.data ?? []}
          pagination={false}
          columns={[
            {
              title: t('criteria.year'),
              dataIndex: 'year',
              render: (v, r) => (
                <Link to={`/assessments/${r.id}`}>{t('criteria.assessments.ofYear', { year: v })}</Link>
              ),
            },
            { title: t('criteria.assessments.set'), dataIndex: 'criteriaSet' },
            {
              title: t('criteria.assessments.status'),
              dataIndex: 'statusLabel',
              render: (v, r) => <StatusTag status={r.status} label={v} />,
            },
            {
              title: t('criteria.recognised'),
              dataIndex: 'recognisedLevel',
              render: (l) => <LevelText level={l} />,
            },
          ]}
        />
      ) : null}
      {!city ? <HistoryCard /> : null}
      <OpenModal open={opening} onClose={() => setOpening(false)} />
    </>
  );
}
