import type { Role } from './roles.ts';

/** What a user may do, named as the action a civil servant would recognise. */
export const PERMISSIONS = {
  /** Add or edit the commune's units and villages. */
  'org.manage': ['admin', 'coordinator'],
  /** Create users, change their roles, reset passwords. */
  'users.manage': ['admin'],
  /** Issue and revoke API tokens for integrations. */
  'tokens.manage': ['admin'],
  /**
   * Read the audit log of what is one's own: a commune administrator the commune's rows; a
   * city-level account (Sở Nội vụ, the city administrator) the rows of the data the city shares
   * (criteria sets, days off, recognitions); a city administrator also every commune's rows.
   */
  'audit.read': ['admin', 'city'],
  /** Write and edit the commune's plans and their tasks. */
  'plans.manage': ['admin', 'coordinator'],
  /** Answer the difficulties units report against tasks. */
  'plans.answer_difficulties': ['coordinator', 'leader'],
  /** Draft the yearly budget estimate and record spending (a unit's focal only for its own unit's estimate). */
  'budget.manage': ['admin', 'coordinator', 'focal'],
  /** Approve a budget estimate, or return it for changes. */
  'budget.approve': ['leader'],
  /**
   * Approve (with the amount) or refuse (with the reason) the budget lines a commune asks the city
   * budget to fund, once its tờ trình is issued; a city-level account of the commune's own city.
   */
  'budget.approve_city': ['city'],
  /** Log outreach activities (each unit, MTTQ, the village heads); edit one's own. */
  'outreach.record': ['admin', 'coordinator', 'focal', 'supervisor', 'village'],
  /** Keep the library of legal and guiding documents; edit any outreach activity. */
  'outreach.manage': ['admin', 'coordinator'],
  /** Record good examples and units that fall short (Trung tâm Dịch vụ sự nghiệp công, the coordinator). */
  'outreach.examples': ['admin', 'coordinator', 'focal'],
  /** Enter a village's yearly assessment (a village head only for his own village). */
  'villages.assess': ['admin', 'coordinator', 'village'],
  /** Review the villages' assessments and decide the "Thôn văn hóa" title (Phòng VH-XH). */
  'villages.review': ['admin', 'coordinator'],
  /**
   * Keep the city's list of public holidays (Tết, lễ) that working-day deadlines skip; a city-level
   * account only (the route is declared scope 'city': a commune's administrator is refused).
   */
  'calendar.manage_city': ['admin', 'city'],
  /** Import and version the city's criteria sets (bộ tiêu chí); city-level accounts only (scope 'city'). */
  'criteria.manage_sets': ['admin', 'city'],
  /** Register the commune's target level, open and consolidate its assessment, submit it. */
  'criteria.coordinate': ['coordinator'],
  /** Review the consolidated scores and adjust them with a written reason (MTTQ, Ban XDĐ). */
  'criteria.review': ['supervisor', 'party'],
  /** Approve the assessment before it goes to the city. */
  'criteria.approve': ['leader'],
  /** Appraise a commune's submitted assessment and record the recognised level. */
  'criteria.appraise': ['city'],
  /**
   * See the city's workspace: its communes side by side, the year's stages and alerts, the
   * drill-down of a commune (read only). A national account sees every city's communes.
   */
  'city.view': ['city', 'national'],
  /**
   * Act for the city (a city-level account of the commune's own city): return a file for more
   * material, set the year's targets and alert thresholds, enter or import the official SIPAS
   * and PAR INDEX results, choose what the public page shows.
   */
  'city.manage': ['city'],
  /** Answer the city's request for more material and send the file again (the commune). */
  'city.resubmit': ['coordinator', 'leader'],
  /**
   * Set up the service centre (counters, officials, procedures, questionnaires), import
   * dossiers, answer citizens' comments. The focal of the service centre unit (TTPVHCC)
   * may do it too: satisfaction/access.ts checks the unit.
   */
  'satisfaction.manage': ['admin', 'coordinator', 'leader'],
  /** See every official's satisfaction figures; others see only their own. */
  'satisfaction.view_all': ['admin', 'coordinator', 'leader', 'supervisor', 'party', 'city'],
  /** Hide a rating with a reason (ratings are never edited or deleted). */
  'satisfaction.moderate': ['admin', 'coordinator', 'leader'],
  /** See the feedback queue (a unit's focal point sees its own items; supervisors, Ban XDĐ and the city without personal data). */
  'feedback.read': ['admin', 'coordinator', 'leader', 'supervisor', 'party', 'focal', 'city'],
  /** Triage citizens' feedback: accept, reject, merge, route out complaints, assign to a unit; categories and holidays. */
  'feedback.triage': ['admin', 'coordinator'],
  /** Draft the answer to an item assigned to one's unit (the coordinator to any). */
  'feedback.answer': ['coordinator', 'focal'],
  /** Approve an answer, send it back, publish it. */
  'feedback.approve': ['leader'],
  /** Nominate an individual or a collective for a reward (units, the coordinator). */
  'rewards.nominate': ['admin', 'coordinator', 'focal'],
  /** Comment on nominations (MTTQ and the supervisors). */
  'rewards.comment': ['supervisor'],
  /** Decide a reward: form, decision number and date. */
  'rewards.decide': ['leader'],
  /**
   * Draft the commune's official documents from its data (Phòng VH-XH; a focal only the kinds of
   * her unit: the budget proposal for Phòng Kinh tế), edit the narrative of a draft.
   */
  'documents.draft': ['coordinator', 'focal'],
  /**
   * Give a draft the next number of the register and issue it: the leader, or a focal of Văn phòng
   * HĐND và UBND (documents/service.ts checks the unit).
   */
  'documents.issue': ['leader', 'focal'],
  /** Read the yearly and review reports' figures of a commune: those who follow every unit. */
  'reports.read': ['admin', 'leader', 'coordinator', 'supervisor', 'party', 'city'],
  /**
   * Record the supervision and social critique (giám sát, phản biện xã hội) of one's own body:
   * the Front's supervisors MTTQ's entries, Ban Xây dựng Đảng its own (supervision/entries.ts).
   */
  'supervision.record': ['supervisor', 'party'],
  /** Answer an entry's findings for the commune (Phòng VH-XH, the leader). */
  'supervision.answer': ['coordinator', 'leader'],
  /** Enter the official SIPAS and PAR INDEX results of the city's communes (a city-level account). */
  'indices.manage': ['admin', 'city'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(roles: readonly string[], permission: Permission): boolean {
  const allowed: readonly string[] = PERMISSIONS[permission];
  return roles.some((role) => allowed.includes(role));
}
