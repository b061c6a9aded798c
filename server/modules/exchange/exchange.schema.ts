import { z } from 'zod';

const Change = z.object({
  row: z.number().nullable(),
  id: z.number().nullable(),
  label: z.string(),
  fields: z.array(z.object({ column: z.string(), before: z.string(), after: z.string() })).optional(),
  note: z.string().optional(),
});

const Counts = z.object({
  added: z.number(),
  changed: z.number(),
  removed: z.number(),
  unchanged: z.number(),
});

export const ImportErrorOutput = z.object({
  sheet: z.string(),
  row: z.number(),
  column: z.string(),
  message: z.string(),
  problem: z.string(),
});

export const ImportPreviewOutput = z.object({
  importId: z.string(),
  organizationId: z.number(),
  organizationName: z.string(),
  fileName: z.string(),
  format: z.enum(['xlsx', 'csv']),
  encoding: z.string().nullable(),
  expiresAt: z.string(),
  canApply: z.boolean(),
  totals: Counts,
  sheets: z.array(
    z.object({
      sheet: z.string(),
      isPresent: z.boolean(),
      counts: Counts,
      added: z.array(Change),
      changed: z.array(Change),
      removed: z.array(Change),
      isTruncated: z.boolean(),
    }),
  ),
  errors: z.array(ImportErrorOutput),
  errorCount: z.number(),
});
export type ImportPreviewOutput = z.infer<typeof ImportPreviewOutput>;

export const ImportResultOutput = z.object({
  added: z.number(),
  changed: z.number(),
  removed: z.number(),
  sheets: z.array(
    z.object({ sheet: z.string(), added: z.number(), changed: z.number(), removed: z.number() }),
  ),
});

export const WorkbookQuery = z.object({
  template: z
    .enum(['1', '0', 'true', 'false'])
    .optional()
    .transform((v) => v === '1' || v === 'true'),
});

export const ImportIdParams = z.object({ id: z.string().uuid('Некорректный номер загрузки') });
