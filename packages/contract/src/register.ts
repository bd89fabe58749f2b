import { z } from 'zod';
import { type Access, endpoint } from './endpoint.ts';
import { communeId, idParams, page, pageQuery, partial } from './shared.ts';

/**
 * The endpoints of a commune's register from one description: a paged list and its XLSX with
 * the same filters, one record, create, update (every field optional unless said otherwise),
 * remove — those the capability serves, named in `serves`;
 * the summaries are the API docs' one-liners, in Vietnamese.
 */
type Shape = Record<string, z.ZodType>;
export type RegisterEndpoint = 'list' | 'exportXlsx' | 'create' | 'get' | 'update' | 'remove';

export function registerEndpoints<
  Item extends z.ZodType,
  Filter extends Shape,
  Fields extends Shape,
  K extends RegisterEndpoint,
  UpdateFields extends Shape = Fields,
  Record_ extends z.ZodType = Item,
>(
  serves: readonly K[],
  spec: {
    url: string;
    tag: string;
    /** A row of the list. */
    item: Item;
    /** One record as get, create and update answer it, when more than its row (its lines). */
    record?: Record_;
    /** The list's filters (with `communeId` for city users), without paging. */
    filter: Filter;
    /** The fields a new record takes (`communeId` is added). */
    fields: Fields;
    /** The fields an update may change, when not all of `fields`. */
    updateFields?: UpdateFields;
    /** Who may list and read (any signed-in user by default). */
    read?: Access;
    /** Who may create, update and remove. */
    write: Access;
    /** The API docs' one-liner of each endpoint served. */
    summary: Record<K, string>;
    example: {
      create: z.input<z.ZodObject<{ communeId: typeof communeId } & Fields>>;
      update: z.input<ReturnType<typeof partial<UpdateFields>>>;
    };
  },
) {
  const { url, tag, item, filter, write } = spec;
  const record = (spec.record ?? item) as Record_;
  const read = spec.read ?? 'user';
  const at = `${url}/:id`;
  const summaries: Partial<Record<RegisterEndpoint, string>> = spec.summary;
  const summary = (s: string | undefined) => s ?? '';
  const all = {
    list: endpoint({
      method: 'GET',
      url,
      tag,
      summary: summary(summaries.list),
      access: read,
      query: z.strictObject({ ...filter, ...pageQuery }),
      response: page(item),
    }),
    exportXlsx: endpoint({
      method: 'GET',
      url: `${url}/export.xlsx`,
      tag,
      summary: summary(summaries.exportXlsx),
      access: read,
      query: z.strictObject(filter),
      status: 200,
      file: true,
    }),
    create: endpoint({
      method: 'POST',
      url,
      tag,
      summary: summary(summaries.create),
      access: write,
      body: z.strictObject({ communeId, ...spec.fields }),
      example: spec.example.create,
      response: record,
      status: 201,
    }),
    get: endpoint({
      method: 'GET',
      url: at,
      tag,
      summary: summary(summaries.get),
      access: read,
      params: idParams,
      response: record,
    }),
    update: endpoint({
      method: 'PATCH',
      url: at,
      tag,
      summary: summary(summaries.update),
      access: write,
      params: idParams,
      body: partial((spec.updateFields ?? spec.fields) as UpdateFields),
      example: spec.example.update,
      response: record,
    }),
    remove: endpoint({
      method: 'DELETE',
      url: at,
      tag,
      summary: summary(summaries.remove),
      access: write,
      params: idParams,
    }),
  };
  const served = Object.fromEntries(serves.map((k) => [k, all[k]]));
  return served as Pick<typeof all, K>;
}
