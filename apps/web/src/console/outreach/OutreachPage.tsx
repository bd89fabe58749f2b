import { DeleteOutlined, DownloadOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import {
  GOOD_EXAMPLE_KIND_LABELS,
  GOOD_EXAMPLE_KINDS,
  OUTREACH_KIND_LABELS,
  OUTREACH_KINDS,
} from '@cqtt/domain/outreach/outreach';
import {
  App,
  Button,
  Checkbox,
  Col,
  DatePicker,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Progress,
  Row,
  Select,
  Space,
  Statistic,
  Table,
  Tabs,
  Tag,
  Typography,
  type UploadFile,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { downloadFile, errorMessage } from '../../api/client';
import { useSession } from '../auth/session';
import { useUnits, useVillages } from '../org/api';
import { can } from '../permissions';
import { EvidenceUpload, isUploading, uploadedIds } from '../plans/EvidenceUpload';
import type { StoredFile } from '../plans/types';
import { useParam, useYearParam, YearPicker } from '../plans/ui';
import { CommunePicker, useCommuneScope } from '../shared/CommunePicker';
import { asUploadFiles, FileLinks } from '../shared/FileLinks';
import { QueryError } from '../shared/feedback';
import { formatDate } from '../shared/format';
import { applyApiErrorToForm } from '../shared/formErrors';
import { PageHeader } from '../shared/PageHeader';
import { useDebounced } from '../shared/useDebounced';
import { useDocumentTitle } from '../shared/useDocumentTitle';
import {
  type Activity,
  type GoodExample,
  type LibraryDocument,
  useActivities,
  useCoverage,
  useDeleteActivity,
  useDeleteDocument,
  useDeleteExample,
  useDocuments,
  useExamples,
  useSaveActivity,
  useSaveDocument,
  useSaveExample,
} from './api';

const KIND_OPTIONS = OUTREACH_KINDS.map((k) => ({ value: k, label: OUTREACH_KIND_LABELS[k] }));
const EXAMPLE_OPTIONS = GOOD_EXAMPLE_KINDS.map((k) => ({ value: k, label: GOOD_EXAMPLE_KIND_LABELS[k] }));
function useFilters() {
  const scope = useCommuneScope();
  const [year, setYear] = useYearParam();
  const [q, setQ] = useParam('q');
  const search = useDebounced(q ?? '', 300);
  const [unitId, setUnitId] = useParam('unitId');
  return { scope, year, setYear, q, setQ, search, unitId, setUnitId };
}
type Filters = ReturnType<typeof useFilters>;

export default function OutreachPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('outreach.title'));
  const f = useFilters();
  const [tab, setTab] = useParam('tab');
  const units = useUnits(f.scope.communeId, f.scope.ready);
  return (
    <>
      <PageHeader
        title={t('outreach.title')}
        subtitle={t('outreach.subtitle')}
        extra={
          <>
            {f.scope.cityLevel ? (
              <CommunePicker value={f.scope.communeId} onChange={f.scope.setCommuneId} />
            ) : null}
            <YearPicker value={f.year} onChange={f.setYear} />
          </>
        }
      />
      <Flex gap={8} wrap style={{ marginBottom: 8 }}>
        <Input.Search
          allowClear
          aria-label={t('outreach.search')}
          placeholder={t('outreach.search')}
          defaultValue={f.q}
          onChange={(e) => f.setQ(e.target.value || undefined)}
          style={{ maxWidth: 320 }}
        />
        <Select
          allowClear
          aria-label={t('outreach.unit')}
          placeholder={t('outreach.allUnits')}
          value={f.unitId}
          onChange={(v) => f.setUnitId(v)}
          options={(units.data ?? []).map((u) => ({ value: u.id, label: u.name }))}
          style={{ minWidth: 240 }}
        />
      </Flex>
      <Tabs
        activeKey={tab ?? 'activities'}
        onChange={(k) => setTab(k === 'activities' ? undefined : k)}
        items={[
          { key: 'activities', label: t('outreach.tabActivities'), children: <ActivitiesTab f={f} /> },
          { key: 'coverage', label: t('outreach.tabCoverage'), children: <CoverageTab f={f} /> },
          { key: 'library', label: t('outreach.tabLibrary'), children: <LibraryTab f={f} /> },
          { key: 'examples', label: t('outreach.tabExamples'), children: <ExamplesTab f={f} /> },
        ]}
      />
    </>
  );
}

