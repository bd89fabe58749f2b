import { FileAddOutlined } from '@ant-design/icons';
import { App, Button, Card, Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../api/client';
import { useSession } from '../auth/session';
import { useCreateDocument, useDocument } from '../documents/api';
import { DocumentActions, DocumentFacts, DraftEditor } from '../documents/DocumentParts';
import { canDraftDocument } from '../permissions';
import type { ReportDocumentRef } from './api';

/**
 * The report as a document of the register: drafted from the figures by Phòng VH-XH, its
 * narrative written here, issued by Văn phòng HĐND và UBND (or the leader), then downloaded as
 * issued. A correction replaces it.
 */
export function ReportDocumentPanel({
  kind,
  year,
  document,
}: {
  kind: 'yearly-report' | 'review-report';
  year: number;
  document: ReportDocumentRef | null;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useSession();
  const create = useCreateDocument();
  const doc = useDocument(document?.id);
  const mayDraft = canDraftDocument(me, kind);
  return (
    <Card title={t('reports.document.title')} data-testid="report-document">
      {!document ? (
        <Flex vertical gap={12} align="start">
          <Typography.Text type="secondary">{t('reports.document.none', { year })}</Typography.Text>
          {mayDraft ? (
            <Button
              type="primary"
              icon={<FileAddOutlined />}
              loading={create.isPending}
              onClick={() =>
                create.mutate(
                  { kind, year },
                  {
                    onSuccess: () => message.success(t('reports.document.drafted')),
                    onError: (err) => message.error(errorMessage(err)),
                  },
                )
              }
            >
              {t('reports.document.draft', { year })}
            </Button>
          ) : null}
        </Flex>
      ) : doc.data ? (
        <Flex vertical gap={16}>
          <DocumentFacts doc={doc.data} />
          <DocumentActions doc={doc.data} />
          {doc.data.status === 'draft' && mayDraft ? (
            <>
              <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
                {t('reports.document.editHint')}
              </Typography.Paragraph>
              <DraftEditor key={doc.data.updatedAt} doc={doc.data} />
            </>
          ) : null}
        </Flex>
      ) : (
        <Card loading variant="borderless" />
      )}
    </Card>
  );
}
