import { PlusOutlined } from '@ant-design/icons';
import type { EndpointBody } from '@cqtt/contract/endpoint';
import { examples, type GoodExample } from '@cqtt/contract/outreach';
import { GOOD_EXAMPLE_KIND_LABELS, GOOD_EXAMPLE_KINDS } from '@cqtt/domain/outreach/outreach';
import { Button, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../auth/session';
import { hasRole, mayCall } from '../permissions';
import { useParam } from '../plans/ui';
import { FileLinks } from '../shared/FileLinks';
import { DownloadButton, RowActions } from '../shared/register/actions';
import { FilterBar } from '../shared/register/FilterBar';
import { type Field, oneOf } from '../shared/register/fields';
import { RegisterEditor } from '../shared/register/RegisterFormModal';
import { RegisterTable } from '../shared/register/RegisterTable';
import type { OutreachFilters } from './filters';

const EXAMPLE_OPTIONS = GOOD_EXAMPLE_KINDS.map((k) => ({ value: k, label: GOOD_EXAMPLE_KIND_LABELS[k] }));
/** The unit that records good examples besides Phòng VH-XH (server: outreach/examples.ts). */
const SERVICE_CENTRE = 'TTDVSNC';
type ExampleBody = EndpointBody<typeof examples.create>;

export function ExamplesTab({ f }: { f: OutreachFilters }) {
  const { t } = useTranslation();
  const me = useSession();
  const [kind, setKind] = useParam('exampleKind');
  const query = {
    communeId: f.scope.communeId,
    year: f.year,
    unitId: f.unitId,
    q: f.search || undefined,
    kind: oneOf(GOOD_EXAMPLE_KINDS, kind),
  };
  const [editing, setEditing] = useState<GoodExample | 'new' | null>(null);
  const mayRecord =
    mayCall(me, examples.create) && (hasRole(me, 'admin', 'coordinator') || me.unit?.code === SERVICE_CENTRE);
  const fields: Field<ExampleBody>[] = [
    {
      name: 'kind',
      label: t('outreach.exampleKind'),
      kind: 'select',
      required: true,
      span: 16,
      options: EXAMPLE_OPTIONS,
    },
    { name: 'year', label: t('outreach.year'), kind: 'year', required: true, span: 8 },
    { name: 'subject', label: t('outreach.subject'), kind: 'text', required: true },
    { name: 'unitId', label: t('outreach.unit'), kind: 'unit', span: 12 },
    { name: 'villageId', label: t('outreach.village'), kind: 'village', span: 12 },
    { name: 'title', label: t('outreach.exampleTitle'), kind: 'text', required: true },
    { name: 'content', label: t('outreach.content'), kind: 'textarea' },
    { name: 'fileIds', label: t('outreach.evidence'), kind: 'files' },
    { name: 'links', label: t('outreach.links'), kind: 'links' },
  ];
  return (
    <>
      <FilterBar
        selects={[
          {
            label: t('outreach.exampleKind'),
            placeholder: t('outreach.allExampleKinds'),
            value: kind,
            onChange: setKind,
            options: EXAMPLE_OPTIONS,
            width: 260,
          },
        ]}
      >
        <DownloadButton
          endpoint={examples.exportXlsx}
          input={{ query }}
          fileName={`guong-dien-hinh-${f.year}.xlsx`}
        >
          {t('outreach.exportXlsx')}
        </DownloadButton>
        {mayRecord && f.scope.ready ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            {t('outreach.addExample')}
          </Button>
        ) : null}
      </FilterBar>
      <RegisterTable
        list={examples.list}
        query={query}
        enabled={f.scope.ready}
        scrollX={800}
        columns={[
          {
            title: t('outreach.exampleKind'),
            dataIndex: 'kindLabel',
            width: 200,
            render: (v: string, e: GoodExample) => (
              <Tag color={e.kind === 'good' ? 'green' : 'volcano'}>{v}</Tag>
            ),
          },
          { title: t('outreach.subject'), dataIndex: 'subject', width: 220 },
          {
            title: t('outreach.content'),
            dataIndex: 'title',
            render: (_: unknown, e: GoodExample) => (
              <div>
                <div>{e.title}</div>
                {e.content ? <Typography.Text type="secondary">{e.content}</Typography.Text> : null}
              </div>
            ),
          },
          {
            title: t('outreach.evidence'),
            key: 'files',
            width: 200,
            render: (_: unknown, e: GoodExample) => <FileLinks files={e.files} links={e.links} />,
          },
          {
            title: '',
            key: 'actions',
            width: 90,
            render: (_: unknown, e: GoodExample) =>
              mayRecord ? (
                <RowActions
                  id={e.id}
                  onEdit={() => setEditing(e)}
                  remove={examples.remove}
                  invalidates={[examples.list]}
                />
              ) : null,
          },
        ]}
      />
      {editing ? (
        <RegisterEditor<ExampleBody, typeof examples.create, typeof examples.update>
          create={examples.create}
          update={examples.update}
          invalidates={[examples.list]}
          editing={editing}
          communeId={f.scope.communeId}
          titles={[t('outreach.addExample'), t('outreach.editExample')]}
          fields={fields}
          defaults={{ kind: 'good', year: f.year }}
          onClose={() => setEditing(null)}
        />
      ) : null}
    </>
  );
}
