import { Button, DatePicker, Flex, Input, Table, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { dayParam, formatDate } from '../shared/format';

export interface HolidayRow {
  day: string;
  name: string;
  /** Days that belong to another list (the city's, on a commune's page): shown, not editable. */
  fixed?: boolean;
}

/**
 * A list of days off with a line to add one and a button to remove each editable one. Every
 * change sends the whole editable list (the server replaces it in one audited write).
 */
export function HolidayEditor({
  rows,
  loading,
  saving,
  addLabel,
  editableTag,
  fixedTag,
  onSave,
  pickerDefault,
}: {
  rows: HolidayRow[];
  loading: boolean;
  saving: boolean;
  addLabel: string;
  /** The tag beside an editable day, and beside a fixed one (null: no list column). */
  editableTag: string | null;
  fixedTag: string | null;
  onSave: (days: { day: string; name: string }[]) => void;
  /** The month the date picker opens on. */
  pickerDefault?: Dayjs;
}) {
  const { t } = useTranslation();
  const [day, setDay] = useState<Dayjs | null>(null);
  const [name, setName] = useState('');
  const own = rows.filter((r) => !r.fixed).map((r) => ({ day: r.day, name: r.name }));
  return (
    <>
      <Flex gap={8} wrap style={{ marginBottom: 12 }}>
        <DatePicker
          value={day}
          onChange={setDay}
          format="DD/MM/YYYY"
          aria-label={t('feedback.settings.day')}
          {...(pickerDefault ? { defaultPickerValue: pickerDefault } : {})}
        />
        <Input
          style={{ width: 280 }}
          value={name}
          onChange={(e) => setName(e.target.value)}
          placeholder={t('feedback.settings.holidayName')}
          aria-label={t('feedback.settings.holidayName')}
        />
        <Button
          disabled={!day}
          loading={saving}
          onClick={() => {
            if (!day) return;
            onSave([...own, { day: dayParam(day), name: name.trim() }]);
            setDay(null);
            setName('');
          }}
        >
          {addLabel}
        </Button>
      </Flex>
      <Table<HolidayRow>
        rowKey={(h) => `${h.fixed ? 'fixed' : 'own'}-${h.day}`}
        size="small"
        pagination={{ pageSize: 20 }}
        loading={loading}
        dataSource={rows}
        columns={[
          {
            title: t('feedback.settings.day'),
            dataIndex: 'day',
            width: 140,
            render: (v: string) => formatDate(v),
          },
          { title: t('feedback.settings.holidayName'), dataIndex: 'name' },
          {
            title: editableTag || fixedTag ? t('feedback.settings.scope') : '',
            key: 'actions',
            width: 260,
            render: (_: unknown, h) =>
              h.fixed ? (
                fixedTag && <Tag>{fixedTag}</Tag>
              ) : (
                <Flex gap={8} align="center">
                  {editableTag && <Tag color="blue">{editableTag}</Tag>}
                  <Button
                    size="small"
                    danger
                    aria-label={`${t('feedback.settings.remove')} ${formatDate(h.day)}`}
                    onClick={() => onSave(own.filter((o) => o.day !== h.day))}
                  >
                    {t('feedback.settings.remove')}
                  </Button>
                </Flex>
              ),
          },
        ]}
      />
    </>
  );
}
