import type { Access } from '@cqtt/contract/endpoint';
import { can as domainCan, type Permission } from '@cqtt/domain/org/permissions';
import type { Me } from '../api/types';

/**
 * What a user may do in the console. The rules are the domain's (the server checks the
 * same table again); 'org.view' is every signed-in user; 'plans.mine' a user of a commune
 * (whose unit may lead or coordinate tasks); 'plans.summary' those who follow every unit's
 * progress: leaders, the coordinator, the supervisors (MTTQ, Ban XDĐ), the administrator and the city.
 */
export type Capability =
  | 'org.view'
  | 'plans.mine'
  | 'plans.summary'
  | 'satisfaction.figures'
  | 'satisfaction.setup'
  | 'calendar.city'
  | 'documents.issue'
  | 'indices.manage'
  | 'reports.commune'
  | 'documents.register'
  | Permission;

/** The service centre's unit: its focal sets up counters and sees every figure (server: satisfaction/access.ts). */
const SERVICE_CENTRE_UNIT = 'TTPVHCC';

/** Văn phòng HĐND và UBND: its focal gives documents their numbers (server: documents/service.ts). */
const OFFICE_UNIT = 'VP';

const SUMMARY_ROLES = ['leader', 'coordinator', 'supervisor', 'party', 'admin', 'city'];

function isServiceCentreFocal(me: Me): boolean {
  return me.user.roles.includes('focal') && me.unit?.code === SERVICE_CENTRE_UNIT;
}

export function hasRole(me: Me, ...roles: string[]): boolean {
  return me.user.roles.some((r) => roles.includes(r));
}

export function can(me: Me, capability: Capability): boolean {
  switch (capability) {
    case 'org.view':
      return true;
    case 'plans.mine':
      return me.commune !== null;
    case 'plans.summary':
      return hasRole(me, ...SUMMARY_ROLES);
    case 'satisfaction.setup':
      return domainCan(me.user.roles, 'satisfaction.manage') || isServiceCentreFocal(me);
    case 'documents.issue':
      // the leader, or a focal of Văn phòng HĐND và UBND
      return (
        me.commune !== null &&
        (hasRole(me, 'leader') || (hasRole(me, 'focal') && me.unit?.code === OFFICE_UNIT))
      );
    case 'reports.commune':
      // the commune's own reports (the city reads them through the API with a communeId)
      return me.commune !== null && domainCan(me.user.roles, 'reports.read');
    case 'documents.register':
      return me.commune !== null;
    case 'indices.manage':
      // the official indices are entered by a city-level account
      return isCityLevel(me) && domainCan(me.user.roles, 'indices.manage');
    case 'calendar.city':
      // the city's list of days off: Sở Nội vụ or a city-level administrator
      return isCityLevel(me) && domainCan(me.user.roles, 'calendar.manage_city');
    case 'criteria.manage_sets':
    case 'calendar.manage_city':
    case 'criteria.appraise':
      // the data a city shares: city-level accounts only (the server's routes declare scope 'city')
      return isCityLevel(me) && domainCan(me.user.roles, capability);
    case 'satisfaction.figures':
      // everyone's figures, or an official's own (server: satisfaction/access.ts figuresScope)
      return (
        domainCan(me.user.roles, 'satisfaction.view_all') ||
        isServiceCentreFocal(me) ||
        me.serviceOfficialId !== null
      );
    default:
      return domainCan(me.user.roles, capability);
  }
}

/** A task's units, as an occurrence or a task names them. */
interface TaskUnits {
  leadUnit: { id: string } | null;
  coordinatingUnits: ReadonlyArray<{ id: string }>;
}

/** Marking an occurrence done or reopening it: the lead unit's users or the coordinator. */
export function canComplete(me: Me, task: TaskUnits): boolean {
  return hasRole(me, 'coordinator') || (me.unit !== null && me.unit.id === task.leadUnit?.id);
}

/** Writing progress notes: users of the lead or a coordinating unit, and the coordinator. */
export function canReportProgress(me: Me, task: TaskUnits): boolean {
  if (canComplete(me, task)) return true;
  return me.unit !== null && task.coordinatingUnits.some((u) => u.id === me.unit?.id);
}

/** A city-level account (Sở Nội vụ, city administrator) belongs to no commune and sees all of the city. */
export function isCityLevel(me: Me): boolean {
  return me.commune === null;
}

/**
 * Whether the user may call an endpoint, as its contract declares (packages/contract): what the
 * server checks before any handler. Rules on the rows themselves (one's own unit, a village
 * head's village) are the server's; pages mirror the ones they need to offer a button.
 */
export function mayCall(me: Me, endpoint: { access: Access }): boolean {
  if (endpoint.access === 'public' || endpoint.access === 'user') return true;
  return domainCan(me.user.roles, endpoint.access.permission);
}

/**
 * Drafting a kind of document (server: each kind's mayDraft): Phòng Văn hóa - Xã hội any kind,
 * the plan also whoever manages plans, the budget proposal also Phòng Kinh tế's focal.
 */
export function canDraftDocument(me: Me, kind: string): boolean {
  if (me.commune === null) return false;
  if (hasRole(me, 'coordinator')) return true;
  if (kind === 'plan') return domainCan(me.user.roles, 'plans.manage');
  return kind === 'budget-proposal' && hasRole(me, 'focal') && me.unit?.code === 'KT';
}
