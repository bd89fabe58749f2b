import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { App, Button, Card, Form, Input, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, errorMessage } from '../../api/client';
import { QueryError } from '../shared/feedback';
import { formatDateTime } from '../shared/format';
import { useSatisfactionWrite } from './api';

interface Version {
  id: string;
  version: number;
  title: string;
  elements: { key: string; name: string; questions: { key: string; text: string }[] }[];
  isActive: boolean;
  responses: number;
  createdAt: string;
}
type Values = Pick<Version, 'title' | 'elements'>;

/** Questionnaires are versioned data: saving the form makes a new version, which becomes the active one. */
export function QuestionnaireTab({
  communeId,
  enabled,
}: {
  communeId: string | undefined;
  enabled: boolean;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const versions = useQuery({
    queryKey: ['satisfaction', 'questionnaires', communeId],
    queryFn: () => api.get<Version[]>('/api/questionnaires', { communeId }),
    enabled,
  });
  const save = useSatisfactionWrite((v: Values) =>
    api.post<{ version: number }>('/api/questionnaires', { ...v, communeId }),
  );
  const [form] = Form.useForm<Values>();
  if (versions.error) return <QueryError error={versions.error} />;
  if (!versions.data) return null;
  const active = versions.data.find((v) => v.isActive);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Text type="secondary">{t('satisfaction.questionnaireHelp')}</Typography.Text>
      <Space wrap>
        {versions.data.map((v) => (
          <Tag key={v.id} color={v.isActive ? 'blue' : 'default'}>
            {t('satisfaction.version', { n: v.version })} · {formatDateTime(v.createdAt)} ·{' '}
            {t('satisfaction.responses', { n: v.responses })}
          </Tag>
        ))}
      </Space>
      <Form
        form={form}
        layout="vertical"
        key={active?.id ?? 'new'}
        initialValues={
          active ? { title: active.title, elements: active.elements } : { title: '', elements: [] }
        }
        onFinish={async (values) => {
          try {
            const r = await save.mutateAsync(values);
            message.success(t('satisfaction.versionSaved', { n: (r as { version: number }).version }));
          } catch (err) {
            message.error(errorMessage(err));
          }
        }}
      >
        <Form.Item
          name="title"
          label={t('satisfaction.questionnaireTitle')}
          rules={[{ required: true, whitespace: true }]}
        >
          <Input maxLength={300} />
        </Form.Item>
        <Form.List name="elements">
          {(elements, { add, remove }) => (
            <>
              {elements.map((el) => (
                <Card
                  key={el.key}
                  size="small"
                  style={{ marginBottom: 12 }}
                  extra={
                    <Button
                      type="text"
                      danger
                      icon={<MinusCircleOutlined />}
                      onClick={() => remove(el.name)}
                      aria-label={t('satisfaction.removeElement')}
                    />
                  }
                  title={
                    <Space>
                      <Form.Item name={[el.name, 'key']} noStyle rules={[{ required: true }]}>
                        <Input
                          placeholder={t('satisfaction.key')}
                          style={{ width: 140 }}
                          aria-label={t('satisfaction.key')}
                        />
                      </Form.Item>
                      <Form.Item
                        name={[el.name, 'name']}
                        noStyle
                        rules={[{ required: true, whitespace: true }]}
                      >
                        <Input
                          placeholder={t('satisfaction.elementName')}
                          style={{ width: 360 }}
                          aria-label={t('satisfaction.elementName')}
                        />
                      </Form.Item>
                    </Space>
                  }
                >
                  <Form.List name={[el.name, 'questions']}>
                    {(questions, q) => (
                      <>
                        {questions.map((qu) => (
                          <Space key={qu.key} align="baseline" style={{ display: 'flex' }}>
                            <Form.Item name={[qu.name, 'key']} rules={[{ required: true }]}>
                              <Input
                                placeholder={t('satisfaction.key')}
                                style={{ width: 140 }}
                                aria-label={t('satisfaction.key')}
                              />
                            </Form.Item>
                            <Form.Item
                              name={[qu.name, 'text']}
                              rules={[{ required: true, whitespace: true }]}
                              style={{ flex: 1 }}
                            >
                              <Input
                                placeholder={t('satisfaction.questionText')}
                                style={{ width: 480 }}
                                aria-label={t('satisfaction.questionText')}
                              />
                            </Form.Item>
                            <MinusCircleOutlined
                              onClick={() => q.remove(qu.name)}
                              aria-label={t('satisfaction.removeQuestion')}
                            />
                          </Space>
                        ))}
                        <Button
                          type="dashed"
                          icon={<PlusOutlined />}
                          onClick={() => q.add({ key: '', text: '' })}
                        >
                          {t('satisfaction.addQuestion')}
                        </Button>
                      </>
                    )}
                  </Form.List>
                </Card>
              ))}
              <Button
                type="dashed"
                icon={<PlusOutlined />}
                onClick={() => add({ key: '', name: '', questions: [] })}
              >
                {t('satisfaction.addElement')}
              </Button>
            </>
          )}
        </Form.List>
        <Button type="primary" htmlType="submit" loading={save.isPending} style={{ marginTop: 16 }}>
          {t('satisfaction.saveVersion')}
        </Button>
      </Form>
    </Space>
  );
}
