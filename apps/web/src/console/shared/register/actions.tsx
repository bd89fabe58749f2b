import { DeleteOutlined, DownloadOutlined, EditOutlined } from '@ant-design/icons';
import type { AnyEndpoint, EndpointInput } from '@cqtt/contract/endpoint';
import { App, Button, Popconfirm, Space } from 'antd';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { download } from '../../../api/call';
import { errorMessage } from '../../../api/client';
import { useSend } from '../../../api/queries';

/** A record's edit and delete buttons (delete asks first, and says why when refused). */
export function RowActions({
  onEdit,
  remove,
  id,
  invalidates,
}: {
  onEdit?: () => void;
  /** The delete endpoint of the register (`/…/:id`). */
  remove?: AnyEndpoint;
  id: string;
  invalidates?: readonly AnyEndpoint[];
}) {
  const { t } = useTranslation();
  return (
    <Space>
      {onEdit ? (
        <Button size="small" icon={<EditOutlined />} aria-label={t('common.edit')} onClick={onEdit} />
      ) : null}
      {remove ? <DeleteButton remove={remove} id={id} invalidates={invalidates} /> : null}
    </Space>
  );
}

function DeleteButton<E extends AnyEndpoint>({
  remove,
  id,
  invalidates,
}: {
  remove: E;
  id: string;
  invalidates?: readonly AnyEndpoint[];
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const send = useSend(remove, { invalidates });
  return (
    <Popconfirm
      title={t('common.deleteConfirm')}
      okText={t('common.delete')}
      cancelText={t('common.cancel')}
      onConfirm={() =>
        send.mutate({ params: { id } } as EndpointInput<E>, {
          onError: (err) => message.error(errorMessage(err)),
        })
      }
    >
      <Button size="small" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} />
    </Popconfirm>
  );
}

/** Downloads what a file endpoint answers (an XLSX of the list as filtered), with the server's refusal shown. */
export function DownloadButton<E extends AnyEndpoint & { file: true }>({
  endpoint,
  input,
  fileName,
  children,
  icon = <DownloadOutlined />,
  size,
}: {
  endpoint: E;
  input: EndpointInput<E>;
  fileName: string;
  children: ReactNode;
  icon?: ReactNode;
  size?: 'small' | 'middle';
}) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  return (
    <Button
      icon={icon}
      size={size}
      loading={busy}
      onClick={async () => {
        setBusy(true);
        try {
          await download(endpoint, input, fileName);
        } catch (err) {
          message.error(errorMessage(err));
        } finally {
          setBusy(false);
        }
      }}
    >
      {children}
    </Button>
  );
}
