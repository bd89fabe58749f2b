import {
  App,
  Button,
  Card,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Switch,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../api/client';
import { HolidayEditor } from '../calendar/HolidayEditor';
import { QueryError } from '../shared/feedback';
import { PageHeader } from '../shared/PageHeader';
import { useDocumentTitle } from '../shared/useDocumentTitle';
import { type Category, useFeedbackCategories, useHolidays, useSaveCategory, useSaveHolidays } from './api';

function CategoryModal({ category, onClose }: { category: Category | 'new'; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const save = useSaveCategory();
  const [form] = Form.useForm();
  const isNew = category === 'new';
  return (
    <Modal
      open
      title={isNew ? t('feedback.settings.addCategory') : category.name}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={isNew ? { deadlineDays: 10, isActive: true } : category}
        onFinish={(v) =>
          save.mutate(isNew ? v : { ...v, id: category.id }, {
            onSuccess: () => {
              message.success(t('feedback.done'));
              onClose();
            },
            onError: (err) => message.error(errorMessage(err)),
          })
        }
      >
        <Form.Item
          name="code"
          label={t('feedback.settings.code')}
          rules={[
            { required: true, pattern: /^[a-z0-9_-]{1,40}$/, message: t('feedback.settings.codeRule') },
          ]}
        >
          <Input />
        </Form.Item>
        <Form.Item
          name="name"
          label={t('feedback.category')}
          rules={[{ required: true, whitespace: true, message: t('feedback.required') }]}
        >
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item
          name="deadlineDays"
          label={t('feedback.settings.deadlineDays')}
          rules={[{ required: true, message: t('feedback.required') }]}
        >
          <InputNumber min={0} max={90} />
        </Form.Item>
        <Form.Item name="isActive" label={t('feedback.settings.active')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Categories with their deadline in working days, and the commune's own days off. */
export default function FeedbackSettingsPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('feedback.nav.settings'));
  const { message } = App.useApp();
  const categories = useFeedbackCategories(undefined);
  const holidays = useHolidays(undefined);
  const saveHolidays = useSaveHolidays();
  const [editing, setEditing] = useState<Category | 'new' | null>(null);
  const write = (days: { day: string; name: string }[]) =>
    saveHolidays.mutate(days, {
      onSuccess: () => message.success(t('feedback.done')),
      onError: (err) => message.error(errorMessage(err)),
    });

  return (
    <>
      <PageHeader title={t('feedback.nav.settings')} subtitle={t('feedback.settings.subtitle')} />
      <Flex vertical gap={16}>
        <Card
          title={t('feedback.settings.categories')}
          extra={
            <Button type="primary" onClick={() => setEditing('new')}>
              {t('feedback.settings.addCategory')}
            </Button>
          }
        >
          {categories.error ? (
            <QueryError error={categories.error} />
          ) : (
            <Table<Category>
              rowKey="id"
              size="small"
              pagination={false}
              loading={categories.isLoading}
              dataSource={categories.data ?? []}
              onRow={(c) => ({ onClick: () => setEditing(c), style: { cursor: 'pointer' } })}
              columns={[
                { title: t('feedback.category'), dataIndex: 'name' },
                { title: t('feedback.settings.code'), dataIndex: 'code', width: 200 },
                { title: t('feedback.settings.deadlineDays'), dataIndex: 'deadlineDays', width: 180 },
                {
                  title: t('feedback.settings.active'),
                  dataIndex: 'isActive',
                  width: 120,
                  render: (v: boolean) =>
                    v ? (
                      <Tag color="green">{t('feedback.settings.on')}</Tag>
                    ) : (
                      <Tag>{t('feedback.settings.off')}</Tag>
                    ),
                },
              ]}
            />
          )}
        </Card>
        <Card title={t('feedback.settings.holidays')}>
          <Typography.Paragraph type="secondary">{t('feedback.settings.holidaysHint')}</Typography.Paragraph>
          <HolidayEditor
            rows={(holidays.data ?? []).map((h) => ({ day: h.day, name: h.name, fixed: h.scope === 'city' }))}
            loading={holidays.isLoading}
            saving={saveHolidays.isPending}
            addLabel={t('feedback.settings.addHoliday')}
            editableTag={t('feedback.settings.communeList')}
            fixedTag={t('feedback.settings.cityList')}
            onSave={write}
          />
        </Card>
      </Flex>
      {editing && <CategoryModal category={editing} onClose={() => setEditing(null)} />}
    </>
  );
}
