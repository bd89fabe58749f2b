/**
 * Roles a user can hold. A role is held inside a scope: a commune user acts for
 * one commune; a user with no commune acts for the whole city (Sở Nội vụ, or the
 * administrator of the deployment).
 */
export const ROLES = [
  'admin',
  'leader',
  'coordinator',
  'focal',
  'supervisor',
  'party',
  'village',
  'city',
  'national',
] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  admin: 'Quản trị hệ thống',
  leader: 'Lãnh đạo UBND',
  coordinator: 'Phòng Văn hóa - Xã hội (đầu mối tổng hợp)',
  focal: 'Đầu mối đơn vị',
  supervisor: 'Giám sát (Ủy ban MTTQ xã)',
  party: 'Ban Xây dựng Đảng (theo dõi, giám sát, chấm điểm)',
  village: 'Trưởng thôn',
  city: 'Sở Nội vụ (thành phố)',
  national: 'Bộ Nội vụ (cả nước, chỉ xem)',
};

/** Roles that only make sense for a user who belongs to one commune. */
export const COMMUNE_ROLES: readonly Role[] = [
  'leader',
  'coordinator',
  'focal',
  'supervisor',
  'party',
  'village',
];
/** Roles that only make sense for a city-level user (no commune). */
export const CITY_ROLES: readonly Role[] = ['city', 'national'];
/**
 * A national account (the ministry) sees every city's communes, read only: the city's view and
 * the drill-down of any commune, nothing it could change (org/scope.ts).
 */
export const NATIONAL_ROLES: readonly Role[] = ['national'];

/**
 * Kinds of a commune's units: its offices (cơ quan, đơn vị của UBND), the Fatherland Front, the
 * socio-political organisations (Hội Phụ nữ, Đoàn Thanh niên, Hội Nông dân, Hội Cựu chiến binh),
 * the Party's boards (Ban Xây dựng Đảng). Every kind leads and coordinates tasks and reports alike.
 */
export const UNIT_KINDS = ['office', 'front', 'organisation', 'party'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];
export const UNIT_KIND_LABELS: Record<UnitKind, string> = {
  office: 'Cơ quan, đơn vị',
  front: 'Mặt trận Tổ quốc',
  organisation: 'Tổ chức chính trị - xã hội',
  party: 'Cơ quan Đảng',
};

export const COMMUNE_KINDS = ['xa', 'phuong', 'dac_khu'] as const;
export type CommuneKind = (typeof COMMUNE_KINDS)[number];
export const COMMUNE_KIND_LABELS: Record<CommuneKind, string> = {
  xa: 'Xã',
  phuong: 'Phường',
  dac_khu: 'Đặc khu',
};

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/**
 * Checks that a set of roles fits the user's scope. Returns a Vietnamese
 * sentence describing the first problem, or null when the roles are valid.
 */
export function rolesProblem(roles: readonly string[], hasCommune: boolean): string | null {
  if (roles.length === 0) return 'Người dùng phải có ít nhất một vai trò.';
  const seen = new Set<string>();
  for (const role of roles) {
    if (!isRole(role)) return `Vai trò «${role}» không tồn tại.`;
    if (seen.has(role)) return `Vai trò «${ROLE_LABELS[role]}» bị lặp.`;
    seen.add(role);
    if (hasCommune && CITY_ROLES.includes(role))
      return `Vai trò «${ROLE_LABELS[role]}» chỉ dành cho cán bộ cấp thành phố.`;
    if (!hasCommune && COMMUNE_ROLES.includes(role))
      return `Vai trò «${ROLE_LABELS[role]}» chỉ dành cho cán bộ của một xã, phường, đặc khu.`;
  }
  return null;
}
