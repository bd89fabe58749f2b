import { CommentOutlined, PlusOutlined } from '@ant-design/icons';
import type { EndpointBody } from '@cqtt/contract/endpoint';
import {
  SUPERVISION_BODIES,
  SUPERVISION_KINDS,
  type SupervisionEntry,
  supervision,
} from '@cqtt/contract/supervision';
import { keptBodies } from '@cqtt/domain/supervision/supervision';
import { Button, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSend } from '../../api/queries';
import { useSession } from '../auth/session';
import { mayCall } from '../permissions';
import { useParam, useYearParam, YearPicker } from '../plans/ui';
import { CommunePicker, CommuneRequired, useCommuneScope } from '../shared/CommunePicker';
import { FileLinks } from '../shared/FileLinks';
import { formatDate } from '../shared/format';
import { PageHeader } from '../shared/PageHeader';
import { DownloadButton, RowActions } from '../shared/register/actions';
import { FilterBar } from '../shared/register/FilterBar';
import { type Field, oneOf } from '../shared/register/fields';
import { RegisterEditor, RegisterFormModal } from '../shared/register/RegisterFormModal';
import { RegisterTable } from '../shared/register/RegisterTable';
import { useDebounced } from '../shared/useDebounced';
import { useDocumentTitle } from '../shared/useDocumentTitle';

type EntryBody = EndpointBody<typeof supervision.create>;
type AnswerBody = EndpointBody<typeof supervision.answer>;
const CHANGES = [supervision.list];
const ANSWERED = ['true', 'false'] as const;

/**
 * Giám sát, phản biện xã hội: Ủy ban MTTQ xã (and Ban Xây dựng Đảng, its own) records what it
 * supervised or critiqued and what it found; Phòng VH-XH or a leader answers for the commune.
 */
