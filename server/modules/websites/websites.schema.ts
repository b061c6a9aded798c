import { z } from 'zod';

export const RequirementInput = z.object({
  code: z.string().trim().min(1).max(40),
  title: z.string().trim().min(1).max(300),
  keywords: z.array(z.string().trim().max(200)).max(20).default([]),
  paths: z.array(z.string().trim().max(200)).max(20).default([]),
  isActive: z.boolean().default(true),
});

export const ReplaceRequirementsInput = z.object({
  requirements: z.array(RequirementInput).min(1).max(50),
  /** `checklistVersion` of the table the editor started from (0 before the first save). */
  version: z.number().int().min(0),
});

export const OverrideInput = z.object({
  isFound: z.boolean(),
  url: z.string().trim().max(2000).nullish(),
  comment: z.string().trim().max(2000).nullish(),
});

export const OverrideParams = z.object({
  id: z.coerce.number().int().positive(),
  code: z.string().trim().min(1).max(40),
});

export const OverrideOutput = z.object({
  isFound: z.boolean(),
  url: z.string().nullable(),
  comment: z.string().nullable(),
  setBy: z.string(),
  setAt: z.string(),
});

export const StartCheckInput = z
  .object({ organizationId: z.number().int().positive().optional() })
  .default({});

export const RequirementOutput = z.object({
  code: z.string(),
  title: z.string(),
  keywords: z.array(z.string()),
  paths: z.array(z.string()),
  isActive: z.boolean(),
});

export const RunOutput = z.object({
  id: z.number(),
  status: z.enum(['running', 'done', 'failed']),
  done: z.number(),
  total: z.number(),
  error: z.string().nullable(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
});

export const WebsiteChecksOutput = z.object({
  canRun: z.boolean(),
  checklistVersion: z.number(),
  requirements: z.array(RequirementOutput),
  run: RunOutput.nullable(),
  rows: z.array(
    z.object({
      organizationId: z.number(),
      organization: z.string(),
      siteUrl: z.string().nullable(),
      error: z.string().nullable(),
      pagesVisited: z.number(),
      checkedAt: z.string(),
      items: z.array(
        z.object({
          code: z.string(),
          title: z.string(),
          /** What counts: the override where there is one, else the crawl. */
          isFound: z.boolean(),
          url: z.string().nullable(),
          crawled: z.object({ isFound: z.boolean(), url: z.string().nullable() }).nullable(),
          override: OverrideOutput.nullable(),
        }),
      ),
    }),
  ),
});
