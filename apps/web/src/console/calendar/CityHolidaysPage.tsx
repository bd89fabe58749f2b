import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Card, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { api, errorMessage, request } from '../../api/client';
import { useYearParam, YearPicker } from '../plans/ui';
import { QueryError } from '../shared/feedback';
import { PageHeader } from '../shared/PageHeader';
import { useDocumentTitle } from '../shared/useDocumentTitle';
import { HolidayEditor } from './HolidayEditor';

/** Offer this year, the next two and the last: next year's Tết is entered ahead. */
const NOW = new Date().getFullYear();
const AHEAD = [{ periodFrom: NOW - 1, periodTo: NOW + 2 }];

interface Day {
  day: string;
  name: string;
}

/**
 * The city's days off, year by year (Sở Nội vụ): Tết moves with the lunar calendar and the
 * government decides each year's days, so next year's list is entered when it is known. Every
 * commune's working-day deadlines skip these days.
 */
export default function CityHolidaysPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('calendar.title'));
  const { message } = App.useApp();
  const [year, setYear] = useYearParam();
  const queryClient = useQueryClient();
  const days = useQuery({
    queryKey: ['city-holidays', year],
    queryFn: () => api.get<Day[]>('/api/city-holidays', { year }),
  });
  const save = useMutation({
    mutationFn: (list: Day[]) => request('PUT', '/api/city-holidays', { body: { year, days: list } }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['city-holidays'] });
      void queryClient.invalidateQueries({ queryKey: ['feedback', 'holidays'] });
      message.success(t('calendar.saved'));
    },
    onError: (err) => message.error(errorMessage(err)),
  });
  return (
    <>
      <PageHeader
        title={t('calendar.title')}
        subtitle={t('calendar.subtitle')}
        extra={<YearPicker value={year} onChange={setYear} plans={AHEAD} />}
      />
      <Card title={t('calendar.listOf', { year })}>
        <Typography.Paragraph type="secondary">{t('calendar.hint')}</Typography.Paragraph>
        {days.error ? (
          <QueryError error={days.error} />
        ) : (
          <HolidayEditor
            rows={days.data ?? []}
            loading={days.isLoading}
            saving={save.isPending}
            addLabel={t('calendar.add')}
            editableTag={null}
            fixedTag={null}
            pickerDefault={dayjs(`${year}-01-01`)}
            onSave={(list) => save.mutate(list)}
          />
        )}
      </Card>
    </>
  );
}