function ExportButton({
  path,
  query,
  name,
}: {
  path: string;
  query: Record<string, string | number | undefined>;
  name: string;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  return (
    <Button
      icon={<DownloadOutlined />}
      loading={busy}
      onClick={async () => {
        setBusy(true);
        try {
          await downloadFile(path, query, name);
        } catch (err) {
          message.error(errorMessage(err));
        } finally {
          setBusy(false);
        }
      }}
    >
      {t('outreach.exportXlsx')}
    </Button>
  );
}

function ActivitiesTab({ f }: { f: Filters }) {
  const { t } = useTranslation();
  const me = useSession();
  const { message } = App.useApp();
  const [kind, setKind] = useParam('kind');
  const [villageId, setVillageId] = useParam('villageId');
  const villages = useVillages(f.scope.communeId, f.scope.ready);
  const query = {
    communeId: f.scope.communeId,
    year: f.year,
    unitId: f.unitId,
    q: f.search || undefined,
    kind,
    villageId,
  };
  const list = useActivities(query, f.scope.ready);
  const remove = useDeleteActivity();
  const [editing, setEditing] = useState<Activity | 'new' | null>(null);
  const mayRecord = can(me, 'outreach.record');
  const mayEdit = (a: Activity) =>
    can(me, 'outreach.manage') ||
    a.createdBy?.id === me.user.id ||
    (me.unit !== null && me.unit.id === a.unit?.id);
  return (
    <>
      <Flex gap={8} wrap style={{ marginBottom: 12 }} justify="space-between">
        <Space wrap>
          <Select
            allowClear
            aria-label={t('outreach.kind')}
            placeholder={t('outreach.allKinds')}
            value={kind}
            onChange={(v) => setKind(v)}
            options={KIND_OPTIONS}
            style={{ minWidth: 200 }}
          />
          <Select
            allowClear
            aria-label={t('outreach.village')}
            placeholder={t('outreach.allVillages')}
            value={villageId}
            onChange={(v) => setVillageId(v)}
            options={(villages.data ?? []).map((v) => ({ value: v.id, label: v.name }))}
            style={{ minWidth: 180 }}
          />
        </Space>
        <Space wrap>
          <ExportButton
            path="/api/outreach-activities/export.xlsx"
            query={query}
            name={`tuyen-truyen-${f.year}.xlsx`}
          />
          {mayRecord && f.scope.ready ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
              {t('outreach.addActivity')}
            </Button>
          ) : null}
        </Space>
      </Flex>
      {list.error ? <QueryError error={list.error} onRetry={() => list.refetch()} /> : null}
      <Table<Activity>
        rowKey="id"
        size="small"
        loading={list.isLoading}
        dataSource={list.data ?? []}
        scroll={{ x: 900 }}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: t('outreach.emptyActivities') }}
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
            render: (v: number | null) => (v === null ? '—' : v.toLocaleString('vi-VN')),
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
                <Space>
                  <Button
                    size="small"
                    icon={<EditOutlined />}
                    aria-label={t('outreach.edit')}
                    onClick={() => setEditing(a)}
                  />
                  <Popconfirm
                    title={t('outreach.deleteConfirm')}
                    onConfirm={() =>
                      remove.mutate(a.id, { onError: (err) => message.error(errorMessage(err)) })
                    }
                  >
                    <Button size="small" danger icon={<DeleteOutlined />} aria-label={t('outreach.delete')} />
                  </Popconfirm>
                </Space>
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

const ACTIVITY_FIELDS = [
  'kind',
  'title',
  'heldOn',
  'place',
  'villageId',
  'unitId',
  'audience',
  'content',
  'documentIds',
  'fileIds',
  'links',
  'isPublic',
];

