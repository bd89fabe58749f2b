import { DownloadOutlined, PlusOutlined, QrcodeOutlined, UploadOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Select,
  Space,
  Switch,
  Table,
  Tabs,
  Tag,
  Typography,
  Upload,
} from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, errorMessage } from '../../api/client';
import { CommunePicker, useCommuneScope } from '../shared/CommunePicker';
import { EmptyState, QueryError } from '../shared/feedback';
import { formatDateTime } from '../shared/format';
import { PageHeader } from '../shared/PageHeader';
import { useDocumentTitle } from '../shared/useDocumentTitle';
import {
  type Counter,
  type Kiosk,
  type Official,
  type Procedure,
  useKiosks,
  useSatisfactionWrite,
  useSetup,
} from './api';
import { QuestionnaireTab } from './QuestionnaireTab';

type Editing<T> = { row: T | null } | null;

function FormModal<T extends object>(props: {
  title: string;
  initial: Partial<T>;
  onClose: () => void;
  onSubmit: (values: T) => Promise<unknown>;
  children: React.ReactNode;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<T>();
  const [busy, setBusy] = useState(false);
  return (
    <Modal
      open
      title={props.title}
      onCancel={props.onClose}
      confirmLoading={busy}
      okText={t('common.save')}
      onOk={() =>
        form.validateFields().then(async (values) => {
          setBusy(true);
          try {
            await props.onSubmit(values);
            message.success(t('satisfaction.saved'));
            props.onClose();
          } catch (err) {
            message.error(errorMessage(err));
          } finally {
            setBusy(false);
          }
        })
      }
    >
      <Form form={form} layout="vertical" initialValues={props.initial as never}>
        {props.children}
      </Form>
    </Modal>
  );
}

/** The QR poster: the server's SVG shown, printed, or turned into a PNG in the browser. */
function PosterModal({ counter, onClose }: { counter: Counter; onClose: () => void }) {
  const { t } = useTranslation();
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    let objectUrl: string | null = null;
    void fetch(`/api/counters/${counter.id}/poster`, { credentials: 'same-origin' })
      .then((r) => r.blob())
      .then((b) => {
        objectUrl = URL.createObjectURL(new Blob([b], { type: 'image/svg+xml' }));
        setUrl(objectUrl);
      });
    return () => {
      if (objectUrl) URL.revokeObjectURL(objectUrl);
    };
  }, [counter.id]);
  const downloadPng = () => {
    if (!url) return;
    const img = new Image();
    img.onload = () => {
      // A5 at 150 dpi
      const canvas = document.createElement('canvas');
      canvas.width = 874;
      canvas.height = 1240;
      const ctx = canvas.getContext('2d');
      if (!ctx) return;
      ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
      canvas.toBlob((png) => {
        if (!png) return;
        const a = document.createElement('a');
        a.href = URL.createObjectURL(png);
        a.download = `poster-quay-${counter.number}.png`;
        a.click();
      }, 'image/png');
    };
    img.src = url;
  };
  const print = () => {
    const w = window.open('', '_blank');
    if (!w || !url) return;
    w.document.write(`<img src="${url}" style="width:148mm;height:210mm" onload="window.print()">`);
  };
  return (
    <Modal
      open
      width={520}
      title={t('satisfaction.posterTitle', { number: counter.number })}
      onCancel={onClose}
      footer={null}
    >
      {url ? (
        <img
          src={url}
          alt={t('satisfaction.posterAlt', { number: counter.number })}
          style={{ width: '100%', border: '1px solid #eee' }}
        />
      ) : null}
      <p style={{ wordBreak: 'break-all' }}>
        <a href={counter.link} target="_blank" rel="noreferrer">
          {counter.link}
        </a>
      </p>
      <Space>
        <Button icon={<DownloadOutlined />} onClick={downloadPng} disabled={!url}>
          {t('satisfaction.downloadPng')}
        </Button>
        <Button onClick={print} disabled={!url}>
          {t('satisfaction.print')}
        </Button>
      </Space>
    </Modal>
  );
}

