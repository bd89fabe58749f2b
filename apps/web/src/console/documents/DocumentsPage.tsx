import { FileAddOutlined, FileExcelOutlined } from '@ant-design/icons';
import { DOCUMENT_KIND_INFO, DOCUMENT_KINDS, type DocumentKind } from '@cqtt/domain/documents/documents';
import {
  App,
  Button,
  Card,
  Drawer,
  Flex,
  Form,
  Grid,
  Input,
  Modal,
  Select,
  Table,
  type TableColumnsType,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../api/client';
import { useSession } from '../auth/session';
import { canDraftDocument } from '../permissions';
import { usePlans } from '../plans/api';
import { formatDay, useParam, useYearParam, YearPicker } from '../plans/ui';
import { EmptyState, QueryError, usePagination } from '../shared/feedback';
import { PageHeader } from '../shared/PageHeader';
import { useDebounced } from '../shared/useDebounced';
import { useDocumentTitle } from '../shared/useDocumentTitle';
import { downloadRegister, type OfficialDocument, useCreateDocument, useDocument, useDocuments } from './api';
import { DocumentActions, DocumentFacts, DocumentStatusTag, DraftEditor } from './DocumentParts';

function NewDocumentModal({
  year,
  onClose,
  onCreated,
}: {
  year: number;
  onClose: () => void;
  onCreated: (id: string) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useSession();
  const create = useCreateDocument();
  const [form] = Form.useForm<{ kind: DocumentKind; year: number }>();
  const kinds = DOCUMENT_KINDS.filter((k) => k !== 'self-assessment-report' && canDraftDocument(me, k));
  return (
    <Modal
      open
      title={t('documents.new.title')}
      okText={t('documents.new.submit')}
      cancelText={t('common.cancel')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={create.isPending}
    >
      <Typography.Paragraph type="secondary">{t('documents.new.text')}</Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ kind: kinds[0], year }}
        onFinish={(v) =>
          create.mutate(v, {
            onSuccess: (r) => {
              message.success(t('documents.new.done'));
              onCreated(r.id);
            },
            onError: (err) => message.error(errorMessage(err)),
          })
        }
      >
        <Form.Item label={t('documents.kind')} name="kind" rules={[{ required: true }]}>
          <Select options={kinds.map((k) => ({ value: k, label: DOCUMENT_KIND_INFO[k].label }))} />
        </Form.Item>
        <Form.Item
          label={t('documents.year')}
          name="year"
          extra={t('documents.new.yearHint')}
          rules={[{ required: true }]}
        >
          <Select
            options={[year - 1, year, year + 1].map((y) => ({
              value: y,
              label: t('plans.yearLabel', { year: y }),
            }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** One document: its facts and actions; a draft also its editor. */
export function DocumentDrawer({
  id,
  onClose,
  onOpen,
}: {
  id: string | undefined;
  onClose: () => void;
  onOpen: (id: string) => void;
}) {
  const { t } = useTranslation();
  const me = useSession();
  const doc = useDocument(id);
  const narrow = !Grid.useBreakpoint().md;
  const d = doc.data;
  return (
    <Drawer
      open={Boolean(id)}
      onClose={onClose}
      size={narrow ? '100%' : 760}
      destroyOnHidden
      loading={doc.isLoading}
      title={d ? `${d.kindLabel}${d.fullNumber ? ` số ${d.fullNumber}` : ''}` : t('common.loading')}
    >
      {doc.error ? <QueryError error={doc.error} /> : null}
      {d ? (
        <Flex vertical gap={16} data-testid="document-drawer">
          <Typography.Title level={5} style={{ margin: 0 }}>
            {d.subject}
          </Typography.Title>
          <DocumentFacts doc={d} />
          <DocumentActions doc={d} onReplaced={onOpen} />
          {d.status === 'draft' && canDraftDocument(me, d.kind) ? (
            <Card size="small" title={t('documents.draft.title')}>
              <DraftEditor key={d.updatedAt} doc={d} />
            </Card>
          ) : null}
        </Flex>
      ) : null}
    </Drawer>
  );
}

/**
 * The register of issued documents (sổ đăng ký văn bản đi) of a year, and the drafts waiting for
 * a number: Văn phòng HĐND và UBND issues them, everyone downloads them, Phòng VH-XH drafts them.
 */
export default function DocumentsPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('documents.title'));
  const { message } = App.useApp();
  const me = useSession();
  const pagination = usePagination();
  const [year, setYear] = useYearParam();
  const [q, setQ] = useParam('q');
  const [kind, setKind] = useParam('kind');
  const [open, setOpen] = useParam('doc');
  const [creating, setCreating] = useState(false);
  const search = useDebounced(q ?? '', 300);
  const plans = usePlans(undefined, me.commune !== null);
  const filter = { year, q: search || undefined, kind: (kind as DocumentKind | undefined) || undefined };
  const list = useDocuments(filter);
  const mayDraft = DOCUMENT_KINDS.some((k) => canDraftDocument(me, k));

  const columns: TableColumnsType<OfficialDocument> = [
    {
      title: t('documents.number'),
      key: 'number',
      width: 130,
      render: (_, d) => (d.fullNumber ? <strong>{d.fullNumber}</strong> : <DocumentStatusTag doc={d} />),
    },
    { title: t('documents.issuedOn'), key: 'date', width: 110, render: (_, d) => formatDay(d.issuedOn) },
    {
      title: t('documents.subject'),
      key: 'subject',
      render: (_, d) => (
        <div style={{ minWidth: 260 }}>
          <button type="button" className="cqtt-link-button" onClick={() => setOpen(d.id)}>
            <span className="cqtt-clamp-3">
              {d.kindLabel}: {d.subject}
            </span>
          </button>
          {d.replaces?.fullNumber ? (
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
              {t('documents.replacesText', {
                number: d.replaces.fullNumber,
                date: formatDay(d.replaces.issuedOn),
              })}
            </Typography.Text>
          ) : null}
        </div>
      ),
    },
    {
      title: t('documents.signer'),
      key: 'signer',
      width: 170,
      render: (_, d) => (d.signerName ? `${d.signerTitle ?? ''} ${d.signerName}`.trim() : ''),
    },
    {
      title: t('documents.recipients'),
      key: 'recipients',
      width: 220,
      render: (_, d) => d.recipients.join('; '),
    },
    { title: t('common.status'), key: 'status', width: 150, render: (_, d) => <DocumentStatusTag doc={d} /> },
  ];

  return (
    <>
      <PageHeader
        title={t('documents.title')}
        subtitle={t('documents.subtitle')}
        extra={
          <Flex gap={8} wrap>
            <YearPicker value={year} onChange={setYear} plans={plans.data ?? []} />
            {mayDraft ? (
              <Button type="primary" icon={<FileAddOutlined />} onClick={() => setCreating(true)}>
                {t('documents.new.button')}
              </Button>
            ) : null}
          </Flex>
        }
      />
      <Card>
        <Flex gap={8} wrap style={{ marginBottom: 16 }}>
          <Input.Search
            allowClear
            placeholder={t('documents.search')}
            aria-label={t('documents.search')}
            defaultValue={q}
            onChange={(e) => setQ(e.target.value || undefined)}
            style={{ width: 320 }}
          />
          <Select
            allowClear
            aria-label={t('documents.kind')}
            placeholder={t('documents.allKinds')}
            value={kind}
            onChange={(v) => setKind(v)}
            style={{ width: 260 }}
            options={DOCUMENT_KINDS.map((k) => ({ value: k, label: DOCUMENT_KIND_INFO[k].label }))}
          />
          <Button
            icon={<FileExcelOutlined />}
            onClick={() => downloadRegister(filter).catch((err) => message.error(errorMessage(err)))}
          >
            {t('documents.exportXlsx')}
          </Button>
        </Flex>
        {list.error ? <QueryError error={list.error} onRetry={() => void list.refetch()} /> : null}
        <Table<OfficialDocument>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={list.data ?? []}
          loading={list.isLoading}
          pagination={{ ...pagination, defaultPageSize: 20 }}
          locale={{ emptyText: <EmptyState description={t('documents.empty', { year })} /> }}
          scroll={{ x: 1000 }}
        />
      </Card>
      {creating ? (
        <NewDocumentModal
          year={year}
          onClose={() => setCreating(false)}
          onCreated={(id) => {
            setCreating(false);
            setOpen(id);
          }}
        />
      ) : null}
      <DocumentDrawer id={open} onClose={() => setOpen(undefined)} onOpen={setOpen} />
    </>
  );
}
