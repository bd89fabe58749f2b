import { PlusOutlined } from '@ant-design/icons';
import type { EndpointBody } from '@cqtt/contract/endpoint';
import { type Activity, activities, coverage, library } from '@cqtt/contract/outreach';
import { OUTREACH_KIND_LABELS, OUTREACH_KINDS } from '@cqtt/domain/outreach/outreach';
import { Button, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCall } from '../../api/queries';
import { useSession } from '../auth/session';
import { useVillages } from '../org/api';
import { can, mayCall } from '../permissions';
import { useParam } from '../plans/ui';
import { FileLinks } from '../shared/FileLinks';
import { formatDate, formatNumber } from '../shared/format';
import { DownloadButton, RowActions } from '../shared/register/actions';
import { FilterBar } from '../shared/register/FilterBar';
import { type Field, oneOf } from '../shared/register/fields';
import { RegisterEditor } from '../shared/register/RegisterFormModal';
import { RegisterTable } from '../shared/register/RegisterTable';
import { useDebounced } from '../shared/useDebounced';
import type { OutreachFilters } from './filters';

const KIND_OPTIONS = OUTREACH_KINDS.map((k) => ({ value: k, label: OUTREACH_KIND_LABELS[k] }));
/** A write changes the list and the coverage figures. */
const CHANGES = [activities.list, coverage];

export function ActivitiesTab({ f }: { f: OutreachFilters }) {
  const { t } = useTranslation();
  const me = useSession();
  const [kind, setKind] = useParam('kind');
  const [villageId, setVillageId] = useParam('villageId');
  const villages = useVillages(f.scope.communeId, f.scope.ready);
  const query = {
    communeId: f.scope.communeId,
    year: f.year,
    unitId: f.unitId,
    q: f.search || undefined,
    kind: oneOf(OUTREACH_KINDS, kind),
    villageId,
  };
  const [editing, setEditing] = useState<Activity | 'new' | null>(null);
  // the server checks the same: Phòng VH-XH, the one who recorded it, or the unit that held it
  const mayEdit = (a: Activity) =>
    can(me, 'outreach.manage') ||
    a.createdBy?.id === me.user.id ||
    (me.unit !== null && me.unit.id === a.unit?.id);
  return (
    <>
      <FilterBar
        selects={[
          {
            label: t('outreach.kind'),
            placeholder: t('outreach.allKinds'),
            value: kind,
            onChange: setKind,
            options: KIND_OPTIONS,
          },
          {
            label: t('outreach.village'),
            placeholder: t('outreach.allVillages'),
            value: villageId,
            onChange: setVillageId,
            options: (villages.data ?? []).map((v) => ({ value: v.id, label: v.name })),
            width: 180,
          },
        ]}
      >
        <DownloadButton
          endpoint={activities.exportXlsx}
          input={{ query }}
          fileName={`tuyen-truyen-${f.year}.xlsx`}
        >
          {t('outreach.exportXlsx')}
        </DownloadButton>
        {mayCall(me, activities.create) && f.scope.ready ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            {t('outreach.addActivity')}
          </Button>
        ) : null}
      </FilterBar>
      <RegisterTable
        list={activities.list}
        query={query}
        enabled={f.scope.ready}
        emptyText={t('outreach.emptyActivities')}
        columns={[
          {
            title: t('outreach.heldOn'),
            dataIndex: 'heldOn',
            width: 100,
            render: (v: string) => formatDate(v),
          },
          {
            title: t('outreach.kind'),
            dataIndex: 'kindLabel',
            width: 160,
            render: (v: string) => <Tag>{v}</Tag>,
          },
          {
            title: t('outreach.activity'),
            dataIndex: 'title',
            render: (_: unknown, a: Activity) => (
              <div>
                <div>{a.title}</div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {[a.place, a.village?.name, a.unit?.name].filter(Boolean).join(' · ')}
                </Typography.Text>
                {a.documents.length > 0 ? (
                  <div style={{ fontSize: 12 }}>
                    {t('outreach.spread')}: {a.documents.map((d) => d.number || d.title).join('; ')}
                  </div>
                ) : null}
                {a.isPublic ? <Tag color="blue">{t('outreach.public')}</Tag> : null}
              </div>
            ),
          },
          {
            title: t('outreach.audience'),
            dataIndex: 'audience',
            width: 100,
            align: 'right',
            render: (v: number | null) => (v === null ? '—' : formatNumber(v)),
          },
          {
            title: t('outreach.evidence'),
            key: 'files',
            width: 220,
            render: (_: unknown, a: Activity) => <FileLinks files={a.files} links={a.links} />,
          },
          {
            title: '',
            key: 'actions',
            width: 90,
            render: (_: unknown, a: Activity) =>
              mayEdit(a) ? (
                <RowActions
                  id={a.id}
                  onEdit={() => setEditing(a)}
                  remove={activities.remove}
                  invalidates={CHANGES}
                />
              ) : null,
          },
        ]}
      />
      {editing ? (
        <ActivityModal f={f} activity={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />
      ) : null}
    </>
  );
}