export default function SupervisionPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('supervision.title'));
  const me = useSession();
  const scope = useCommuneScope();
  const [year, setYear] = useYearParam();
  const [q, setQ] = useParam('q');
  const [kind, setKind] = useParam('kind');
  const [body, setBody] = useParam('body');
  const [answered, setAnswered] = useParam('answered');
  const search = useDebounced(q ?? '', 300);
  const query = {
    communeId: scope.communeId,
    year,
    q: search || undefined,
    kind: oneOf(SUPERVISION_KINDS, kind),
    body: oneOf(SUPERVISION_BODIES, body),
    answered: oneOf(ANSWERED, answered),
  };
  const [editing, setEditing] = useState<SupervisionEntry | 'new' | null>(null);
  const [answering, setAnswering] = useState<SupervisionEntry | null>(null);
  const mine = keptBodies(me.user.roles);
  const fields: Field<EntryBody>[] = [
    {
      name: 'kind',
      label: t('supervision.kind'),
      kind: 'radio',
      options: SUPERVISION_KINDS.map((k) => ({ value: k, label: t(`supervision.kinds.${k}`) })),
    },
    { name: 'year', label: t('supervision.year'), kind: 'year', required: true, span: 12 },
    { name: 'heldOn', label: t('supervision.heldOn'), kind: 'date', required: true, span: 12 },
    { name: 'subject', label: t('supervision.subject'), kind: 'text', required: true, max: 500 },
    { name: 'unitId', label: t('supervision.unit'), kind: 'unit' },
    { name: 'findings', label: t('supervision.findings'), kind: 'textarea', rows: 4, required: true },
    { name: 'recommendations', label: t('supervision.recommendations'), kind: 'textarea', rows: 3 },
    { name: 'fileIds', label: t('supervision.evidence'), kind: 'files' },
  ];
  return (
    <>
      <PageHeader
        title={t('supervision.title')}
        subtitle={t('supervision.subtitle')}
        extra={
          <>
            {scope.cityLevel ? <CommunePicker value={scope.communeId} onChange={scope.setCommuneId} /> : null}
            <YearPicker value={year} onChange={setYear} />
            <DownloadButton
              endpoint={supervision.exportXlsx}
              input={{ query }}
              fileName={`giam-sat-phan-bien-${year}.xlsx`}
            >
              {t('supervision.exportXlsx')}
            </DownloadButton>
            {mayCall(me, supervision.create) && scope.ready && !scope.cityLevel ? (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
                {t('supervision.add')}
              </Button>
            ) : null}
          </>
        }
      />
      <CommuneRequired scope={scope}>
        <FilterBar
          search={{ label: t('supervision.search'), value: q, onChange: setQ }}
          selects={[
            {
              label: t('supervision.kind'),
              placeholder: t('supervision.allKinds'),
              value: kind,
              onChange: setKind,
              options: SUPERVISION_KINDS.map((k) => ({ value: k, label: t(`supervision.kinds.${k}`) })),
            },
            {
              label: t('supervision.body'),
              placeholder: t('supervision.allBodies'),
              value: body,
              onChange: setBody,
              options: SUPERVISION_BODIES.map((b) => ({ value: b, label: t(`supervision.bodies.${b}`) })),
            },
            {
              label: t('supervision.answerState'),
              placeholder: t('supervision.allAnswers'),
              value: answered,
              onChange: setAnswered,
              options: [
                { value: 'false', label: t('supervision.waiting') },
                { value: 'true', label: t('supervision.answered') },
              ],
            },
          ]}
        />
        <RegisterTable
          list={supervision.list}
          query={query}
          enabled={scope.ready}
          columns={[
            {
              title: t('supervision.heldOn'),
              dataIndex: 'heldOn',
              width: 110,
              render: (v: string) => formatDate(v),
            },
            {
              title: t('supervision.subject'),
              key: 'subject',
              render: (_: unknown, e: SupervisionEntry) => (
                <div>
                  <Space size={4} wrap>
                    <Tag color={e.kind === 'critique' ? 'purple' : 'blue'}>{e.kindLabel}</Tag>
                    <Tag>{e.bodyLabel}</Tag>
                  </Space>
                  <div>
                    <strong>{e.subject}</strong>
                  </div>
                  {e.unit ? <Typography.Text type="secondary">{e.unit.name}</Typography.Text> : null}
                </div>
              ),
            },
            {
              title: t('supervision.findings'),
              key: 'findings',
              render: (_: unknown, e: SupervisionEntry) => (
                <div style={{ whiteSpace: 'pre-wrap' }}>
                  <div>{e.findings}</div>
                  {e.recommendations ? (
                    <div>
                      <Typography.Text type="secondary">{t('supervision.recommendations')}: </Typography.Text>
                      {e.recommendations}
                    </div>
                  ) : null}
                  {e.files.length > 0 ? <FileLinks files={e.files} /> : null}
                </div>
              ),
            },
            {
              title: t('supervision.answer'),
              key: 'answer',
              width: 280,
              render: (_: unknown, e: SupervisionEntry) =>
                e.answeredOn ? (
                  <div style={{ whiteSpace: 'pre-wrap' }}>
                    <Tag color="green">{t('supervision.answeredOn', { date: formatDate(e.answeredOn) })}</Tag>
                    <div>{e.answer}</div>
                    {e.answeredBy ? (
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {e.answeredBy.fullName}
                      </Typography.Text>
                    ) : null}
                    {e.answerFiles.length > 0 ? <FileLinks files={e.answerFiles} /> : null}
                  </div>
                ) : (
                  <Tag color="gold">{t('supervision.waiting')}</Tag>
                ),
            },
            {
              title: '',
              key: 'actions',
              width: 150,
              render: (_: unknown, e: SupervisionEntry) => (
                <Space wrap>
                  {mayCall(me, supervision.answer) && me.commune?.id === e.communeId ? (
                    <Button size="small" icon={<CommentOutlined />} onClick={() => setAnswering(e)}>
                      {e.answeredOn ? t('supervision.editAnswer') : t('supervision.reply')}
                    </Button>
                  ) : null}
                  {mine.includes(e.body) && me.commune?.id === e.communeId ? (
                    <RowActions
                      id={e.id}
                      onEdit={() => setEditing(e)}
                      remove={e.answeredOn ? undefined : supervision.remove}
                      invalidates={CHANGES}
                    />
                  ) : null}
                </Space>
              ),
            },
          ]}
        />
      </CommuneRequired>
      {editing ? (
        <RegisterEditor<EntryBody, typeof supervision.create, typeof supervision.update>
          create={supervision.create}
          update={supervision.update}
          invalidates={CHANGES}
          editing={editing}
          communeId={scope.communeId}
          titles={[t('supervision.add'), t('supervision.edit')]}
          fields={fields}
          defaults={{ kind: 'supervision', year, fileIds: [] }}
          onClose={() => setEditing(null)}
        />
      ) : null}
      {answering ? <AnswerModal entry={answering} onClose={() => setAnswering(null)} /> : null}
    </>
  );
}

function AnswerModal({ entry, onClose }: { entry: SupervisionEntry; onClose: () => void }) {
  const { t } = useTranslation();
  const send = useSend(supervision.answer, { invalidates: CHANGES });
  const fields: Field<AnswerBody>[] = [
    { name: 'answer', label: t('supervision.answer'), kind: 'textarea', rows: 4, required: true },
    { name: 'answeredOn', label: t('supervision.answerDate'), kind: 'date' },
    {
      name: 'fileIds',
      label: t('supervision.evidence'),
      kind: 'files',
      from: (e: SupervisionEntry) => e.answerFiles,
    },
  ];
  return (
    <RegisterFormModal<AnswerBody>
      title={`${t('supervision.reply')}: ${entry.subject}`}
      width={600}
      fields={fields}
      row={entry.answeredOn ? entry : null}
      pending={send.isPending}
      save={(body, callbacks) => send.mutate({ params: { id: entry.id }, body }, callbacks)}
      onClose={onClose}
    />
  );
}
