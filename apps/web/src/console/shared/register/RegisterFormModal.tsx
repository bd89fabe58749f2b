import type { AnyEndpoint, EndpointInput } from '@cqtt/contract/endpoint';
import { App, Form, Modal, type UploadFile } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../api/client';
import { useSend } from '../../../api/queries';
import { isUploading } from '../../plans/EvidenceUpload';
import { applyApiErrorToForm } from '../formErrors';
import { type Field, formBody, formValues, RegisterFields } from './fields';

/**
 * A register's form in a modal, from its field description: filled from the record being
 * edited (or the defaults of a new one), sent as the body the contract expects, the server's
 * refusals shown under their fields. `save` sends it (a create or an update of the typed client).
 */
export function RegisterFormModal<B>({
  title,
  okText,
  fields,
  row,
  defaults = {},
  communeId,
  width = 640,
  save,
  pending,
  savedMessage,
  onClose,
  intro,
  children,
}: {
  title: ReactNode;
  /** The save button's name, "Lưu" by default. */
  okText?: string;
  fields: readonly Field<B>[];
  /** The record being edited; null for a new one. */
  row: object | null;
  defaults?: Record<string, unknown>;
  /** The commune whose units and villages the pickers offer. */
  communeId?: string;
  width?: number;
  save: (body: B, callbacks: { onSuccess: () => void; onError: (err: unknown) => void }) => void;
  pending: boolean;
  savedMessage?: string;
  onClose: () => void;
  /** A line above the fields (what the record is about). */
  intro?: ReactNode;
  /** More content under the fields (a warning computed from them). */
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const files = fields.filter((f) => f.kind === 'files' || f.kind === 'file').map((f) => f.name);
  const picked = Form.useWatch(files[0] ?? '__none', form) as UploadFile[] | undefined;
  return (
    <Modal
      open
      width={width}
      title={title}
      okText={okText ?? t('common.save')}
      cancelText={t('common.cancel')}
      onCancel={onClose}
      confirmLoading={pending}
      okButtonProps={{ disabled: isUploading(picked ?? []) }}
      onOk={() => form.submit()}
    >
      {intro}
      <Form
        form={form}
        layout="vertical"
        initialValues={formValues(fields, row, defaults)}
        onFinish={(values: Record<string, unknown>) =>
          save(formBody(fields, values), {
            onSuccess: () => {
              if (savedMessage) message.success(savedMessage);
              onClose();
            },
            onError: (err) => {
              const names = fields.map((f) => f.name);
              if (!applyApiErrorToForm(form, err, names)) message.error(errorMessage(err));
            },
          })
        }
      >
        <RegisterFields fields={fields} communeId={communeId} />
        {children}
      </Form>
    </Modal>
  );
}

/**
 * The form of a register's record, new or stored: a new one goes to `create` with the page's
 * commune (and `extra`, such as the year), a stored one to `update` under its id; the lists
 * named in `invalidates` are refreshed after.
 */
export function RegisterEditor<B, C extends AnyEndpoint, U extends AnyEndpoint>({
  create,
  update,
  invalidates,
  editing,
  communeId,
  extra,
  titles,
  ...modal
}: {
  create: C;
  update: U;
  invalidates: readonly AnyEndpoint[];
  /** The stored record, or 'new'. */
  editing: { id: string } | 'new';
  communeId?: string;
  /** More of a new record's body, beyond its fields (the page's year, the village of a row). */
  extra?: Record<string, unknown>;
  /** The title for a new record, then for a stored one. */
  titles: [ReactNode, ReactNode];
} & Omit<Parameters<typeof RegisterFormModal<B>>[0], 'title' | 'row' | 'save' | 'pending'>) {
  const add = useSend(create, { invalidates });
  const change = useSend(update, { invalidates });
  return (
    <RegisterFormModal<B>
      {...modal}
      title={editing === 'new' ? titles[0] : titles[1]}
      row={editing === 'new' ? null : editing}
      communeId={communeId}
      pending={add.isPending || change.isPending}
      save={(body, callbacks) =>
        editing === 'new'
          ? add.mutate({ body: { ...body, ...extra, communeId } } as EndpointInput<C>, callbacks)
          : change.mutate({ params: { id: editing.id }, body } as EndpointInput<U>, callbacks)
      }
    />
  );
}