type ActivityBody = EndpointBody<typeof activities.create>;

function ActivityModal({
  f,
  activity,
  onClose,
}: {
  f: OutreachFilters;
  activity: Activity | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const me = useSession();
  const [docSearch, setDocSearch] = useState('');
  const search = useDebounced(docSearch, 300);
  const docs = useCall(library.list, {
    query: { communeId: f.scope.communeId, q: search || undefined, pageSize: 200 },
  });
  const fields = useMemo<Field<ActivityBody>[]>(() => {
    const known = new Map((activity?.documents ?? []).map((d) => [d.id, d]));
    for (const d of docs.data?.items ?? []) known.set(d.id, d);
    return [
      {
        name: 'kind',
        label: t('outreach.kind'),
        kind: 'select',
        required: true,
        span: 12,
        options: KIND_OPTIONS,
      },
      { name: 'heldOn', label: t('outreach.heldOn'), kind: 'date', required: true, span: 12 },
      { name: 'title', label: t('outreach.activity'), kind: 'text', required: true },
      { name: 'place', label: t('outreach.place'), kind: 'text', span: 12 },
      { name: 'villageId', label: t('outreach.village'), kind: 'village', span: 12 },
      { name: 'unitId', label: t('outreach.unit'), kind: 'unit', span: 12 },
      { name: 'audience', label: t('outreach.audience'), kind: 'number', span: 12 },
      {
        name: 'documentIds',
        label: t('outreach.documents'),
        kind: 'multiselect',
        from: (a: Activity) => a.documents.map((d) => d.id),
        options: [...known.values()].map((d) => ({
          value: d.id,
          label: [d.number, d.title].filter(Boolean).join(' — '),
        })),
        onSearch: setDocSearch,
      },
      { name: 'content', label: t('outreach.content'), kind: 'textarea', rows: 2 },
      { name: 'fileIds', label: t('outreach.evidence'), kind: 'files' },
      { name: 'links', label: t('outreach.links'), kind: 'links' },
      { name: 'isPublic', label: t('outreach.isPublic'), kind: 'checkbox' },
    ];
  }, [t, activity, docs.data]);
  return (
    <RegisterEditor<ActivityBody, typeof activities.create, typeof activities.update>
      create={activities.create}
      update={activities.update}
      invalidates={CHANGES}
      editing={activity ?? 'new'}
      communeId={f.scope.communeId}
      titles={[t('outreach.addActivity'), t('outreach.editActivity')]}
      width={720}
      fields={fields}
      defaults={{ kind: 'conference', heldOn: dayjs(), unitId: me.unit?.id, isPublic: false, fileIds: [] }}
      savedMessage={t('outreach.saved')}
      onClose={onClose}
    />
  );
}