/** Counter tablets: registered with a key shown once, revoked when lost. */
function KiosksTab({ communeId, counters }: { communeId?: string; counters: Counter[] }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const kiosks = useKiosks(communeId);
  const [adding, setAdding] = useState(false);
  const [link, setLink] = useState<{ name: string; link: string } | null>(null);
  const register = useSatisfactionWrite((v: { name: string; counterId: string | null }) =>
    api.post<{ id: string; key: string; link: string }>('/api/rating-kiosks', { ...v, communeId }),
  );
  const revoke = useSatisfactionWrite((id: string) => api.post(`/api/rating-kiosks/${id}/revoke`));
  if (kiosks.error) return <QueryError error={kiosks.error} onRetry={() => void kiosks.refetch()} />;
  return (
    <>
      <Typography.Paragraph type="secondary">{t('satisfaction.kiosksHelp')}</Typography.Paragraph>
      <Button
        icon={<PlusOutlined />}
        type="primary"
        onClick={() => setAdding(true)}
        style={{ marginBottom: 12 }}
      >
        {t('satisfaction.addKiosk')}
      </Button>
      <Table<Kiosk>
        rowKey="id"
        size="small"
        loading={kiosks.isLoading}
        pagination={false}
        dataSource={kiosks.data ?? []}
        columns={[
          { title: t('satisfaction.kioskName'), dataIndex: 'name' },
          {
            title: t('satisfaction.kioskCounter'),
            dataIndex: 'counter',
            render: (v: string | null) => v ?? '',
          },
          {
            title: t('satisfaction.kioskCreated'),
            dataIndex: 'createdAt',
            width: 150,
            render: (v: string) => formatDateTime(v),
          },
          {
            title: t('satisfaction.kioskLastRating'),
            dataIndex: 'lastRatingAt',
            width: 150,
            render: (v: string | null) => (v ? formatDateTime(v) : '—'),
          },
          {
            title: '',
            key: 'actions',
            width: 140,
            render: (_: unknown, k) =>
              k.revokedAt ? (
                <Tag>{t('satisfaction.kioskRevoked')}</Tag>
              ) : (
                <Popconfirm
                  title={t('satisfaction.kioskRevokeConfirm')}
                  onConfirm={() =>
                    revoke.mutateAsync(k.id).then(
                      () => message.success(t('satisfaction.saved')),
                      (err) => message.error(errorMessage(err)),
                    )
                  }
                >
                  <Button size="small" danger>
                    {t('satisfaction.kioskRevoke')}
                  </Button>
                </Popconfirm>
              ),
          },
        ]}
      />
      {adding && (
        <FormModal<{ name: string; counterId: string | null }>
          title={t('satisfaction.addKiosk')}
          initial={{ counterId: null }}
          onClose={() => setAdding(false)}
          onSubmit={async (v) => {
            const r = (await register.mutateAsync({ name: v.name, counterId: v.counterId ?? null })) as {
              link: string;
            };
            setLink({ name: v.name, link: r.link });
          }}
        >
          <Form.Item
            name="name"
            label={t('satisfaction.kioskName')}
            rules={[{ required: true, whitespace: true }]}
          >
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="counterId" label={t('satisfaction.kioskCounter')}>
            <Select
              allowClear
              options={counters.map((c) => ({ value: c.id, label: `${c.number} - ${c.name}` }))}
            />
          </Form.Item>
        </FormModal>
      )}
      {link && (
        <Modal
          open
          title={t('satisfaction.kioskLinkTitle', { name: link.name })}
          onCancel={() => setLink(null)}
          footer={<Button onClick={() => setLink(null)}>{t('satisfaction.close')}</Button>}
        >
          <Typography.Paragraph>{t('satisfaction.kioskLinkHelp')}</Typography.Paragraph>
          <Typography.Paragraph copyable code style={{ wordBreak: 'break-all' }}>
            {link.link}
          </Typography.Paragraph>
        </Modal>
      )}
    </>
  );
}