function ActivityModal({
  f,
  activity,
  onClose,
}: {
  f: Filters;
  activity: Activity | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const me = useSession();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const save = useSaveActivity();
  const villages = useVillages(f.scope.communeId);
  const units = useUnits(f.scope.communeId);
  const docs = useDocuments({ communeId: f.scope.communeId });
  const files = (Form.useWatch('files', form) ?? []) as Array<UploadFile<StoredFile>>;
  return (
    <Modal
      open
      width={720}
      title={activity ? t('outreach.editActivity') : t('outreach.addActivity')}
      okText={t('common.save')}
      onCancel={onClose}
      confirmLoading={save.isPending}
      okButtonProps={{ disabled: isUploading(files) }}
      onOk={() => form.submit()}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={
          activity
            ? {
                ...activity,
                heldOn: dayjs(activity.heldOn),
                villageId: activity.village?.id,
                unitId: activity.unit?.id,
                documentIds: activity.documents.map((d) => d.id),
                files: asUploadFiles(activity.files),
                links: activity.links.join('\n'),
              }
            : { kind: 'conference', heldOn: dayjs(), unitId: me.unit?.id, isPublic: false }
        }
        onFinish={(
          v: Record<string, unknown> & {
            heldOn: Dayjs;
            files?: Array<UploadFile<StoredFile>>;
            links?: string;
          },
        ) => {
          const { files: picked, links, ...rest } = v;
          save.mutate(
            {
              ...rest,
              ...(activity ? { id: activity.id } : { communeId: f.scope.communeId }),
              heldOn: v.heldOn.format('YYYY-MM-DD'),
              villageId: v.villageId ?? null,
              unitId: v.unitId ?? null,
              audience: v.audience ?? null,
              place: (v.place as string | undefined) ?? '',
              content: (v.content as string | undefined) ?? '',
              documentIds: (v.documentIds as string[] | undefined) ?? [],
              fileIds: uploadedIds(picked ?? []),
              links: (links ?? '')
                .split(/\s+/)
                .map((l) => l.trim())
                .filter(Boolean),
            },
            {
              onSuccess: () => {
                message.success(t('outreach.saved'));
                onClose();
              },
              onError: (err) => {
                if (!applyApiErrorToForm(form, err, ACTIVITY_FIELDS)) message.error(errorMessage(err));
              },
            },
          );
        }}
      >
        <Row gutter={12}>
          <Col xs={24} md={12}>
            <Form.Item name="kind" label={t('outreach.kind')} rules={[{ required: true }]}>
              <Select options={KIND_OPTIONS} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="heldOn"
              label={t('outreach.heldOn')}
              rules={[{ required: true, message: t('outreach.required') }]}
            >
              <DatePicker format="DD/MM/YYYY" style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          name="title"
          label={t('outreach.activity')}
          rules={[{ required: true, message: t('outreach.required') }]}
        >
          <Input />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={24} md={12}>
            <Form.Item name="place" label={t('outreach.place')}>
              <Input />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="villageId" label={t('outreach.village')}>
              <Select
                allowClear
                options={(villages.data ?? []).map((v) => ({ value: v.id, label: v.name }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="unitId" label={t('outreach.unit')}>
              <Select allowClear options={(units.data ?? []).map((u) => ({ value: u.id, label: u.name }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="audience" label={t('outreach.audience')}>
              <InputNumber<number> min={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="documentIds" label={t('outreach.documents')}>
          <Select
            mode="multiple"
            optionFilterProp="label"
            options={(docs.data ?? []).map((d) => ({
              value: d.id,
              label: [d.number, d.title].filter(Boolean).join(' — '),
            }))}
          />
        </Form.Item>
        <Form.Item name="content" label={t('outreach.content')}>
          <Input.TextArea rows={2} />
        </Form.Item>
        <Form.Item name="files" label={t('outreach.evidence')} valuePropName="value">
          <EvidenceUpload />
        </Form.Item>
        <Form.Item name="links" label={t('outreach.links')}>
          <Input.TextArea rows={2} placeholder="https://..." />
        </Form.Item>
        <Form.Item name="isPublic" valuePropName="checked">
          <Checkbox>{t('outreach.isPublic')}</Checkbox>
        </Form.Item>
      </Form>
    </Modal>
  );
}

function CoverageTab({ f }: { f: Filters }) {
  const { t } = useTranslation();
  const coverage = useCoverage({ communeId: f.scope.communeId, year: f.year }, f.scope.ready);
  if (coverage.error) return <QueryError error={coverage.error} onRetry={() => coverage.refetch()} />;
  const c = coverage.data;
  return (
    <>
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        <Col xs={12} md={6}>
          <Statistic title={t('outreach.activitiesCount')} value={c?.activities ?? 0} />
        </Col>
        <Col xs={12} md={6}>
          <Statistic title={t('outreach.audienceTotal')} value={(c?.audience ?? 0).toLocaleString('vi-VN')} />
        </Col>
        <Col xs={24} md={12}>
          <Statistic
            title={t('outreach.villagesCovered')}
            value={`${c?.coveredVillages ?? 0}/${c?.activeVillages ?? 0}`}
            suffix={c?.share === null || c?.share === undefined ? '' : `(${Math.round(c.share * 100)}%)`}
          />
        </Col>
      </Row>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Table
            rowKey="villageId"
            size="small"
            pagination={false}
            loading={coverage.isLoading}
            dataSource={c?.villages ?? []}
            columns={[
              { title: t('outreach.village'), dataIndex: 'name' },
              {
                title: t('outreach.activitiesCount'),
                dataIndex: 'activities',
                render: (v: number) => (v === 0 ? <Tag color="red">{t('outreach.notCovered')}</Tag> : v),
              },
              {
                title: t('outreach.audience'),
                dataIndex: 'audience',
                align: 'right',
                render: (v: number) => v.toLocaleString('vi-VN'),
              },
              {
                title: t('outreach.kind'),
                dataIndex: 'kinds',
                render: (kinds: string[]) =>
                  kinds.map((k) => OUTREACH_KIND_LABELS[k as keyof typeof OUTREACH_KIND_LABELS]).join(', '),
              },
            ]}
          />
        </Col>
        <Col xs={24} lg={12}>
          <Table
            rowKey="kind"
            size="small"
            pagination={false}
            loading={coverage.isLoading}
            dataSource={c?.channels ?? []}
            columns={[
              { title: t('outreach.kind'), dataIndex: 'label' },
              {
                title: t('outreach.activitiesCount'),
                dataIndex: 'activities',
                render: (v: number) => (
                  <Flex gap={8} align="center">
                    <span style={{ minWidth: 20 }}>{v}</span>
                    <Progress
                      percent={c?.activities ? Math.round((v / c.activities) * 100) : 0}
                      showInfo={false}
                      size="small"
                      style={{ width: 100 }}
                    />
                  </Flex>
                ),
              },
              {
                title: t('outreach.audience'),
                dataIndex: 'audience',
                align: 'right',
                render: (v: number) => v.toLocaleString('vi-VN'),
              },
            ]}
          />
        </Col>
      </Row>
    </>
  );
}

function LibraryTab({ f }: { f: Filters }) {
  const { t } = useTranslation();
  const me = useSession();
  const { message } = App.useApp();
  const docs = useDocuments({ communeId: f.scope.communeId, q: f.search || undefined }, f.scope.ready);
  const remove = useDeleteDocument();
  const [editing, setEditing] = useState<LibraryDocument | 'new' | null>(null);
  const mayManage = can(me, 'outreach.manage');
  return (
    <>
      {mayManage && f.scope.ready ? (
        <Flex justify="flex-end" style={{ marginBottom: 12 }}>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            {t('outreach.addDocument')}
          </Button>
        </Flex>
      ) : null}
      {docs.error ? <QueryError error={docs.error} onRetry={() => docs.refetch()} /> : null}
      <Table<LibraryDocument>
        rowKey="id"
        size="small"
        loading={docs.isLoading}
        dataSource={docs.data ?? []}
        scroll={{ x: 800 }}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
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
                <Space>
                  <Button
                    size="small"
                    icon={<EditOutlined />}
                    aria-label={t('outreach.edit')}
                    onClick={() => setEditing(d)}
                  />
                  <Popconfirm
                    title={t('outreach.deleteConfirm')}
                    onConfirm={() =>
                      remove.mutate(d.id, { onError: (err) => message.error(errorMessage(err)) })
                    }
                  >
                    <Button size="small" danger icon={<DeleteOutlined />} aria-label={t('outreach.delete')} />
                  </Popconfirm>
                </Space>
              ) : null,
          },
        ]}
      />
      {editing ? (
        <DocumentModal f={f} doc={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />
      ) : null}
    </>
  );
}

function DocumentModal({
  f,
  doc,
  onClose,
}: {
  f: Filters;
  doc: LibraryDocument | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const save = useSaveDocument();
  const files = (Form.useWatch('files', form) ?? []) as Array<UploadFile<StoredFile>>;
  return (
    <Modal
      open
      title={doc ? t('outreach.editDocument') : t('outreach.addDocument')}
      okText={t('common.save')}
      onCancel={onClose}
      confirmLoading={save.isPending}
      okButtonProps={{ disabled: isUploading(files) }}
      onOk={() => form.submit()}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={
          doc
            ? {
                ...doc,
                issuedOn: doc.issuedOn ? dayjs(doc.issuedOn) : undefined,
                files: doc.file ? asUploadFiles([doc.file]) : [],
              }
            : {}
        }
        onFinish={(v: {
          number?: string;
          issuedOn?: Dayjs;
          issuer?: string;
          title: string;
          summary?: string;
          files?: Array<UploadFile<StoredFile>>;
        }) =>
          save.mutate(
            {
              ...(doc ? { id: doc.id } : { communeId: f.scope.communeId }),
              number: v.number ?? '',
              issuedOn: v.issuedOn ? v.issuedOn.format('YYYY-MM-DD') : null,
              issuer: v.issuer ?? '',
              title: v.title,
              summary: v.summary ?? '',
              fileId: uploadedIds(v.files ?? []).at(-1) ?? null,
            },
            {
              onSuccess: onClose,
              onError: (err) => {
                if (!applyApiErrorToForm(form, err, ['number', 'issuedOn', 'issuer', 'title', 'summary']))
                  message.error(errorMessage(err));
              },
            },
          )
        }
      >
        <Form.Item name="number" label={t('outreach.docNumber')}>
          <Input placeholder="5049/QĐ-UBND" />
        </Form.Item>
        <Form.Item name="issuedOn" label={t('outreach.docDate')}>
          <DatePicker format="DD/MM/YYYY" />
        </Form.Item>
        <Form.Item name="issuer" label={t('outreach.issuer')}>
          <Input />
        </Form.Item>
        <Form.Item
          name="title"
          label={t('outreach.docTitle')}
          rules={[{ required: true, message: t('outreach.required') }]}
        >
          <Input.TextArea rows={2} />
        </Form.Item>
        <Form.Item name="summary" label={t('outreach.summary')}>
          <Input.TextArea rows={3} />
        </Form.Item>
        <Form.Item name="files" label={t('outreach.file')} valuePropName="value">
          <EvidenceUpload />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function ExamplesTab({ f }: { f: Filters }) {
  const { t } = useTranslation();
  const me = useSession();
  const { message } = App.useApp();
  const [kind, setKind] = useParam('exampleKind');
  const query = {
    communeId: f.scope.communeId,
    year: f.year,
    unitId: f.unitId,
    q: f.search || undefined,
    kind,
  };
  const list = useExamples(query, f.scope.ready);
  const remove = useDeleteExample();
  const [editing, setEditing] = useState<GoodExample | 'new' | null>(null);
  const mayRecord =
    can(me, 'outreach.examples') &&
    (me.user.roles.includes('admin') || me.user.roles.includes('coordinator') || me.unit?.code === 'TTDVSNC');
  return (
    <>
      <Flex gap={8} wrap justify="space-between" style={{ marginBottom: 12 }}>
        <Select
          allowClear
          aria-label={t('outreach.exampleKind')}
          placeholder={t('outreach.allExampleKinds')}
          value={kind}
          onChange={(v) => setKind(v)}
          options={EXAMPLE_OPTIONS}
          style={{ minWidth: 260 }}
        />
        <Space wrap>
          <ExportButton
            path="/api/good-examples/export.xlsx"
            query={query}
            name={`guong-dien-hinh-${f.year}.xlsx`}
          />
          {mayRecord && f.scope.ready ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
              {t('outreach.addExample')}
            </Button>
          ) : null}
        </Space>
      </Flex>
      {list.error ? <QueryError error={list.error} onRetry={() => list.refetch()} /> : null}
      <Table<GoodExample>
        rowKey="id"
        size="small"
        loading={list.isLoading}
        dataSource={list.data ?? []}
        scroll={{ x: 800 }}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
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
                <Space>
                  <Button
                    size="small"
                    icon={<EditOutlined />}
                    aria-label={t('outreach.edit')}
                    onClick={() => setEditing(e)}
                  />
                  <Popconfirm
                    title={t('outreach.deleteConfirm')}
                    onConfirm={() =>
                      remove.mutate(e.id, { onError: (err) => message.error(errorMessage(err)) })
                    }
                  >
                    <Button size="small" danger icon={<DeleteOutlined />} aria-label={t('outreach.delete')} />
                  </Popconfirm>
                </Space>
              ) : null,
          },
        ]}
      />
      {editing ? (
        <ExampleModal f={f} example={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />
      ) : null}
    </>
  );
}

function ExampleModal({
  f,
  example,
  onClose,
}: {
  f: Filters;
  example: GoodExample | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const save = useSaveExample();
  const units = useUnits(f.scope.communeId);
  const villages = useVillages(f.scope.communeId);
  const files = (Form.useWatch('files', form) ?? []) as Array<UploadFile<StoredFile>>;
  return (
    <Modal
      open
      width={640}
      title={example ? t('outreach.editExample') : t('outreach.addExample')}
      okText={t('common.save')}
      onCancel={onClose}
      confirmLoading={save.isPending}
      okButtonProps={{ disabled: isUploading(files) }}
      onOk={() => form.submit()}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={
          example
            ? {
                ...example,
                unitId: example.unit?.id,
                villageId: example.village?.id,
                files: asUploadFiles(example.files),
                links: example.links.join('\n'),
              }
            : { kind: 'good', year: f.year }
        }
        onFinish={(
          v: Record<string, unknown> & { files?: Array<UploadFile<StoredFile>>; links?: string },
        ) => {
          const { files: picked, links, ...rest } = v;
          save.mutate(
            {
              ...rest,
              ...(example ? { id: example.id } : { communeId: f.scope.communeId }),
              unitId: v.unitId ?? null,
              villageId: v.villageId ?? null,
              content: (v.content as string | undefined) ?? '',
              fileIds: uploadedIds(picked ?? []),
              links: (links ?? '').split(/\s+/).filter(Boolean),
            },
            {
              onSuccess: onClose,
              onError: (err) => {
                if (
                  !applyApiErrorToForm(form, err, [
                    'kind',
                    'year',
                    'subject',
                    'unitId',
                    'villageId',
                    'title',
                    'content',
                    'links',
                  ])
                )
                  message.error(errorMessage(err));
              },
            },
          );
        }}
      >
        <Row gutter={12}>
          <Col xs={24} md={16}>
            <Form.Item name="kind" label={t('outreach.exampleKind')} rules={[{ required: true }]}>
              <Select options={EXAMPLE_OPTIONS} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="year" label={t('outreach.year')} rules={[{ required: true }]}>
              <InputNumber min={2000} max={2100} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          name="subject"
          label={t('outreach.subject')}
          rules={[{ required: true, message: t('outreach.required') }]}
        >
          <Input />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={24} md={12}>
            <Form.Item name="unitId" label={t('outreach.unit')}>
              <Select allowClear options={(units.data ?? []).map((u) => ({ value: u.id, label: u.name }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="villageId" label={t('outreach.village')}>
              <Select
                allowClear
                options={(villages.data ?? []).map((v) => ({ value: v.id, label: v.name }))}
              />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          name="title"
          label={t('outreach.exampleTitle')}
          rules={[{ required: true, message: t('outreach.required') }]}
        >
          <Input />
        </Form.Item>
        <Form.Item name="content" label={t('outreach.content')}>
          <Input.TextArea rows={3} />
        </Form.Item>
        <Form.Item name="files" label={t('outreach.evidence')} valuePropName="value">
          <EvidenceUpload />
        </Form.Item>
        <Form.Item name="links" label={t('outreach.links')}>
          <Input.TextArea rows={2} placeholder="https://..." />
        </Form.Item>
      </Form>
    </Modal>
  );
}
