import { COMMUNE_KINDS } from '@cqtt/domain/org/roles';
import { z } from 'zod';
import { endpoint } from './endpoint.ts';
import { communeCodeParams } from './shared.ts';

/** The citizens' pages of a commune (no sign-in): who the commune is. */
export const PublicCommune = z.object({
  code: z.string(),
  name: z.string(),
  kind: z.enum(COMMUNE_KINDS),
  city: z.object({ code: z.string(), name: z.string() }),
});
export type PublicCommune = z.output<typeof PublicCommune>;

export const commune = endpoint({
  method: 'GET',
  url: '/api/public/communes/:communeCode',
  tag: 'public',
  summary: 'Thông tin công khai của một xã, phường, đặc khu (trang dành cho người dân)',
  access: 'public',
  params: communeCodeParams,
  response: PublicCommune,
});
