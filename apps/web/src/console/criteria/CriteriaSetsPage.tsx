import { DownloadOutlined, EditOutlined, EyeOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Descriptions, Drawer, Input, List, Modal, Table, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { downloadFile, errorMessage, isApiError } from '../../api/client';
import { useSession } from '../auth/session';
import { can } from '../permissions';
import { QueryError } from '../shared/feedback';
import { formatDate, formatShare } from '../shared/format';
import { PageHeader } from '../shared/PageHeader';
import { useDocumentTitle } from '../shared/useDocumentTitle';
import { type CriteriaSetSummary, useCriteriaSet, useCriteriaSets, useImportSet } from './api';
import { points } from './ui';

/** The set's JSON in a text box; saving imports it as the next version (a version never changes). */
function EditModal({
  text,
  onClose,
  onSave,
  saving,
}: {
  text: string;
  onClose: () => void;
  onSave: (json: unknown) => Promise<boolean>;
  saving: boolean;
}) {
  const { t } = useTranslation();
  const [value, setValue] = useState(text);
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <Modal
      open
      width={900}
      title={t('criteria.sets.editTitle')}
      okText={t('criteria.sets.saveVersion')}
      confirmLoading={saving}
      onCancel={onClose}
      onOk={async () => {
        let json: unknown;
        try {
          json = JSON.parse(value);
        } catch {
          setProblem(t('criteria.sets.badJson'));
          return;
        }
        setProblem(null);
        if (await onSave(json)) onClose();
      }}
    >
      <Typography.Paragraph type="secondary">{t('criteria.sets.editHint')}</Typography.Paragraph>
      {problem ? <Typography.Paragraph type="danger">{problem}</Typography.Paragraph> : null}
      <Input.TextArea
        aria-label={t('criteria.sets.editTitle')}
        value={value}
        onChange={(e) => setValue(e.target.value)}
        autoSize={{ minRows: 16, maxRows: 30 }}
        style={{ fontFamily: 'monospace', fontSize: 12 }}
      />
    </Modal>
  );
}

function SetDrawer({
  id,
  onClose,
  onEdit,
}: {
  id: string | undefined;
  onClose: () => void;
  onEdit?: (text: string) => void;
}) {
  const { t } = useTranslation();
  const { data } = useCriteriaSet(id);
  const editable = () => {
    if (!data) return '';
    const { id: _id, version: _v, maxTotal: _m, createdAt: _c, ...rest } = data;
    return JSON.stringify(rest, null, 2);
  };
  return (
    <Drawer
      open={Boolean(id)}
      onClose={onClose}
      width={900}
      title={data ? `${data.name} (v${data.version})` : ''}
      extra={
        data && onEdit ? (
          <Button icon={<EditOutlined />} onClick={() => onEdit(editable())}>
            {t('criteria.sets.edit')}
          </Button>
        ) : null
      }
    >
      {data ? (
        <>
          <Descriptions size="small" column={1} bordered>
            <Descriptions.Item label={t('criteria.sets.code')}>{data.code}</Descriptions.Item>
            <Descriptions.Item label={t('criteria.sets.issuedBy')}>{data.issuedBy}</Descriptions.Item>
            <Descriptions.Item label={t('criteria.sets.decision')}>{data.decision}</Descriptions.Item>
            <Descriptions.Item label={t('criteria.sets.effectiveFrom')}>
              {formatDate(data.effectiveFrom)}
            </Descriptions.Item>
            <Descriptions.Item label={t('criteria.sets.maxTotal')}>{points(data.maxTotal)}</Descriptions.Item>
          </Descriptions>
          {data.groups.map((g) => (
            <div key={g.code} style={{ marginTop: 16 }}>
              <Typography.Title level={5}>
                {g.code}. {g.name}
              </Typography.Title>
              <Table
                size="small"
                pagination={false}
                rowKey="code"
                dataSource={g.criteria.flatMap((c) => [
                  {
                    code: c.code,
                    name: c.name,
                    max: c.deduction ? -c.maxPoints : c.maxPoints,
                    note: `${c.deduction ? t('criteria.deductions.capOf', { cap: points(c.maxPoints) }) : `${t('criteria.sets.pass')}: ${points(c.passPoints)}`}${c.responsibleUnit ? ` · ${c.responsibleUnit}` : ''}`,
                    bold: true,
                  },
                  ...c.indicators.map((i) => ({
                    code: i.code,
                    name: i.name,
                    max: c.deduction ? -i.maxPoints : i.maxPoints,
                    note: i.measure ?? '',
                    bold: false,
                  })),
                ])}
                columns={[
                  { title: t('criteria.sets.code'), dataIndex: 'code', width: 90 },
                  {
                    title: t('criteria.sets.content'),
                    dataIndex: 'name',
                    render: (v, r) => (r.bold ? <strong>{v}</strong> : v),
                  },
                  {
                    title: t('criteria.sets.max'),
                    dataIndex: 'max',
                    width: 80,
                    render: (v: number) => (v < 0 ? `−${points(-v)}` : points(v)),
                  },
                  { title: t('criteria.sets.note'), dataIndex: 'note', width: 220 },
                ]}
              />
            </div>
          ))}
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            {t('criteria.sets.levels')}
          </Typography.Title>
          <List
            size="small"
            dataSource={data.levels}
            renderItem={(l) => (
              <List.Item>
                {t('criteria.levelN', { level: l.level })}: ≥ {points(l.minTotal)} {t('criteria.points')}
                {l.mandatory.length ? ` · ${t('criteria.sets.mandatory')}: ${l.mandatory.join(', ')}` : ''}
                {l.minGroupShare !== null
                  ? ` · ${t('criteria.sets.groupShare')} ≥ ${formatShare(l.minGroupShare)}`
                  : ''}
                {Object.entries(l.minIndex).map(([k, v]) => ` · ${k} ≥ ${v}`)}
              </List.Item>
            )}
          />
        </>
      ) : null}
    </Drawer>
  );
}