/** One dossier entered by hand, before the one-stop system's list is imported. */
function EnterDossier({ communeId }: { communeId?: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ code: string; procedureCode?: string }>();
  const enter = useSatisfactionWrite((v: { code: string; procedureCode?: string }) =>
    api.post('/api/satisfaction/dossiers', { ...v, communeId }),
  );
  return (
    <Card size="small" title={t('satisfaction.enterDossier')}>
      <Typography.Paragraph type="secondary">{t('satisfaction.enterDossierHelp')}</Typography.Paragraph>
      <Form
        form={form}
        layout="inline"
        onFinish={async (v) => {
          try {
            await enter.mutateAsync({
              code: v.code,
              ...(v.procedureCode ? { procedureCode: v.procedureCode } : {}),
            });
            message.success(t('satisfaction.dossierEntered', { code: v.code.trim().toUpperCase() }));
            form.resetFields();
          } catch (err) {
            message.error(errorMessage(err));
          }
        }}
      >
        <Form.Item
          name="code"
          label={t('satisfaction.dossierCode')}
          rules={[{ required: true, whitespace: true }]}
        >
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item name="procedureCode" label={t('satisfaction.procedureCode')}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item>
          <Button htmlType="submit" loading={enter.isPending}>
            {t('common.save')}
          </Button>
        </Form.Item>
      </Form>
    </Card>
  );
}

