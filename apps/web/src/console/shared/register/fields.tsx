import type { FileRef } from '@cqtt/contract/shared';
import {
  AutoComplete,
  Checkbox,
  Col,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Radio,
  Row,
  Select,
  type UploadFile,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useUnits, useVillages } from '../../org/api';
import { EvidenceUpload, uploadedIds } from '../../plans/EvidenceUpload';
import { asUploadFiles } from '../FileLinks';

/**
 * The fields of a register's form, described once: each names the body field it writes, its
 * label and its kind; the kind decides the input, how a stored record fills it and how its
 * value goes back into the body (a date as YYYY-MM-DD, files as their ids, an empty optional
 * text as '', a cleared unit as null...).
 */
export type FieldKind =
  | 'text'
  | 'textarea'
  | 'number'
  | 'money'
  | 'year'
  | 'date'
  | 'select'
  | 'suggest'
  | 'multiselect'
  | 'checkboxes'
  | 'radio'
  | 'checkbox'
  | 'unit'
  | 'village'
  | 'files'
  | 'file'
  | 'links';

export interface Field<B> {
  /** The body field it writes (`heldOn`, `unitId`, `fileIds`). */
  name: keyof B & string;
  label: ReactNode;
  kind: FieldKind;
  /** Required always, or when the form's values say so (a reason once an amount is over). */
  required?: boolean | ((values: Record<string, unknown>) => boolean);
  /** The message when a required field is empty; "Vui lòng nhập trường này." by default. */
  requiredMessage?: string;
  /** An emptied optional date is sent as null (it clears); otherwise left out. */
  nullable?: boolean;
  /** Width in a 24-column row on a wide screen; 24 by default. */
  span?: number;
  options?: ReadonlyArray<{ value: string | number | boolean; label: ReactNode }>;
  placeholder?: string;
  rows?: number;
  /** The value a stored record gives it, when it is not the record's field of the same name. */
  from?: (row: never) => unknown;
  /** A select's options searched on the server as the user types (e.g. the library's documents). */
  onSearch?: (text: string) => void;
  /** Shown but not changeable (a focal's own unit, a code once given). */
  disabled?: boolean;
  /** At most this many characters (the contract's bound, checked before sending). */
  max?: number;
  /** A rule on the text, with the message when it fails. */
  pattern?: { test: RegExp; message: string };
  /** What the typed text becomes (a code in capitals without spaces). */
  normalize?: (value: string | undefined) => string | undefined;
  /** A hint under the input. */
  extra?: ReactNode;
  /** Hidden unless the form's values say otherwise. */
  visible?: (values: Record<string, unknown>) => boolean;
}

/** The form's values from a stored record (or the defaults of a new one). */
export function formValues<B>(
  fields: readonly Field<B>[],
  row: object | null,
  defaults: Record<string, unknown>,
): Record<string, unknown> {
  if (!row) return defaults;
  const record = row as Record<string, unknown>;
  const values: Record<string, unknown> = {};
  for (const field of fields) {
    const raw = field.from
      ? (field.from as (r: unknown) => unknown)(row)
      : field.kind === 'unit'
        ? (record.unit as { id: string } | null)?.id
        : field.kind === 'village'
          ? (record.village as { id: string } | null)?.id
          : field.kind === 'files'
            ? record.files
            : field.kind === 'file'
              ? [record.file].filter(Boolean)
              : record[field.name];
    values[field.name] = toInput(field.kind, raw);
  }
  return values;
}

function toInput(kind: FieldKind, value: unknown): unknown {
  if (value === null || value === undefined) return kind === 'files' || kind === 'file' ? [] : undefined;
  switch (kind) {
    case 'date':
      return dayjs(String(value));
    case 'files':
    case 'file':
      return asUploadFiles(value as FileRef[]);
    case 'links':
      return (value as string[]).join('\n');
    default:
      return value;
  }
}

/**
 * The body a form sends: every described field, empty ones as the API expects them. The form's
 * rules hold the required fields, so the body is whole; the server checks it again.
 */
export function formBody<B>(fields: readonly Field<B>[], values: Record<string, unknown>): B {
  const body: Record<string, unknown> = {};
  for (const field of fields) {
    // a hidden or unchangeable field is not the form's to send
    if ((field.visible && !field.visible(values)) || field.disabled) continue;
    const value = values[field.name];
    switch (field.kind) {
      case 'date':
        body[field.name] = value ? (value as Dayjs).format('YYYY-MM-DD') : field.nullable ? null : undefined;
        break;
      case 'files':
        body[field.name] = uploadedIds((value ?? []) as UploadFile<FileRef>[]);
        break;
      case 'file':
        body[field.name] = uploadedIds((value ?? []) as UploadFile<FileRef>[]).at(-1) ?? null;
        break;
      case 'links':
        body[field.name] = String(value ?? '')
          .split(/\s+/)
          .map((l) => l.trim())
          .filter(Boolean);
        break;
      case 'unit':
      case 'village':
      case 'number':
      case 'money':
        body[field.name] = value ?? null;
        break;
      case 'text':
      case 'textarea':
        body[field.name] = typeof value === 'string' ? value : field.required ? undefined : '';
        break;
      case 'multiselect':
      case 'checkboxes':
        body[field.name] = value ?? [];
        break;
      default:
        if (value !== undefined) body[field.name] = value;
    }
  }
  return body as B;
}