export default function CriteriaSetsPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('criteria.nav.sets'));
  const me = useSession();
  const { modal, message } = App.useApp();
  const sets = useCriteriaSets();
  const importSet = useImportSet();
  const [viewing, setViewing] = useState<string>();

  const [editing, setEditing] = useState<string | null>(null);

  async function send(input: { json?: unknown; file?: File }): Promise<boolean> {
    try {
      const result = await importSet.mutateAsync(input);
      message.success(t('criteria.sets.imported', { version: result.version }));
      return true;
    } catch (error) {
      showProblems(error);
      return false;
    }
  }

  async function onFile(file: File) {
    try {
      if (file.name.toLowerCase().endsWith('.json')) await send({ json: JSON.parse(await file.text()) });
      else await send({ file });
    } catch (error) {
      showProblems(error);
    }
    return false;
  }

  function showProblems(error: unknown) {
    {
      const details =
        isApiError(error) && Array.isArray(error.details)
          ? (error.details as { path: string; message: string }[])
          : [];
      modal.error({
        title: t('criteria.sets.importFailed'),
        width: 640,
        content: (
          <div data-testid="import-problems">
            <p>{error instanceof SyntaxError ? t('criteria.sets.badJson') : errorMessage(error)}</p>
            <ul>
              {details.map((d) => (
                <li key={`${d.path}${d.message}`}>
                  <code>{d.path}</code>: {d.message}
                </li>
              ))}
            </ul>
          </div>
        ),
      });
    }
  }

  return (
    <>
      <PageHeader
        title={t('criteria.nav.sets')}
        subtitle={t('criteria.sets.subtitle')}
        extra={
          can(me, 'criteria.manage_sets') ? (
            <Upload accept=".json,.xlsx" showUploadList={false} beforeUpload={(f) => onFile(f)}>
              <Button type="primary" icon={<UploadOutlined />} loading={importSet.isPending}>
                {t('criteria.sets.import')}
              </Button>
            </Upload>
          ) : null
        }
      />
      {sets.error ? <QueryError error={sets.error} onRetry={() => sets.refetch()} /> : null}
      <Table<CriteriaSetSummary>
        rowKey="id"
        loading={sets.isLoading}
        dataSource={sets.data ?? []}
        pagination={false}
        scroll={{ x: 800 }}
        columns={[
          { title: t('criteria.sets.code'), dataIndex: 'code', width: 120 },
          {
            title: t('criteria.sets.version'),
            dataIndex: 'version',
            width: 80,
            render: (v) => <Tag>v{v}</Tag>,
          },
          { title: t('criteria.sets.name'), dataIndex: 'name' },
          { title: t('criteria.sets.decision'), dataIndex: 'decision', width: 200 },
          {
            title: t('criteria.sets.effectiveFrom'),
            dataIndex: 'effectiveFrom',
            width: 120,
            render: (v: string) => formatDate(v),
          },
          { title: t('criteria.sets.maxTotal'), dataIndex: 'maxTotal', width: 90, render: points },
          { title: t('criteria.sets.levelCount'), dataIndex: 'levelCount', width: 70 },
          {
            title: t('criteria.sets.deductionsCount'),
            dataIndex: 'deductions',
            width: 80,
            render: (n: number) => (n ? n : '—'),
          },
          {
            key: 'actions',
            width: 110,
            render: (_, s) => (
              <>
                <Button
                  size="small"
                  type="text"
                  icon={<EyeOutlined />}
                  aria-label={t('criteria.sets.view')}
                  onClick={() => setViewing(s.id)}
                />
                <Button
                  size="small"
                  type="text"
                  icon={<DownloadOutlined />}
                  aria-label={t('criteria.sets.downloadXlsx')}
                  onClick={() =>
                    downloadFile(`/api/criteria-sets/${s.id}/export.xlsx`).catch((e) =>
                      message.error(errorMessage(e)),
                    )
                  }
                />
              </>
            ),
          },
        ]}
      />
      <SetDrawer
        id={viewing}
        onClose={() => setViewing(undefined)}
        onEdit={can(me, 'criteria.manage_sets') ? setEditing : undefined}
      />
      {editing !== null ? (
        <EditModal
          text={editing}
          saving={importSet.isPending}
          onClose={() => setEditing(null)}
          onSave={async (json) => {
            const ok = await send({ json });
            if (ok) setViewing(undefined);
            return ok;
          }}
        />
      ) : null}
    </>
  );
}
