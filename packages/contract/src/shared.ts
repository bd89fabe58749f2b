import { z } from 'zod';

/**
 * Pieces of schemas that many capabilities share, defined once. Reusing them changes no
 * byte of the OpenAPI document: zod inlines a reused schema.
 */

// ------------------------------------------------------------------ text

/** A required text field: trimmed, never empty, bounded. */
export const text = (max = 500) => z.string().trim().min(1).max(max);
/** An optional text field: trimmed, may be empty, bounded. */
export const optionalText = (max = 500) => z.string().trim().max(max);
/** A web address of evidence or of a post (http or https only). */
export const link = z
  .string()
  .trim()
  .max(1000)
  .regex(/^https?:\/\/\S+$/, 'Đường liên kết phải bắt đầu bằng http:// hoặc https://.');
/** An ISO business date, `YYYY-MM-DD`. */
export const day = z.iso.date();

// ------------------------------------------------------------------ references in answers

/** A stored file a record points to (evidence, attachment). */
export const FileRef = z.object({ id: z.uuid(), name: z.string(), size: z.number(), mime: z.string() });
export type FileRef = z.output<typeof FileRef>;
/** A user as a record names them (who recorded, decided, reviewed). */
export const UserRef = z.object({ id: z.string(), fullName: z.string() });
export type UserRef = z.output<typeof UserRef>;
/** A unit of the commune (cơ quan, đơn vị). */
export const UnitRef = z.object({ id: z.uuid(), code: z.string(), name: z.string() });
export type UnitRef = z.output<typeof UnitRef>;
/** A village (thôn) or any record shown by its name. */
export const NamedRef = z.object({ id: z.uuid(), name: z.string() });
export type NamedRef = z.output<typeof NamedRef>;
export const VillageRef = NamedRef;
export type VillageRef = NamedRef;

// ------------------------------------------------------------------ ids, years, communes

/** `/:id` of a record. */
export const idParams = z.strictObject({ id: z.uuid() });
/** A year in a query string. */
export const yearQuery = z.coerce.number().int().min(2000).max(2100);
/** A year in a JSON body. */
export const yearField = z.number().int().min(2000).max(2100);
/** Which commune a city-level user acts on; a commune's own users leave it out. */
export const communeId = z.uuid().optional();
export const communeQuery = z.strictObject({ communeId });
/** A search typed by a user, matched without diacritics. */
export const searchQuery = z.string().trim().max(200).optional();
/** Evidence files a record keeps. */
export const fileIds = (max = 30) => z.array(z.uuid()).max(max);
/** Links of a record (posts, videos). */
export const links = z.array(link).max(20);

// ------------------------------------------------------------------ pages

/** The fields of a paged query, spread into a list's query: `{ ...pageQuery, year }`. */
export const pageQuery = {
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
};

/** One page of a list: its items, how many match in all, which page this is and its size. */
export const page = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), total: z.number(), page: z.number(), pageSize: z.number() });
export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

// ------------------------------------------------------------------ bodies

/** Every field optional: the body of a PATCH from the body of a POST. */
export const partial = <T extends Record<string, z.ZodType>>(fields: T) =>
  z.strictObject(
    Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, v.optional()])) as {
      [K in keyof T]: z.ZodOptional<T[K]>;
    },
  );

/** The commune code in a public address, e.g. /api/public/communes/HP-BINHGIANG. */
export const communeCodeParams = z.strictObject({
  communeCode: z
    .string()
    .max(40)
    .regex(/^[A-Za-z0-9_-]+$/, 'Mã xã, phường, đặc khu không hợp lệ.'),
});
