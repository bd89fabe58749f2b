import { EditOutlined, PlusOutlined, ReloadOutlined, StopOutlined } from '@ant-design/icons';
import type { AnyEndpoint, EndpointInput } from '@cqtt/contract/endpoint';
import { App, Button, Card, Flex, Input, Popconfirm, Space, Switch } from 'antd';
import { type ReactNode, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../api/client';
import { useCall, useSend } from '../../../api/queries';
import { useSession } from '../../auth/session';
import { mayCall } from '../../permissions';
import { CommunePicker, useCommuneScope } from '../CommunePicker';
import { EmptyState, QueryError } from '../feedback';
import { PageHeader } from '../PageHeader';
import { matchesSearch } from '../text';
import { useDocumentTitle } from '../useDocumentTitle';
import type { Field } from './fields';
import { RegisterEditor } from './RegisterFormModal';

interface Reference {
  id: string;
  name: string;
  isActive: boolean;
}

/** The texts of a reference list's page, in the current language. */
export interface ReferenceTexts {
  title: string;
  subtitle: string;
  add: string;
  edit: string;
  search: string;
  empty: string;
  created: string;
  saved: string;
  deactivateTitle: string;
  deactivateText: (name: string) => string;
  deactivated: string;
  reactivated: string;
}

/**
 * A commune's reference list (units, villages; wave two: counters, officials, procedures,
 * categories) from a small description: the whole list (a commune has tens), searched without
 * diacritics on the page, inactive rows shown or not, a form to add and edit, and deactivation
 * instead of deletion (records point to them).
 */
export function ReferencePage<R extends Reference, B>({
  list,
  create,
  update,
  invalidates,
  texts,
  fields,
  searchIn,
  table,
}: {
  list: AnyEndpoint;
  create: AnyEndpoint;
  update: AnyEndpoint;
  /** What else a change refreshes (the commune's counts). */
  invalidates: readonly AnyEndpoint[];
  texts: ReferenceTexts;
  /** The form's fields; `editing` when a stored row is changed. */
  fields: (editing: boolean) => Field<B>[];
  searchIn: (row: R) => (string | null | undefined)[];
  table: (
    rows: R[],
    loading: boolean,
    actions: ((row: R) => ReactNode) | undefined,
    empty: string,
  ) => ReactNode;
}) {
  const { t } = useTranslation();
  useDocumentTitle(texts.title);
  const me = useSession();
  const { message } = App.useApp();
  const scope = useCommuneScope();
  const rows = useCall(list, { query: { communeId: scope.communeId } } as EndpointInput<AnyEndpoint>, {
    enabled: scope.ready,
  });
  const changes = [list, ...invalidates];
  const change = useSend(update, { invalidates: changes });
  const editable = mayCall(me, update);
  const [editing, setEditing] = useState<R | 'new' | null>(null);
  const [search, setSearch] = useState('');
  const [showInactive, setShowInactive] = useState(true);
  const shown = useMemo(
    () =>
      ((rows.data ?? []) as R[]).filter(
        (r) => (showInactive || r.isActive) && matchesSearch(search, ...searchIn(r)),
      ),
    [rows.data, search, showInactive, searchIn],
  );
  const setActive = (row: R, isActive: boolean) =>
    change.mutate({ params: { id: row.id }, body: { isActive } } as EndpointInput<AnyEndpoint>, {
      onSuccess: () => message.success(isActive ? texts.reactivated : texts.deactivated),
      onError: (err) => message.error(errorMessage(err)),
    });
  const actions = editable
    ? (row: R) => (
        <Space size={4} wrap>
          <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(row)}>
            {t('common.edit')}
          </Button>
          {row.isActive ? (
            <Popconfirm
              title={texts.deactivateTitle}
              description={texts.deactivateText(row.name)}
              okText={t('common.deactivate')}
              cancelText={t('common.cancel')}
              okButtonProps={{ danger: true }}
              onConfirm={() => setActive(row, false)}
            >
              <Button size="small" danger icon={<StopOutlined />}>
                {t('common.deactivate')}
              </Button>
            </Popconfirm>
          ) : (
            <Button size="small" icon={<ReloadOutlined />} onClick={() => setActive(row, true)}>
              {t('common.reactivate')}
            </Button>
          )}
        </Space>
      )
    : undefined;
  const toggle = `${list.url.replace(/\W+/g, '-')}-show-inactive`;
  return (
    <>
      <PageHeader
        title={texts.title}
        subtitle={texts.subtitle}
        extra={
          editable && scope.ready ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
              {texts.add}
            </Button>
          ) : null
        }
      />
      <Card>
        <Flex gap={12} wrap className="cqtt-toolbar" align="center">
          {scope.cityLevel ? <CommunePicker value={scope.communeId} onChange={scope.setCommuneId} /> : null}
          <Input.Search
            allowClear
            placeholder={texts.search}
            aria-label={texts.search}
            onChange={(e) => setSearch(e.target.value)}
            style={{ width: 280 }}
            disabled={!scope.ready}
          />
          <Space>
            <Switch checked={showInactive} onChange={setShowInactive} size="small" id={toggle} />
            <label htmlFor={toggle}>{t('org.showInactive')}</label>
          </Space>
        </Flex>
        {rows.isError ? <QueryError error={rows.error} onRetry={() => void rows.refetch()} /> : null}
        {scope.ready ? (
          table(shown, rows.isLoading, actions, search ? t('common.noMatch') : texts.empty)
        ) : (
          <EmptyState description={t('org.pickCommuneFirst')} />
        )}
      </Card>
      {editing ? (
        <RegisterEditor<B, AnyEndpoint, AnyEndpoint>
          create={create}
          update={update}
          invalidates={changes}
          editing={editing}
          communeId={scope.communeId}
          titles={[texts.add, texts.edit]}
          okText={editing === 'new' ? t('common.create') : t('common.save')}
          width={520}
          fields={fields(editing !== 'new')}
          savedMessage={editing === 'new' ? texts.created : texts.saved}
          onClose={() => setEditing(null)}
        />
      ) : null}
    </>
  );
}
