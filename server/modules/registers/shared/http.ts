import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { isValidIsoDate } from '../../../../core/dates.ts';
import { idParam } from '../../../http/fields.ts';

/** Paging of every registers list: `page` from 1, `pageSize` up to 1000; the total goes to X-Total-Count. */
export const pageFields = {
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(1000).default(100),
};

export interface Page {
  page: number;
  pageSize: number;
}

export const idQuery = () => idParam().optional();

export const searchQuery = () => z.string().trim().max(200).optional();

export const dateQuery = (label: string) =>
  z.string().refine(isValidIsoDate, `${label}: нужна дата в формате ГГГГ-ММ-ДД`).optional();

/** «2026-03» or «2026-03-01» → the first day of the month. */
export const monthQuery = (label: string) =>
  z
    .string()
    .regex(/^\d{4}-\d{2}(-01)?$/, `${label}: нужен месяц в формате ГГГГ-ММ`)
    .transform((v) => `${v.slice(0, 7)}-01`)
    .refine(isValidIsoDate, `${label}: некорректный месяц`)
    .optional();

/** A LIKE pattern that matches the text anywhere, with the wildcard characters of the text escaped. */
export const containsPattern = (q: string) => `%${q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;

export function sendPage<Row, Out>(
  reply: FastifyReply,
  page: { rows: Row[]; total: number },
  present: (row: Row) => Out,
): Out[] {
  reply.header('X-Total-Count', String(page.total));
  return page.rows.map(present);
}

/** A teacher not added to an association or event, with the reason. */
export const SkippedOutput = z.object({
  teacherId: z.number(),
  teacherName: z.string().nullable(),
  reason: z.string(),
});

/** The answer to DELETE: a confirmation people can read. */
export const DeletedOutput = z.object({ deleted: z.literal(true), message: z.string() });

export const CandidatesQuery = z.object({
  q: searchQuery(),
  limit: z.coerce.number().int().min(1).max(200).default(30),
});
export type CandidatesQuery = z.infer<typeof CandidatesQuery>;

/** A teacher that can be added, with the current workplace to tell namesakes apart. */
export const CandidateOutput = z.object({
  id: z.number(),
  fullName: z.string(),
  organizationShortName: z.string().nullable(),
  positionTitle: z.string().nullable(),
});
