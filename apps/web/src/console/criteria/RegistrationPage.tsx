import { Alert, App, Button, Card, Form, Input, InputNumber, Select, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../api/client';
import { useSession } from '../auth/session';
import { can, isCityLevel } from '../permissions';
import { QueryError } from '../shared/feedback';
import { formatDateTime } from '../shared/format';
import { PageHeader } from '../shared/PageHeader';
import { useDocumentTitle } from '../shared/useDocumentTitle';
import {
  type CriteriaSetSummary,
  type Registration,
  useCriteriaSets,
  useRegister,
  useRegistrations,
} from './api';
import { LevelText } from './ui';

/**
 * How many levels the set in effect for the year defines (the latest to take effect by the
 * year's end, the last imported of that date: as the server checks); 4 while the city has none.
 */
function levelsInEffect(sets: CriteriaSetSummary[] | undefined, year: number): number {
  const inEffect = (sets ?? [])
    .filter((s) => s.effectiveFrom <= `${year}-12-31`)
    .sort(
      (a, b) => b.effectiveFrom.localeCompare(a.effectiveFrom) || b.createdAt.localeCompare(a.createdAt),
    )[0];
  return inEffect?.levelCount ?? 4;
}

export default function RegistrationPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('criteria.nav.registration'));
  const me = useSession();
  const { message } = App.useApp();
  const list = useRegistrations();
  const register = useRegister();
  const [form] = Form.useForm();
  const thisYear = new Date().getFullYear();
  const sets = useCriteriaSets();
  const year = Form.useWatch('year', form) ?? thisYear + 1;
  const levelCount = levelsInEffect(sets.data, year);

  async function onFinish(values: { year: number; targetLevel: number; justification: string }) {
    try {
      const r = await register.mutateAsync(values);
      message.success(r.onTime ? t('criteria.registration.sentOnTime') : t('criteria.registration.sentLate'));
    } catch (error) {
      message.error(errorMessage(error));
    }
  }

  return (
    <>
      <PageHeader title={t('criteria.nav.registration')} subtitle={t('criteria.registration.subtitle')} />
      {can(me, 'criteria.coordinate') ? (
        <Card title={t('criteria.registration.form')} style={{ marginBottom: 16, maxWidth: 720 }}>
          <Form
            form={form}
            layout="vertical"
            onFinish={onFinish}
            initialValues={{ year: thisYear + 1, targetLevel: 3 }}
          >
            <Form.Item name="year" label={t('criteria.year')} rules={[{ required: true }]}>
              <InputNumber min={2026} max={2030} />
            </Form.Item>
            <Form.Item
              name="targetLevel"
              label={t('criteria.registration.level')}
              rules={[{ required: true }]}
            >
              <Select
                options={Array.from({ length: levelCount }, (_, i) => i + 1).map((l) => ({
                  value: l,
                  label: t('criteria.levelN', { level: l }),
                }))}
                style={{ width: 160 }}
              />
            </Form.Item>
            <Form.Item
              name="justification"
              label={t('criteria.registration.justification')}
              rules={[
                {
                  required: true,
                  whitespace: true,
                  message: t('criteria.registration.justificationRequired'),
                },
              ]}
            >
              <Input.TextArea rows={3} maxLength={5000} />
            </Form.Item>
            <Alert
              type="info"
              showIcon
              message={t('criteria.registration.deadline')}
              style={{ marginBottom: 12 }}
            />
            <Button type="primary" htmlType="submit" loading={register.isPending}>
              {t('criteria.registration.send')}
            </Button>
          </Form>
        </Card>
      ) : null}
      {list.error ? <QueryError error={list.error} onRetry={() => list.refetch()} /> : null}
      <Table<Registration>
        rowKey="id"
        loading={list.isLoading}
        dataSource={list.data ?? []}
        pagination={false}
        scroll={{ x: 700 }}
        columns={[
          ...(isCityLevel(me) ? [{ title: t('criteria.commune'), dataIndex: 'communeName' }] : []),
          { title: t('criteria.year'), dataIndex: 'year', width: 80 },
          {
            title: t('criteria.registration.level'),
            dataIndex: 'targetLevel',
            width: 100,
            render: (l: number) => <LevelText level={l} />,
          },
          { title: t('criteria.registration.justification'), dataIndex: 'justification' },
          {
            title: t('criteria.registration.sentAt'),
            dataIndex: 'sentAt',
            width: 170,
            render: (v: string) => formatDateTime(v),
          },
          {
            title: t('criteria.registration.onTime'),
            dataIndex: 'onTime',
            width: 120,
            render: (v: boolean) => (
              <Tag color={v ? 'green' : 'red'}>
                {v ? t('criteria.registration.yes') : t('criteria.registration.late')}
              </Tag>
            ),
          },
        ]}
      />
    </>
  );
}
