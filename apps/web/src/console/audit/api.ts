import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { AuditEntry, Page } from '../../api/types';

export interface AuditQuery {
  /** 'city': only the rows of the data the city shares (city-level accounts). */
  scope?: 'city';
  /** A city administrator narrows to one commune. */
  communeId?: string;
  entityType?: string;
  /** First day, `YYYY-MM-DD`, in Vietnam time. */
  from?: string;
  /** Last day (inclusive), `YYYY-MM-DD`, in Vietnam time. */
  to?: string;
  page: number;
  pageSize: number;
}

export function useAudit(query: AuditQuery) {
  return useQuery({
    queryKey: ['audit', query],
    queryFn: () =>
      api.get<Page<AuditEntry>>('/api/audit', {
        scope: query.scope,
        communeId: query.communeId,
        entityType: query.entityType,
        from: query.from,
        to: query.to,
        page: query.page,
        pageSize: query.pageSize,
      }),
    placeholderData: keepPreviousData,
  });
}
