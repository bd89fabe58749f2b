import type { Unit, Village } from '@cqtt/contract/org';
import { conflict } from '../http/errors.ts';
import { defineRegister } from '../register/define.ts';
import type { Row } from '../register/table.ts';
import { unitCodeTaken, unitTable, villageTable } from './store.ts';

/** The commune's reference lists: units (cơ quan, đơn vị) and villages (thôn), answered whole. */

const unitView = (u: Row<'units'>): Unit => ({
  id: u.id,
  communeId: u.commune_id,
  code: u.code,
  name: u.name,
  kind: u.kind,
  description: u.description,
  isActive: u.is_active,
});

const villageView = (v: Row<'villages'>): Village => ({
  id: v.id,
  communeId: v.commune_id,
  name: v.name,
  headName: v.head_name,
  households: v.households,
  isActive: v.is_active,
});

export const units = defineRegister<
  'units',
  Unit,
  { code: string; name: string; kind?: Unit['kind']; description?: string; isActive?: boolean }
>({
  ...unitTable,
  audit: { entity: 'unit', create: 'units.create', update: 'units.update' },
  fields: { code: 'code', name: 'name', kind: 'kind', description: 'description', isActive: 'is_active' },
  view: async (_ctx, rows) => rows.map(unitView),
  async check(ctx, communeId, input, before) {
    if (!before && input.code && (await unitCodeTaken(ctx.db, communeId, input.code))) {
      throw conflict(`Mã đơn vị «${input.code}» đã được dùng.`, [
        { path: 'code', message: 'Mã đã tồn tại.' },
      ]);
    }
    return undefined;
  },
});

export const villages = defineRegister<
  'villages',
  Village,
  { name: string; headName?: string; households?: number | null; isActive?: boolean }
>({
  ...villageTable,
  audit: { entity: 'village', create: 'villages.create', update: 'villages.update' },
  fields: { name: 'name', headName: 'head_name', households: 'households', isActive: 'is_active' },
  view: async (_ctx, rows) => rows.map(villageView),
});
