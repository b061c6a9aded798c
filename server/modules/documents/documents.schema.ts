import { z } from 'zod';
import { idParam } from '../../http/fields.ts';

export const DOCUMENT_KINDS = ['report', 'letters', 'general-letter', 'stat-forms', 'archive'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export const DocumentKindSchema = z.enum(DOCUMENT_KINDS, {
  error: () => ({ message: 'вид документа: report, letters, general-letter, stat-forms или archive' }),
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

const LetterBlockSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('heading'), text: z.string() }),
  z.object({ kind: z.literal('paragraph'), text: z.string() }),
  z.object({ kind: z.literal('bullet'), text: z.string() }),
  z.object({ kind: z.literal('item'), number: z.number(), text: z.string(), details: z.string().nullable() }),
]);

/** What a letter says, as the Word document prints it: the page in the browser shows the same. */
export const LetterContentSchema = z.object({
  organizationId: z.number().nullable(),
  letterhead: z.object({
    name: z.string(),
    regionName: z.string(),
    departmentName: z.string(),
    address: z.string().nullable(),
    phone: z.string().nullable(),
    email: z.string().nullable(),
    requisites: z.string().nullable(),
  }),
  registration: z.string(),
  addressee: z.array(z.string()),
  title: z.string(),
  blocks: z.array(LetterBlockSchema),
  findings: z.array(
    z.object({
      indicator: z.string(),
      organization: z.number(),
      value: z.number().nullable(),
      claim: z.enum(['zero', 'positive', 'low']),
    }),
  ),
  closing: z.string(),
  signer: z.object({ position: z.string(), name: z.string() }),
  executor: z.array(z.string()),
});
