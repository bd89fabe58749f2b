import { DownloadOutlined, EditOutlined, FileDoneOutlined, SwapOutlined } from '@ant-design/icons';
import { App, Button, Descriptions, Flex, Form, Input, Modal, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../api/client';
import { useSession } from '../auth/session';
import { can, canDraftDocument } from '../permissions';
import { usePlan, usePlans } from '../plans/api';
import { defaultPlan, formatDay } from '../plans/ui';
import { applyApiErrorToForm } from '../shared/formErrors';
import {
  downloadDocument,
  type OfficialDocument,
  useCreateDocument,
  useIssueDocument,
  useUpdateDocument,
} from './api';

export function DocumentStatusTag({ doc }: { doc: Pick<OfficialDocument, 'status' | 'replacedBy'> }) {
  const { t } = useTranslation();
  if (doc.status === 'draft') return <Tag color="gold">{t('documents.status.draft')}</Tag>;
  if (doc.replacedBy) return <Tag>{t('documents.status.replaced', { number: doc.replacedBy })}</Tag>;
  return <Tag color="green">{t('documents.status.issued')}</Tag>;
}

/** The signer a new document suggests: the plan's signer of the year. */
function useDefaultSigner(year: number) {
  const plans = usePlans(undefined);
  const plan = usePlan(plans.data ? defaultPlan(plans.data, year)?.id : undefined);
  return { name: plan.data?.signerName ?? '', title: plan.data?.signerTitle ?? '' };
}

/** Văn phòng HĐND và UBND (or the leader) gives the next number: who signs, with the title. */
export function IssueModal({ doc, onClose }: { doc: OfficialDocument; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const issue = useIssueDocument();
  const signer = useDefaultSigner(doc.year);
  const [form] = Form.useForm<{ signerName: string; signerTitle: string }>();
  const titleCase = (s: string) => s.charAt(0) + s.slice(1).toLocaleLowerCase('vi-VN');
  return (
    <Modal
      open
      title={t('documents.issue.title', { kind: doc.kindLabel })}
      okText={t('documents.issue.submit')}
      cancelText={t('common.cancel')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={issue.isPending}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        {t('documents.issue.text', { symbol: doc.symbol })}
      </Typography.Paragraph>
      <Typography.Paragraph strong>{doc.subject}</Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          signerName: signer.name,
          signerTitle: signer.title ? titleCase(signer.title) : t('documents.issue.chairman'),
        }}
        onFinish={(v) =>
          issue.mutate(
            { id: doc.id, signerName: v.signerName.trim(), signerTitle: v.signerTitle.trim() },
            {
              onSuccess: (issued) => {
                message.success(t('documents.issue.done', { number: issued.fullNumber }));
                onClose();
              },
              onError: (err) => {
                if (!applyApiErrorToForm(form, err, ['signerName', 'signerTitle']))
                  message.error(errorMessage(err));
              },
            },
          )
        }
      >
        <Form.Item
          label={t('documents.issue.signerName')}
          name="signerName"
          rules={[{ required: true, whitespace: true, message: t('documents.issue.signerNameRequired') }]}
        >
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item
          label={t('documents.issue.signerTitle')}
          name="signerTitle"
          extra={t('documents.issue.signerTitleHint')}
          rules={[{ required: true, whitespace: true, message: t('documents.issue.signerTitleRequired') }]}
        >
          <Input autoComplete="off" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** The parts of a draft people write: one text area each, saved together. */
export function DraftEditor({ doc, onSaved }: { doc: OfficialDocument; onSaved?: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const update = useUpdateDocument();
  const [form] = Form.useForm<Record<string, string>>();
  return (
    <Form
      form={form}
      layout="vertical"
      data-testid="draft-editor"
      initialValues={{
        subject: doc.subject,
        recipients: doc.recipients.join('\n'),
        ...Object.fromEntries(doc.sections.map((s) => [`section.${s.key}`, s.text])),
      }}
      onFinish={(v) =>
        update.mutate(
          {
            id: doc.id,
            subject: v.subject?.trim(),
            recipients: (v.recipients ?? '')
              .split('\n')
              .map((r) => r.trim())
              .filter(Boolean),
            sections: Object.fromEntries(doc.sections.map((s) => [s.key, v[`section.${s.key}`] ?? ''])),
          },
          {
            onSuccess: () => {
              message.success(t('documents.draft.saved'));
              onSaved?.();
            },
            onError: (err) => {
              if (!applyApiErrorToForm(form, err, ['subject', 'recipients']))
                message.error(errorMessage(err));
            },
          },
        )
      }
    >
      <Form.Item
        label={t('documents.draft.subject')}
        name="subject"
        rules={[{ required: true, whitespace: true, message: t('documents.draft.subjectRequired') }]}
      >
        <Input.TextArea autoSize={{ minRows: 1, maxRows: 3 }} />
      </Form.Item>
      {doc.sections.map((s) => (
        <Form.Item key={s.key} label={s.label} name={`section.${s.key}`} extra={s.hint || undefined}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 12 }} maxLength={20_000} />
        </Form.Item>
      ))}
      <Form.Item
        label={t('documents.draft.recipients')}
        name="recipients"
        extra={t('documents.draft.recipientsHint')}
      >
        <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} />
      </Form.Item>
      <Button type="primary" htmlType="submit" icon={<EditOutlined />} loading={update.isPending}>
        {t('documents.draft.save')}
      </Button>
    </Form>
  );
}

/** Number, date and signer of an issued document, or that it is a draft. */
export function DocumentFacts({ doc }: { doc: OfficialDocument }) {
  const { t } = useTranslation();
  return (
    <Descriptions
      size="small"
      column={1}
      bordered
      data-testid="document-facts"
      items={[
        { key: 'status', label: t('common.status'), children: <DocumentStatusTag doc={doc} /> },
        ...(doc.status === 'issued'
          ? [
              { key: 'number', label: t('documents.number'), children: <strong>{doc.fullNumber}</strong> },
              { key: 'date', label: t('documents.issuedOn'), children: formatDay(doc.issuedOn) },
              {
                key: 'signer',
                label: t('documents.signer'),
                children: `${doc.signerTitle ?? ''} ${doc.signerName ?? ''}`.trim(),
              },
              {
                key: 'sha',
                label: t('documents.sha256'),
                children: (
                  <Typography.Text code copyable style={{ fontSize: 11, wordBreak: 'break-all' }}>
                    {doc.sha256}
                  </Typography.Text>
                ),
              },
            ]
          : []),
        ...(doc.replaces
          ? [
              {
                key: 'replaces',
                label: t('documents.replaces'),
                children: t('documents.replacesText', {
                  number: doc.replaces.fullNumber ?? '',
                  date: formatDay(doc.replaces.issuedOn),
                }),
              },
            ]
          : []),
      ]}
    />
  );
}

/** Download, issue and correct: what the user may do with a document. */
export function DocumentActions({
  doc,
  onReplaced,
}: {
  doc: OfficialDocument;
  onReplaced?: (id: string) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useSession();
  const [issuing, setIssuing] = useState(false);
  const create = useCreateDocument();
  const mayIssue = can(me, 'documents.issue');
  const mayDraft = canDraftDocument(me, doc.kind);
  return (
    <Flex gap={8} wrap>
      <Button
        icon={<DownloadOutlined />}
        onClick={() => downloadDocument(doc).catch((err) => message.error(errorMessage(err)))}
      >
        {doc.status === 'draft' ? t('documents.downloadDraft') : t('documents.download')}
      </Button>
      {doc.status === 'draft' && mayIssue ? (
        <Button type="primary" icon={<FileDoneOutlined />} onClick={() => setIssuing(true)}>
          {t('documents.issue.button')}
        </Button>
      ) : null}
      {doc.status === 'issued' && !doc.replacedBy && mayDraft ? (
        <Button
          icon={<SwapOutlined />}
          loading={create.isPending}
          onClick={() =>
            create.mutate(
              { kind: doc.kind, year: doc.year, replacesId: doc.id, recordId: doc.recordId ?? undefined },
              {
                onSuccess: (r) => {
                  message.success(t('documents.replaceCreated'));
                  onReplaced?.(r.id);
                },
                onError: (err) => message.error(errorMessage(err)),
              },
            )
          }
        >
          {t('documents.replace')}
        </Button>
      ) : null}
      {issuing ? <IssueModal doc={doc} onClose={() => setIssuing(false)} /> : null}
    </Flex>
  );
}
