import type { AnyEndpoint, EndpointInput } from '@cqtt/contract/endpoint';
import type { Page } from '@cqtt/contract/shared';
import { Table, type TableColumnsType } from 'antd';
import { useEffect, useState } from 'react';
import { useCall } from '../../../api/queries';
import { QueryError, usePagination } from '../feedback';

type ItemOf<E> = E extends { response?: infer R }
  ? R extends { _zod: { output: Page<infer T> } }
    ? T
    : never
  : never;

/**
 * A register's list as a table paged on the server: the list endpoint of the contract, the
 * filters of the page, the columns. A change of filter goes back to the first page; the
 * previous page stays on screen while the next one loads.
 */
export function RegisterTable<E extends AnyEndpoint>({
  list,
  query,
  enabled = true,
  columns,
  emptyText,
  scrollX = 900,
  pageSize: initialPageSize = 20,
}: {
  list: E;
  /** The filters (without page and pageSize). */
  query: Record<string, unknown>;
  enabled?: boolean;
  columns: TableColumnsType<ItemOf<E>>;
  emptyText?: string;
  scrollX?: number;
  pageSize?: number;
}) {
  const pagination = usePagination();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(initialPageSize);
  const filterKey = JSON.stringify(query);
  // a new filter shows its first page
  useEffect(() => {
    void filterKey;
    setPage(1);
  }, [filterKey]);
  const result = useCall(list, { query: { ...query, page, pageSize } } as EndpointInput<E>, {
    enabled,
    keepPrevious: true,
  });
  const data = result.data as Page<ItemOf<E>> | undefined;
  return (
    <>
      {result.error ? <QueryError error={result.error} onRetry={() => result.refetch()} /> : null}
      <Table<ItemOf<E>>
        rowKey={(row) => (row as { id: string }).id}
        size="small"
        loading={result.isLoading || (result.isFetching && result.isPlaceholderData)}
        dataSource={data?.items ?? []}
        scroll={{ x: scrollX }}
        locale={emptyText ? { emptyText } : undefined}
        pagination={{
          ...pagination,
          current: page,
          pageSize,
          total: data?.total ?? 0,
          hideOnSinglePage: (data?.total ?? 0) <= 10,
          onChange: (next, size) => {
            setPage(size === pageSize ? next : 1);
            setPageSize(size);
          },
        }}
        columns={columns}
      />
    </>
  );
}
