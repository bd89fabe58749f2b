import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Flex, Select, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, errorMessage, request } from '../../api/client';

const CHOICES = [60, 30, 14, 7, 3, 2, 1];

/**
 * How many days before a due date the lead and coordinating units are reminded (a notification
 * and a mail), for the commune; the coordinator changes it here (server: plans/reminder-settings).
 */
export function ReminderSettingsCard({ communeId }: { communeId: string | undefined }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const key = ['settings', 'reminders', communeId ?? 'own'];
  const settings = useQuery({
    queryKey: key,
    queryFn: () => api.get<{ offsets: number[] }>('/api/settings/reminders', { communeId }),
  });
  const [offsets, setOffsets] = useState<number[]>([]);
  useEffect(() => {
    if (settings.data) setOffsets(settings.data.offsets);
  }, [settings.data]);
  const save = useMutation({
    mutationFn: (list: number[]) =>
      request<{ offsets: number[] }>('PUT', '/api/settings/reminders', {
        body: { communeId, offsets: list },
      }),
    onSuccess: (saved) => {
      queryClient.setQueryData(key, saved);
      message.success(t('plans.reminders.saved'));
    },
    onError: (err) => message.error(errorMessage(err)),
  });
  const options = [...new Set([...CHOICES, ...offsets])]
    .sort((a, b) => b - a)
    .map((n) => ({ value: n, label: t('plans.reminders.daysBefore', { count: n }) }));
  return (
    <Card title={t('plans.reminders.title')} style={{ marginTop: 16 }}>
      <Typography.Paragraph type="secondary">{t('plans.reminders.hint')}</Typography.Paragraph>
      <Flex gap={8} wrap align="center">
        <Select
          mode="multiple"
          aria-label={t('plans.reminders.title')}
          style={{ minWidth: 360 }}
          loading={settings.isLoading}
          value={offsets}
          onChange={(v: number[]) => setOffsets(v)}
          options={options}
          placeholder={t('plans.reminders.none')}
          maxCount={5}
        />
        <Button type="primary" loading={save.isPending} onClick={() => save.mutate(offsets)}>
          {t('common.save')}
        </Button>
      </Flex>
    </Card>
  );
}