/** Kinds whose value is text (a blank one is empty). */
const TEXT_KINDS = new Set<FieldKind>(['text', 'textarea', 'links', 'suggest']);

/** "1.250.000" in an input, read back as whole đồng. */
export const MONEY_INPUT = {
  formatter: (v: string | number | undefined) => String(v ?? '').replace(/\B(?=(\d{3})+(?!\d))/g, '.'),
  parser: (v: string | undefined) => Number((v ?? '').replace(/[^\d-]/g, '')),
  style: { width: '100%' },
  min: 0,
  addonAfter: 'đ',
  step: 100_000,
};

/**
 * The input of a field. Form.Item hands its child the value, onChange and id (or checked): they
 * are passed on to the control, which is what makes the form hold what the user types.
 */
function FieldInput({
  field,
  communeId,
  ...control
}: {
  field: Field<unknown>;
  communeId?: string;
  // biome-ignore lint/suspicious/noExplicitAny: Form.Item's injected props (value, onChange, id, checked).
  [injected: string]: any;
}) {
  const units = useUnits(communeId, field.kind === 'unit');
  const villages = useVillages(communeId, field.kind === 'village');
  switch (field.kind) {
    case 'textarea':
      return <Input.TextArea {...control} rows={field.rows ?? 3} placeholder={field.placeholder} />;
    case 'links':
      return (
        <Input.TextArea
          {...control}
          rows={field.rows ?? 2}
          placeholder={field.placeholder ?? 'https://...'}
        />
      );
    case 'number':
      return <InputNumber<number> {...control} min={0} precision={0} style={{ width: '100%' }} />;
    case 'money':
      return <InputNumber<number> {...control} {...MONEY_INPUT} />;
    case 'year':
      return <InputNumber {...control} min={2000} max={2100} style={{ width: '100%' }} />;
    case 'checkboxes':
      return (
        <Checkbox.Group
          {...control}
          style={{ display: 'flex', flexDirection: 'column', gap: 6 }}
          options={field.options as { value: string; label: string }[]}
        />
      );
    case 'date':
      return <DatePicker {...control} format="DD/MM/YYYY" style={{ width: '100%' }} />;
    case 'select':
    case 'multiselect':
      return (
        <Select
          {...control}
          allowClear={!field.required}
          mode={field.kind === 'multiselect' ? 'multiple' : undefined}
          optionFilterProp="label"
          options={field.options as { value: string; label: string }[]}
          {...(field.onSearch ? { showSearch: { onSearch: field.onSearch, filterOption: false } } : {})}
        />
      );
    case 'suggest':
      return <AutoComplete {...control} options={field.options as { value: string; label: string }[]} />;
    case 'radio':
      return <Radio.Group {...control} options={field.options as { value: string; label: string }[]} />;
    case 'checkbox':
      return <Checkbox {...control}>{field.label}</Checkbox>;
    case 'unit':
      return (
        <Select
          {...control}
          allowClear
          disabled={field.disabled}
          options={(units.data ?? []).map((u) => ({ value: u.id, label: u.name }))}
        />
      );
    case 'village':
      return (
        <Select
          {...control}
          allowClear
          options={(villages.data ?? []).map((v) => ({ value: v.id, label: v.name }))}
        />
      );
    case 'files':
    case 'file':
      return <EvidenceUpload {...control} />;
    default:
      return <Input {...control} placeholder={field.placeholder} disabled={field.disabled} />;
  }
}

/** The form items of a register's fields, laid out in rows. */
export function RegisterFields<B>({
  fields,
  communeId,
}: {
  fields: readonly Field<B>[];
  communeId?: string;
}) {
  const { t } = useTranslation();
  const form = Form.useFormInstance();
  const values = (Form.useWatch([], form) ?? {}) as Record<string, unknown>;
  return (
    <Row gutter={12}>
      {fields.map((field) =>
        field.visible && !field.visible(values) ? null : (
          <Col key={field.name} xs={24} md={field.span ?? 24}>
            <Form.Item
              name={field.name as string}
              label={field.kind === 'checkbox' ? undefined : field.label}
              valuePropName={field.kind === 'checkbox' ? 'checked' : 'value'}
              extra={field.extra}
              normalize={field.normalize}
              rules={[
                ...((typeof field.required === 'function' ? field.required(values) : field.required)
                  ? [
                      {
                        required: true,
                        // a rule with more than `required` is checked as text: only text fields get `whitespace`
                        ...(TEXT_KINDS.has(field.kind) ? { whitespace: true } : {}),
                        message: field.requiredMessage ?? t('common.required'),
                      },
                    ]
                  : []),
                ...(field.max ? [{ max: field.max, message: t('validation.max', { max: field.max }) }] : []),
                ...(field.pattern ? [{ pattern: field.pattern.test, message: field.pattern.message }] : []),
              ]}
            >
              <FieldInput field={field as Field<unknown>} communeId={communeId} />
            </Form.Item>
          </Col>
        ),
      )}
    </Row>
  );
}

/** A value of a closed list taken from the address (a filter), or undefined when it is none of them. */
export function oneOf<T extends string>(list: readonly T[], value: string | undefined): T | undefined {
  return list.find((item) => item === value);
}
