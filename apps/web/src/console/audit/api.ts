import { audit } from '@cqtt/contract/audit';
import type { EndpointInput } from '@cqtt/contract/endpoint';
import { useCall } from '../../api/queries';

export type AuditQuery = NonNullable<EndpointInput<typeof audit.list>['query']>;

export const useAudit = (query: AuditQuery) => useCall(audit.list, { query }, { keepPrevious: true });
