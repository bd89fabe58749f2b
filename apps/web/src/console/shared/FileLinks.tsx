import { Space, type UploadFile } from 'antd';
import type { StoredFile } from '../plans/types';

/** Stored files as the upload field shows them when a record is edited. */
export const asUploadFiles = (files: StoredFile[]): Array<UploadFile<StoredFile>> =>
  files.map((f) => ({ uid: f.id, name: f.name, status: 'done', response: f }));

/** A record's files (downloads, never shown inline) and links, one per line. */
export function FileLinks({ files, links = [] }: { files: StoredFile[]; links?: string[] }) {
  return (
    <Space orientation="vertical" size={0}>
      {files.map((f) => (
        <a key={f.id} href={`/api/files/${encodeURIComponent(f.id)}`} download={f.name}>
          {f.name}
        </a>
      ))}
      {links.map((l) => (
        <a key={l} href={l} target="_blank" rel="noreferrer noopener">
          {l}
        </a>
      ))}
    </Space>
  );
}
