import { z } from 'zod';

export const RequirementInput = z.object({
  code: z.string().trim().min(1).max(40),
  title: z.string().trim().min(1).max(300),
  keywords: z.array(z.string().trim().max(200)).max(20).default([]),
  paths: z.array(z.string().trim().max(200)).max(20).default([]),
  isActive: z.boolean().default(true),
});

export const ReplaceRequirementsInput = z.object({ requirements: z.array(RequirementInput).min(1).max(50) });

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
        z.object({ code: z.string(), title: z.string(), isFound: z.boolean(), url: z.string().nullable() }),
      ),
    }),
  ),
});