export default function SetupPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('satisfaction.setupTitle'));
  const { message } = App.useApp();
  const scope = useCommuneScope();
  const { counters, officials, procedures } = useSetup(scope.communeId, scope.ready);
  const [counterEdit, setCounterEdit] = useState<Editing<Counter>>(null);
  const [officialEdit, setOfficialEdit] = useState<Editing<Official>>(null);
  const [procedureEdit, setProcedureEdit] = useState<Editing<Procedure>>(null);
  const [poster, setPoster] = useState<Counter | null>(null);
  const communeId = scope.communeId;
  const saveCounter = useSatisfactionWrite((v: { id?: string; body: object }) =>
    v.id ? api.patch(`/api/counters/${v.id}`, v.body) : api.post('/api/counters', { ...v.body, communeId }),
  );
  const saveOfficial = useSatisfactionWrite((v: { id?: string; body: object }) =>
    v.id
      ? api.patch(`/api/service-officials/${v.id}`, v.body)
      : api.post('/api/service-officials', { ...v.body, communeId }),
  );
  const saveProcedure = useSatisfactionWrite((v: { id?: string; body: object }) =>
    v.id
      ? api.patch(`/api/procedures/${v.id}`, v.body)
      : api.post('/api/procedures', { ...v.body, communeId }),
  );
  const importDossiers = useSatisfactionWrite((v: { fileName: string; contentBase64: string }) =>
    api.post<{ imported: number }>('/api/satisfaction/dossiers/import', { ...v, communeId }),
  );
  const error = counters.error ?? officials.error ?? procedures.error;
  const counterName = new Map((counters.data ?? []).map((c) => [c.id, `${c.number} - ${c.name}`]));
  const active = (v: boolean) =>
    v ? <Tag color="green">{t('satisfaction.active')}</Tag> : <Tag>{t('satisfaction.inactive')}</Tag>;

  return (
    <>
      <PageHeader
        title={t('satisfaction.setupTitle')}
        subtitle={t('satisfaction.setupSubtitle')}
        extra={scope.cityLevel && <CommunePicker value={scope.communeId} onChange={scope.setCommuneId} />}
      />
      {!scope.ready ? (
        <EmptyState description={t('org.pickCommunePlaceholder')} />
      ) : error ? (
        <QueryError error={error} />
      ) : (
        <Card size="small">
          <Tabs
            items={[
              {
                key: 'counters',
                label: t('satisfaction.counters'),
                children: (
                  <>
                    <Button
                      icon={<PlusOutlined />}
                      type="primary"
                      onClick={() => setCounterEdit({ row: null })}
                      style={{ marginBottom: 12 }}
                    >
                      {t('satisfaction.addCounter')}
                    </Button>
                    <Table<Counter>
                      rowKey="id"
                      size="small"
                      loading={counters.isLoading}
                      pagination={false}
                      dataSource={counters.data ?? []}
                      columns={[
                        { title: t('satisfaction.col.number'), dataIndex: 'number', width: 80 },
                        { title: t('satisfaction.col.name'), dataIndex: 'name' },
                        {
                          title: t('satisfaction.officials'),
                          key: 'o',
                          render: (_: unknown, c) => c.officials.map((o) => o.fullName).join(', '),
                        },
                        { title: '', dataIndex: 'isActive', width: 120, render: active },
                        {
                          title: '',
                          key: 'actions',
                          width: 220,
                          render: (_: unknown, c) => (
                            <Space>
                              <Button size="small" icon={<QrcodeOutlined />} onClick={() => setPoster(c)}>
                                {t('satisfaction.poster')}
                              </Button>
                              <Button size="small" onClick={() => setCounterEdit({ row: c })}>
                                {t('common.edit')}
                              </Button>
                            </Space>
                          ),
                        },
                      ]}
                    />
                  </>
                ),
              },
              {
                key: 'officials',
                label: t('satisfaction.officials'),
                children: (
                  <>
                    <Button
                      icon={<PlusOutlined />}
                      type="primary"
                      onClick={() => setOfficialEdit({ row: null })}
                      style={{ marginBottom: 12 }}
                    >
                      {t('satisfaction.addOfficial')}
                    </Button>
                    <Table<Official>
                      rowKey="id"
                      size="small"
                      loading={officials.isLoading}
                      pagination={false}
                      dataSource={officials.data ?? []}
                      columns={[
                        { title: t('satisfaction.col.name'), dataIndex: 'fullName' },
                        { title: t('satisfaction.col.title'), dataIndex: 'title' },
                        {
                          title: t('satisfaction.col.counter'),
                          dataIndex: 'counterId',
                          render: (v: string | null) => (v ? counterName.get(v) : ''),
                        },
                        {
                          title: t('satisfaction.col.account'),
                          dataIndex: 'username',
                          render: (v: string | null) => v ?? '',
                        },
                        { title: '', dataIndex: 'isActive', width: 120, render: active },
                        {
                          title: '',
                          key: 'actions',
                          width: 100,
                          render: (_: unknown, o) => (
                            <Button size="small" onClick={() => setOfficialEdit({ row: o })}>
                              {t('common.edit')}
                            </Button>
                          ),
                        },
                      ]}
                    />
                  </>
                ),
              },
              {
                key: 'procedures',
                label: t('satisfaction.procedures'),
                children: (
                  <>
                    <Button
                      icon={<PlusOutlined />}
                      type="primary"
                      onClick={() => setProcedureEdit({ row: null })}
                      style={{ marginBottom: 12 }}
                    >
                      {t('satisfaction.addProcedure')}
                    </Button>
                    <Table<Procedure>
                      rowKey="id"
                      size="small"
                      loading={procedures.isLoading}
                      pagination={false}
                      dataSource={procedures.data ?? []}
                      columns={[
                        { title: t('satisfaction.col.code'), dataIndex: 'code', width: 130 },
                        { title: t('satisfaction.col.name'), dataIndex: 'name' },
                        { title: t('satisfaction.col.field'), dataIndex: 'field', width: 180 },
                        { title: '', dataIndex: 'isActive', width: 120, render: active },
                        {
                          title: '',
                          key: 'actions',
                          width: 100,
                          render: (_: unknown, p) => (
                            <Button size="small" onClick={() => setProcedureEdit({ row: p })}>
                              {t('common.edit')}
                            </Button>
                          ),
                        },
                      ]}
                    />
                  </>
                ),
              },
              {
                key: 'questionnaire',
                label: t('satisfaction.questionnaires'),
                children: <QuestionnaireTab communeId={scope.communeId} enabled={scope.ready} />,
              },
              {
                key: 'kiosks',
                label: t('satisfaction.kiosks'),
                children: <KiosksTab communeId={scope.communeId} counters={counters.data ?? []} />,
              },
              {
                key: 'dossiers',
                label: t('satisfaction.dossiers'),
                children: (
                  <Space direction="vertical" style={{ width: '100%' }}>
                    <span>{t('satisfaction.dossiersHelp')}</span>
                    <Upload
                      accept=".csv,.xlsx"
                      showUploadList={false}
                      beforeUpload={(file) => {
                        const reader = new FileReader();
                        reader.onload = async () => {
                          const base64 = String(reader.result).split(',')[1] ?? '';
                          try {
                            const r = await importDossiers.mutateAsync({
                              fileName: file.name,
                              contentBase64: base64,
                            });
                            message.success(
                              t('satisfaction.imported', { n: (r as { imported: number }).imported }),
                            );
                          } catch (err) {
                            message.error(errorMessage(err));
                          }
                        };
                        reader.readAsDataURL(file);
                        return false;
                      }}
                    >
                      <Button icon={<UploadOutlined />} loading={importDossiers.isPending}>
                        {t('satisfaction.importDossiers')}
                      </Button>
                    </Upload>
                    <EnterDossier communeId={scope.communeId} />
                  </Space>
                ),
              },
            ]}
          />
        </Card>
      )}
      {poster && <PosterModal counter={poster} onClose={() => setPoster(null)} />}
      {counterEdit && (
        <FormModal<{ number: number; name: string; isActive: boolean }>
          title={counterEdit.row ? t('satisfaction.editCounter') : t('satisfaction.addCounter')}
          initial={counterEdit.row ?? { isActive: true }}
          onClose={() => setCounterEdit(null)}
          onSubmit={(body) => saveCounter.mutateAsync({ id: counterEdit.row?.id, body })}
        >
          <Form.Item name="number" label={t('satisfaction.col.number')} rules={[{ required: true }]}>
            <InputNumber min={1} max={999} />
          </Form.Item>
          <Form.Item
            name="name"
            label={t('satisfaction.col.name')}
            rules={[{ required: true, whitespace: true }]}
          >
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="isActive" label={t('satisfaction.active')} valuePropName="checked">
            <Switch />
          </Form.Item>
        </FormModal>
      )}
      {officialEdit && (
        <FormModal<{ fullName: string; title: string; counterId: string | null; isActive: boolean }>
          title={officialEdit.row ? t('satisfaction.editOfficial') : t('satisfaction.addOfficial')}
          initial={officialEdit.row ?? { isActive: true, counterId: null }}
          onClose={() => setOfficialEdit(null)}
          onSubmit={(body) =>
            saveOfficial.mutateAsync({
              id: officialEdit.row?.id,
              body: { ...body, counterId: body.counterId ?? null },
            })
          }
        >
          <Form.Item
            name="fullName"
            label={t('satisfaction.col.name')}
            rules={[{ required: true, whitespace: true }]}
          >
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="title" label={t('satisfaction.col.title')}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="counterId" label={t('satisfaction.col.counter')}>
            <Select
              allowClear
              options={(counters.data ?? []).map((c) => ({ value: c.id, label: `${c.number} - ${c.name}` }))}
            />
          </Form.Item>
          <Form.Item name="isActive" label={t('satisfaction.active')} valuePropName="checked">
            <Switch />
          </Form.Item>
        </FormModal>
      )}
      {procedureEdit && (
        <FormModal<{ code: string; name: string; field: string; isActive: boolean }>
          title={procedureEdit.row ? t('satisfaction.editProcedure') : t('satisfaction.addProcedure')}
          initial={procedureEdit.row ?? { isActive: true }}
          onClose={() => setProcedureEdit(null)}
          onSubmit={(body) => saveProcedure.mutateAsync({ id: procedureEdit.row?.id, body })}
        >
          <Form.Item
            name="code"
            label={t('satisfaction.col.code')}
            rules={[{ required: true, whitespace: true }]}
          >
            <Input maxLength={50} />
          </Form.Item>
          <Form.Item
            name="name"
            label={t('satisfaction.col.name')}
            rules={[{ required: true, whitespace: true }]}
          >
            <Input maxLength={500} />
          </Form.Item>
          <Form.Item name="field" label={t('satisfaction.col.field')}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="isActive" label={t('satisfaction.active')} valuePropName="checked">
            <Switch />
          </Form.Item>
        </FormModal>
      )}
    </>
  );
}
