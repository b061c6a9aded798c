import { z } from 'zod';
import { isWebUrl, WEB_URL_MESSAGE } from '../../core/url.ts';

/**
 * Field helpers for input schemas. An omitted field stays undefined (a PATCH leaves it alone); an empty
 * string becomes null (the user cleared it).
 */
export const optionalText = (max = 500) =>
  z
    .string()
    .trim()
    .max(max)
    .nullish()
    .transform((v) => (v === undefined ? undefined : v || null));

export const optionalEmail = () =>
  z
    .union([z.literal(''), z.string().trim().email('некорректный адрес электронной почты')])
    .nullish()
    .transform((v) => (v === undefined ? undefined : v || null));

export const optionalPattern = (pattern: RegExp, message: string) =>
  z
    .union([z.literal(''), z.string().trim().regex(pattern, message)])
    .nullish()
    .transform((v) => (v === undefined ? undefined : v || null));

/**
 * A link field: an http(s) address only (core/url.ts), with the field named in the Russian message; an
 * empty string clears it (null), an omitted one stays undefined.
 */
export const optionalWebUrl = (label: string) =>
  z
    .union([
      z.literal(''),
      z
        .string()
        .trim()
        .max(1000, `«${label}»: не длиннее 1000 символов`)
        .refine(isWebUrl, `«${label}»: ${WEB_URL_MESSAGE}`),
    ])
    .nullish()
    .transform((v) => (v === undefined ? undefined : v || null));

export const booleanQuery = () => z.enum(['true', 'false']).transform((v) => v === 'true');

/** The largest value of a PostgreSQL integer: every id column is one. */
export const INT4_MAX = 2_147_483_647;

/** An id in a path or query parameter (text coerced to a number), within PostgreSQL's integer. */
export const idParam = () =>
  z.coerce.number().int().positive().max(INT4_MAX, 'такой записи нет: номер больше допустимого');

export const IdParams = z.object({ id: idParam() });
