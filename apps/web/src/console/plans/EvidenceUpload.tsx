import { UploadOutlined } from '@ant-design/icons';
import { App, Button, Typography, Upload, type UploadFile } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../api/client';
import { formatNumber } from '../shared/format';
import { uploadFile } from './api';
import type { StoredFile } from './types';

/** What the server accepts as evidence (docs/contracts/plans-api.md). */
export const EVIDENCE_MAX_BYTES = 10 * 1024 * 1024;
export const EVIDENCE_TYPES: Record<string, string[]> = {
  'application/pdf': ['.pdf'],
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': ['.docx'],
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': ['.xlsx'],
  'image/jpeg': ['.jpg', '.jpeg'],
  'image/png': ['.png'],
  'image/webp': ['.webp'],
};
const EXTENSIONS = Object.values(EVIDENCE_TYPES).flat();
const ACCEPT = [...Object.keys(EVIDENCE_TYPES), ...EXTENSIONS].join(',');

function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot < 0 ? '' : name.slice(dot).toLowerCase();
}

/** Why a file cannot be evidence, before sending it; null when it may go. */
export function evidenceProblem(file: { name: string; size: number }, t: TFunction): string | null {
  if (!EXTENSIONS.includes(extensionOf(file.name))) return t('plans.evidence.badType', { name: file.name });
  if (file.size > EVIDENCE_MAX_BYTES) return t('plans.evidence.tooBig', { name: file.name, max: 10 });
  if (file.size === 0) return t('plans.evidence.empty', { name: file.name });
  return null;
}

export function formatBytes(size: number): string {
  if (size < 1024) return `${size} B`;
  if (size < 1024 * 1024) return `${formatNumber(size / 1024, 'vi', 0)} KB`;
  return `${formatNumber(size / 1024 / 1024, 'vi', 1)} MB`;
}

/** Files uploaded and kept (their ids go with the note). */
export function uploadedIds(list: ReadonlyArray<UploadFile<StoredFile>>): string[] {
  return list.filter((f) => f.status === 'done' && f.response?.id).map((f) => f.response!.id);
}

export function isUploading(list: ReadonlyArray<UploadFile<StoredFile>>): boolean {
  return list.some((f) => f.status === 'uploading');
}

/**
 * Evidence files of a progress note: each is sent to POST /api/files as soon as it is picked;
 * a refusal shows the server's message on the file and as a toast.
 */
export function EvidenceUpload({
  id,
  value = [],
  onChange,
  disabled,
}: {
  id?: string;
  value?: Array<UploadFile<StoredFile>>;
  onChange?: (list: Array<UploadFile<StoredFile>>) => void;
  disabled?: boolean;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  return (
    <>
      <Upload<StoredFile>
        id={id}
        multiple
        accept={ACCEPT}
        fileList={value}
        disabled={disabled}
        beforeUpload={(file) => {
          const problem = evidenceProblem(file, t);
          if (problem) {
            message.error(problem);
            return Upload.LIST_IGNORE;
          }
          return true;
        }}
        customRequest={({ file, onSuccess, onError }) => {
          const controller = new AbortController();
          uploadFile(file as File, controller.signal).then(
            (stored) => onSuccess?.(stored),
            (err: unknown) => {
              if (err instanceof DOMException && err.name === 'AbortError') return;
              const text = errorMessage(err);
              const name = (file as File).name;
              // The server's refusal usually names the file already.
              message.error(text.includes(name) ? text : t('plans.evidence.refused', { name, reason: text }));
              onError?.(Object.assign(new Error(text), { status: 0 }));
            },
          );
          return { abort: () => controller.abort() };
        }}
        onChange={({ fileList }) => onChange?.(fileList)}
        showUploadList={{ showRemoveIcon: true, showDownloadIcon: false, showPreviewIcon: false }}
      >
        <Button icon={<UploadOutlined />} disabled={disabled}>
          {t('plans.evidence.pick')}
        </Button>
      </Upload>
      <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block', marginTop: 4 }}>
        {t('plans.evidence.hint', { max: 10 })}
      </Typography.Text>
    </>
  );
}
