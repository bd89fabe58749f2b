import { type Assessment, assessments, type YearTable } from '@cqtt/contract/villages';
import { VILLAGE_MODEL_ITEMS } from '@cqtt/domain/villages/villages';
import { App, Button, Flex, Input, Space, Statistic, Table, Tag, Tooltip } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../api/client';
import { useCall, useSend } from '../../api/queries';
import { useSession } from '../auth/session';
import { mayCall } from '../permissions';
import { useParam, useYearParam, YearPicker } from '../plans/ui';
import { CommunePicker, CommuneRequired, useCommuneScope } from '../shared/CommunePicker';
import { QueryError } from '../shared/feedback';
import { formatNumber, formatShare } from '../shared/format';
import { PageHeader } from '../shared/PageHeader';
import { DownloadButton } from '../shared/register/actions';
import { useDebounced } from '../shared/useDebounced';
import { useDocumentTitle } from '../shared/useDocumentTitle';
import { EnterModal, ReviewModal } from './AssessmentDialogs';

type Row = YearTable['villages'][number];

/** The year's table of the villages' "Thôn văn hóa" assessments: every active village, entered or not. */
export default function YearTablePage() {
  const { t } = useTranslation();
  useDocumentTitle(t('villages.title'));
  const me = useSession();
  const { message } = App.useApp();
  const scope = useCommuneScope();
  const [year, setYear] = useYearParam();
  const [q, setQ] = useParam('q');
  const search = useDebounced(q ?? '', 300);
  const query = { communeId: scope.communeId, year, q: search || undefined };
  const table = useCall(assessments.yearTable, { query }, { enabled: scope.ready });
  const [entering, setEntering] = useState<Row | null>(null);
  const [reviewing, setReviewing] = useState<Assessment | null>(null);
  const mayReview = mayCall(me, assessments.review);
  const mayAssess = mayCall(me, assessments.create);
  const submit = useSend(assessments.submit, { invalidates: [assessments.yearTable] });
  const data = table.data;
  return (
    <>
      <PageHeader
        title={t('villages.title')}
        subtitle={t('villages.subtitle')}
        extra={
          <>
            {scope.cityLevel ? <CommunePicker value={scope.communeId} onChange={scope.setCommuneId} /> : null}
            <YearPicker value={year} onChange={setYear} />
            <DownloadButton
              endpoint={assessments.exportXlsx}
              input={{ query }}
              fileName={`thon-van-hoa-${year}.xlsx`}
            >
              {t('villages.exportXlsx')}
            </DownloadButton>
          </>
        }
      />
      <CommuneRequired scope={scope}>
        <Flex gap={24} wrap style={{ marginBottom: 16 }}>
          <Statistic
            title={t('villages.recognised')}
            value={data ? `${data.recognised}/${data.activeVillages}` : '—'}
          />
          <Statistic title={t('villages.share')} value={data ? formatShare(data.cultureTitleShare) : '—'} />
          <Input.Search
            allowClear
            aria-label={t('villages.search')}
            placeholder={t('villages.search')}
            defaultValue={q}
            onChange={(e) => setQ(e.target.value || undefined)}
            style={{ maxWidth: 320, alignSelf: 'center' }}
          />
        </Flex>
        {table.error ? <QueryError error={table.error} onRetry={() => table.refetch()} /> : null}
        <Table<Row>
          rowKey={(r) => r.village.id}
          size="small"
          loading={table.isLoading}
          pagination={false}
          scroll={{ x: 900 }}
          dataSource={data?.villages ?? []}
          columns={[
            {
              title: t('villages.village'),
              key: 'village',
              render: (_: unknown, r: Row) => r.village.name,
            },
            {
              title: t('villages.households'),
              key: 'h',
              align: 'right',
              render: (_: unknown, r: Row) => (r.assessment ? formatNumber(r.assessment.households) : '—'),
            },
            {
              title: t('villages.culturalFamilies'),
              key: 'f',
              align: 'right',
              render: (_: unknown, { assessment: a }: Row) =>
                a
                  ? `${formatNumber(a.culturalFamilies)}${a.culturalFamilyShare === null ? '' : ` (${formatShare(a.culturalFamilyShare)})`}`
                  : '—',
            },
            {
              title: t('villages.modelItems'),
              key: 'm',
              render: (_: unknown, { assessment: a }: Row) =>
                a ? (
                  <Tooltip
                    title={
                      VILLAGE_MODEL_ITEMS.filter((i) => !a.modelItems.includes(i.key))
                        .map((i) => i.label)
                        .join('; ') || undefined
                    }
                  >
                    {a.modelItems.length}/{VILLAGE_MODEL_ITEMS.length}
                  </Tooltip>
                ) : (
                  '—'
                ),
            },
            {
              title: t('villages.result'),
              key: 'r',
              render: (_: unknown, r: Row) => <Result assessment={r.assessment} />,
            },
            {
              title: '',
              key: 'actions',
              width: 220,
              render: (_: unknown, r: Row) => {
                const a = r.assessment;
                return (
                  <Space wrap>
                    {mayAssess && r.mayEnter && (a?.status !== 'reviewed' || mayReview) ? (
                      <Button size="small" onClick={() => setEntering(r)}>
                        {a ? t('villages.edit') : t('villages.enter')}
                      </Button>
                    ) : null}
                    {a && a.status === 'draft' && mayAssess && r.mayEnter ? (
                      <Button
                        size="small"
                        loading={submit.isPending}
                        onClick={() =>
                          submit.mutate(
                            { params: { id: a.id } },
                            { onError: (err) => message.error(errorMessage(err)) },
                          )
                        }
                      >
                        {t('villages.submit')}
                      </Button>
                    ) : null}
                    {a && mayReview ? (
                      <Button size="small" type="primary" onClick={() => setReviewing(a)}>
                        {t('villages.review')}
                      </Button>
                    ) : null}
                  </Space>
                );
              },
            },
          ]}
        />
      </CommuneRequired>
      {entering ? (
        <EnterModal
          row={entering}
          year={year}
          communeId={scope.communeId}
          onClose={() => setEntering(null)}
        />
      ) : null}
      {reviewing ? <ReviewModal assessment={reviewing} onClose={() => setReviewing(null)} /> : null}
    </>
  );
}

function Result({ assessment: a }: { assessment: Assessment | null }) {
  const { t } = useTranslation();
  if (!a) return <Tag>{t('villages.notEntered')}</Tag>;
  if (a.titleAchieved === true) return <Tag color="green">Thôn văn hóa</Tag>;
  if (a.titleAchieved === false) return <Tag color="volcano">{t('villages.notAchieved')}</Tag>;
  return <Tag color={a.status === 'submitted' ? 'gold' : 'default'}>{t(`villages.status.${a.status}`)}</Tag>;
}
