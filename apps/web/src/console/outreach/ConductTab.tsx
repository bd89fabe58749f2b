import { type ConductCode, conduct } from '@cqtt/contract/outreach';
import { Alert, App, Button, Card, Col, Flex, Form, Input, Popconfirm, Row, Typography } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useCall, useSend } from '../../api/queries';
import { useSession } from '../auth/session';
import { mayCall } from '../permissions';
import { QueryError } from '../shared/feedback';
import { formatDateTime } from '../shared/format';
import { applyApiErrorToForm } from '../shared/formErrors';
import type { OutreachFilters } from './filters';

const GROUPS = [
  { key: 'xin', title: '4 xin' },
  { key: 'luon', title: '4 luôn' },
  { key: 'khong', title: '5 không' },
] as const;
type Wording = Record<(typeof GROUPS)[number]['key'], string[]>;
const FIELDS = GROUPS.flatMap((g) => Array.from({ length: 5 }, (_, i) => `${g.key}.${i}`));

const wordingOf = (c: ConductCode): Wording => ({
  xin: c.xin.map((i) => i.label),
  luon: c.luon.map((i) => i.label),
  khong: c.khong.map((i) => i.label),
});

/**
 * The commune's wording of “4 xin, 4 luôn, 5 không”: what its pano, citizens' pages, rating form
 * and figures say. Phòng VH-XH rewords an item in its place; the ratings keep counting for it.
 */
export function ConductTab({ f }: { f: OutreachFilters }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useSession();
  const [form] = Form.useForm<Wording>();
  const result = useCall(
    conduct.get,
    { query: { communeId: f.scope.communeId } },
    { enabled: f.scope.ready },
  );
  const save = useSend(conduct.update, { invalidates: [conduct.get] });
  const reset = useSend(conduct.reset, { invalidates: [conduct.get] });
  const mayEdit = mayCall(me, conduct.update);
  const data = result.data;
  useEffect(() => {
    if (data) form.setFieldsValue(wordingOf(data));
  }, [data, form]);
  if (result.error) return <QueryError error={result.error} onRetry={() => result.refetch()} />;
  if (!data) return null;
  const onFinish = (values: Wording) =>
    save.mutate(
      { body: { communeId: f.scope.communeId, ...values } },
      {
        onSuccess: () => void message.success(t('outreach.conductSaved')),
        onError: (err) => {
          if (!applyApiErrorToForm(form, err, FIELDS)) void message.error(err.message);
        },
      },
    );
  return (
    <Form
      form={form}
      layout="vertical"
      onFinish={onFinish}
      disabled={!mayEdit}
      aria-label={t('outreach.tabConduct')}
    >
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title={
          data.isDefault
            ? t('outreach.conductDefault')
            : t('outreach.conductOwn', { at: formatDateTime(data.updatedAt ?? '') })
        }
        description={t('outreach.conductHint')}
      />
      <Row gutter={[16, 16]}>
        {GROUPS.map((g) => (
          <Col key={g.key} xs={24} lg={8}>
            <Card size="small" title={g.title}>
              {data[g.key].map((item, i) => (
                <Form.Item
                  key={item.key}
                  name={[g.key, i]}
                  label={t('outreach.conductItem', { n: i + 1 })}
                  rules={[{ required: true, whitespace: true, message: t('outreach.conductRequired') }]}
                >
                  <Input maxLength={200} />
                </Form.Item>
              ))}
            </Card>
          </Col>
        ))}
      </Row>
      {mayEdit ? (
        <Flex gap={8} justify="flex-end" style={{ marginTop: 16 }}>
          {!data.isDefault ? (
            <Popconfirm
              title={t('outreach.conductResetConfirm')}
              onConfirm={() =>
                reset.mutate(
                  { query: { communeId: f.scope.communeId } },
                  { onSuccess: () => void message.success(t('outreach.conductSaved')) },
                )
              }
            >
              <Button loading={reset.isPending}>{t('outreach.conductReset')}</Button>
            </Popconfirm>
          ) : null}
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            {t('outreach.conductSave')}
          </Button>
        </Flex>
      ) : (
        <Typography.Paragraph type="secondary">{t('outreach.conductReadOnly')}</Typography.Paragraph>
      )}
    </Form>
  );
}
