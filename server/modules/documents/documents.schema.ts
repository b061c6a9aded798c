import { z } from 'zod';
import { idParam } from '../../http/fields.ts';

export const DOCUMENT_KINDS = ['report', 'letters', 'stat-forms', 'archive'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export const DocumentKindSchema = z.enum(DOCUMENT_KINDS, {
  error: () => ({ message: 'вид документа: report, letters, stat-forms или archive' }),
});

/** What to generate: a kind, and for the letter an organization (without it — letters to all). */
export const DocumentRequestSchema = z.object({
  kind: DocumentKindSchema,
  organizationId: idParam().optional(),
});
export type DocumentRequest = z.infer<typeof DocumentRequestSchema>;

export const JobParams = z.object({
  jobId: z.string().regex(/^[a-z0-9]{8,40}$/, 'некорректный номер задания'),
});

export const JobView = z.object({
  id: z.string(),
  kind: DocumentKindSchema,
  campaignId: z.number(),
  status: z.enum(['running', 'done', 'failed']),
  done: z.number(),
  total: z.number(),
  stage: z.string(),
  error: z.string().nullable(),
  fileName: z.string().nullable(),
  size: z.number().nullable(),
  downloadUrl: z.string().nullable(),
});
export type JobView = z.infer<typeof JobView>;

export const DocumentCatalog = z.object({
  campaignId: z.number(),
  isFrozen: z.boolean(),
  isPublished: z.boolean(),
  letterNumber: z.string().nullable(),
  letterDate: z.string().nullable(),
  documents: z.array(
    z.object({
      kind: DocumentKindSchema,
      title: z.string(),
      description: z.string(),
      format: z.string(),
    }),
  ),
  /** Organizations a letter can go to: those with recommendations addressed to them. */
  addressees: z.array(z.object({ id: z.number(), name: z.string(), recommendations: z.number() })),
  warnings: z.array(z.string()),
});
