import { FileWordOutlined, PlusOutlined } from '@ant-design/icons';
import { type Reward, rewards } from '@cqtt/contract/rewards';
import { REWARD_STATUSES } from '@cqtt/domain/rewards/rewards';
import { Button, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../auth/session';
import { mayCall } from '../permissions';
import { useParam, useYearParam, YearPicker } from '../plans/ui';
import { CommunePicker, CommuneRequired, useCommuneScope } from '../shared/CommunePicker';
import { FileLinks } from '../shared/FileLinks';
import { formatDate } from '../shared/format';
import { PageHeader } from '../shared/PageHeader';
import { DownloadButton } from '../shared/register/actions';
import { FilterBar } from '../shared/register/FilterBar';
import { oneOf } from '../shared/register/fields';
import { RegisterTable } from '../shared/register/RegisterTable';
import { useDebounced } from '../shared/useDebounced';
import { useDocumentTitle } from '../shared/useDocumentTitle';
import { type RewardDialog, RewardDialogs } from './RewardDialogs';

const STATUS_COLOR = { nominated: 'gold', awarded: 'green', declined: 'default' } as const;

export default function RewardsPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('rewards.title'));
  const me = useSession();
  const scope = useCommuneScope();
  const [year, setYear] = useYearParam();
  const [q, setQ] = useParam('q');
  const [status, setStatus] = useParam('status');
  const search = useDebounced(q ?? '', 300);
  const query = {
    communeId: scope.communeId,
    year,
    q: search || undefined,
    status: oneOf(REWARD_STATUSES, status),
  };
  const [dialog, setDialog] = useState<RewardDialog | null>(null);
  const open = (kind: 'edit' | 'comment' | 'decide', reward: Reward) => () => setDialog({ kind, reward });
  return (
    <>
      <PageHeader
        title={t('rewards.title')}
        subtitle={t('rewards.subtitle')}
        extra={
          <>
            {scope.cityLevel ? <CommunePicker value={scope.communeId} onChange={scope.setCommuneId} /> : null}
            <YearPicker value={year} onChange={setYear} />
            <DownloadButton
              endpoint={rewards.exportXlsx}
              input={{ query }}
              fileName={`khen-thuong-${year}.xlsx`}
            >
              {t('rewards.exportXlsx')}
            </DownloadButton>
            {mayCall(me, rewards.create) && scope.ready ? (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'nominate' })}>
                {t('rewards.nominate')}
              </Button>
            ) : null}
          </>
        }
      />
      <CommuneRequired scope={scope}>
        <FilterBar
          search={{ label: t('rewards.search'), value: q, onChange: setQ }}
          selects={[
            {
              label: t('rewards.status'),
              placeholder: t('rewards.allStatuses'),
              value: status,
              onChange: setStatus,
              options: REWARD_STATUSES.map((s) => ({ value: s, label: t(`rewards.statuses.${s}`) })),
            },
          ]}
        />
        <RegisterTable
          list={rewards.list}
          query={query}
          enabled={scope.ready}
          columns={[
            {
              title: t('rewards.nominee'),
              key: 'n',
              render: (_: unknown, r: Reward) => (
                <div>
                  <strong>{r.nomineeName}</strong> <Tag>{r.nomineeKindLabel}</Tag>
                  {r.nomineePosition ? <div style={{ fontSize: 12 }}>{r.nomineePosition}</div> : null}
                </div>
              ),
            },
            {
              title: t('rewards.achievements'),
              key: 'achievements',
              render: (_: unknown, r: Reward) => (
                <div>
                  <div>{r.achievements}</div>
                  {r.files.length > 0 ? <FileLinks files={r.files} /> : null}
                </div>
              ),
            },
            { title: t('rewards.mttqComment'), dataIndex: 'mttqComment', width: 200 },
            {
              title: t('rewards.decision'),
              key: 'd',
              width: 230,
              render: (_: unknown, r: Reward) => (
                <div>
                  <Tag color={STATUS_COLOR[r.status]}>{r.statusLabel}</Tag>
                  {r.status === 'awarded' ? (
                    <div style={{ fontSize: 12 }}>
                      {r.form} — {r.decisionNumber} ({formatDate(r.decisionDate)})
                    </div>
                  ) : null}
                  {r.decisionNote ? (
                    <Typography.Text type="secondary">{r.decisionNote}</Typography.Text>
                  ) : null}
                </div>
              ),
            },
            {
              title: '',
              key: 'a',
              width: 200,
              render: (_: unknown, r: Reward) => (
                <Space wrap>
                  {r.status === 'nominated' && mayCall(me, rewards.update) ? (
                    <Button size="small" onClick={open('edit', r)}>
                      {t('rewards.edit')}
                    </Button>
                  ) : null}
                  {r.status === 'nominated' && mayCall(me, rewards.comment) ? (
                    <Button size="small" onClick={open('comment', r)}>
                      {t('rewards.comment')}
                    </Button>
                  ) : null}
                  {r.status === 'nominated' && mayCall(me, rewards.decide) ? (
                    <Button size="small" type="primary" onClick={open('decide', r)}>
                      {t('rewards.decide')}
                    </Button>
                  ) : null}
                  {r.status === 'awarded' ? (
                    <DownloadButton
                      size="small"
                      icon={<FileWordOutlined />}
                      endpoint={rewards.decisionDocx}
                      input={{ params: { id: r.id } }}
                      fileName="quyet-dinh.docx"
                    >
                      {t('rewards.decisionDocx')}
                    </DownloadButton>
                  ) : null}
                </Space>
              ),
            },
          ]}
        />
      </CommuneRequired>
      {dialog ? (
        <RewardDialogs
          dialog={dialog}
          year={year}
          communeId={scope.communeId}
          onClose={() => setDialog(null)}
        />
      ) : null}
    </>
  );
}
