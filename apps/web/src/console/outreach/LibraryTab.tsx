import { PlusOutlined } from '@ant-design/icons';
import type { EndpointBody } from '@cqtt/contract/endpoint';
import { type LibraryDocument, library } from '@cqtt/contract/outreach';
import { Button, Flex, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../auth/session';
import { mayCall } from '../permissions';
import { FileLinks } from '../shared/FileLinks';
import { formatDate } from '../shared/format';
import { RowActions } from '../shared/register/actions';
import type { Field } from '../shared/register/fields';
import { RegisterEditor } from '../shared/register/RegisterFormModal';
import { RegisterTable } from '../shared/register/RegisterTable';
import type { OutreachFilters } from './filters';

type DocumentBody = EndpointBody<typeof library.create>;

export function LibraryTab({ f }: { f: OutreachFilters }) {
  const { t } = useTranslation();
  const me = useSession();
  const [editing, setEditing] = useState<LibraryDocument | 'new' | null>(null);
  const mayManage = mayCall(me, library.create);
  const fields: Field<DocumentBody>[] = [
    { name: 'number', label: t('outreach.docNumber'), kind: 'text', placeholder: '5049/QĐ-UBND' },
    { name: 'issuedOn', label: t('outreach.docDate'), kind: 'date', nullable: true },
    { name: 'issuer', label: t('outreach.issuer'), kind: 'text' },
    { name: 'title', label: t('outreach.docTitle'), kind: 'textarea', rows: 2, required: true },
    { name: 'summary', label: t('outreach.summary'), kind: 'textarea' },
    { name: 'fileId', label: t('outreach.file'), kind: 'file' },
  ];
  return (
    <>
      {mayManage && f.scope.ready ? (
        <Flex justify="flex-end" style={{ marginBottom: 12 }}>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            {t('outreach.addDocument')}
          </Button>
        </Flex>
      ) : null}
      <RegisterTable
        list={library.list}
        query={{ communeId: f.scope.communeId, q: f.search || undefined }}
        enabled={f.scope.ready}
        scrollX={800}
        columns={[
          { title: t('outreach.docNumber'), dataIndex: 'number', width: 140 },
          {
            title: t('outreach.docDate'),
            dataIndex: 'issuedOn',
            width: 100,
            render: (v: string | null) => (v ? formatDate(v) : '—'),
          },
          { title: t('outreach.issuer'), dataIndex: 'issuer', width: 220 },
          {
            title: t('outreach.docTitle'),
            dataIndex: 'title',
            render: (_: unknown, d: LibraryDocument) => (
              <div>
                <div>{d.title}</div>
                {d.summary ? <Typography.Text type="secondary">{d.summary}</Typography.Text> : null}
                {d.file ? <FileLinks files={[d.file]} /> : null}
              </div>
            ),
          },
          {
            title: '',
            key: 'actions',
            width: 90,
            render: (_: unknown, d: LibraryDocument) =>
              mayManage ? (
                <RowActions
                  id={d.id}
                  onEdit={() => setEditing(d)}
                  remove={library.remove}
                  invalidates={[library.list]}
                />
              ) : null,
          },
        ]}
      />
      {editing ? (
        <RegisterEditor<DocumentBody, typeof library.create, typeof library.update>
          create={library.create}
          update={library.update}
          invalidates={[library.list]}
          editing={editing}
          communeId={f.scope.communeId}
          titles={[t('outreach.addDocument'), t('outreach.editDocument')]}
          width={520}
          fields={fields}
          defaults={{ fileId: [] }}
          onClose={() => setEditing(null)}
        />
      ) : null}
    </>
  );
}
