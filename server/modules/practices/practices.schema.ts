import { z } from 'zod';
import { isWebUrl, WEB_URL_MESSAGE } from '../../../core/url.ts';
import {
  EDUCATION_STAGES,
  PRACTICE_ACTIONS,
  PRACTICE_KINDS,
  PRACTICE_STATUSES,
  REVIEW_BODIES,
} from '../../../core/practices.ts';
import { booleanQuery, idParam, optionalText } from '../../http/fields.ts';
import { pageFields, searchQuery } from '../registers/shared/http.ts';

const link = z
  .string()
  .trim()
  .max(1000, '«Ссылка»: не длиннее 1000 символов')
  .refine(isWebUrl, `«Ссылка»: ${WEB_URL_MESSAGE}`);

const fields = {
  title: z.string().trim().min(1, 'укажите название').max(300),
  kind: z.enum(PRACTICE_KINDS),
  subject: optionalText(200),
  stage: z.enum(EDUCATION_STAGES).nullish(),
  description: optionalText(5000),
  links: z.array(link).max(20, 'не больше 20 ссылок').optional(),
  authorIds: z.array(idParam()).min(1, 'укажите хотя бы одного автора').max(20),
  deficitCodes: z.array(z.string().trim().min(1).max(50)).max(30).optional(),
};

export const CreatePracticeInput = z.object({
  ...fields,
  /** The author's organization; omitted by the department for its own entry. */
  organizationId: idParam().nullish(),
  municipalityId: idParam().optional(),
});
export type CreatePracticeInput = z.infer<typeof CreatePracticeInput>;

export const UpdatePracticeInput = z.object({
  ...fields,
  title: fields.title.optional(),
  kind: fields.kind.optional(),
  authorIds: fields.authorIds.optional(),
  /** The coordinator's leave to show a published entry on the public page. */
  isPublic: z.boolean().optional(),
  version: z.number().int().positive(),
});
export type UpdatePracticeInput = z.infer<typeof UpdatePracticeInput>;

export const TransitionInput = z.object({
  action: z.enum(PRACTICE_ACTIONS),
  comment: optionalText(2000),
  /** For «take»: who reviews, and the reviewers (accounts) assigned. */
  reviewBody: z.enum(REVIEW_BODIES).optional(),
  associationId: idParam().nullish(),
  reviewerIds: z.array(idParam()).max(10).optional(),
  version: z.number().int().positive(),
});
export type TransitionInput = z.infer<typeof TransitionInput>;

export const ReviewInput = z.object({
  scores: z.record(z.string(), z.number()),
  comment: optionalText(3000),
});
export type ReviewInput = z.infer<typeof ReviewInput>;

export const ListPracticesQuery = z.object({
  ...pageFields,
  municipalityId: idParam().optional(),
  organizationId: idParam().optional(),
  status: z.enum(PRACTICE_STATUSES).optional(),
  kind: z.enum(PRACTICE_KINDS).optional(),
  stage: z.enum(EDUCATION_STAGES).optional(),
  deficitCode: z.string().trim().max(50).optional(),
  subject: searchQuery(),
  q: searchQuery(),
  /** Only what the caller reviews. */
  mine: booleanQuery().optional(),
});
export type ListPracticesQuery = z.infer<typeof ListPracticesQuery>;

export const EventLinkInput = z.object({ eventId: idParam() });

export const PracticeSummary = z.object({
  id: z.number(),
  municipalityId: z.number(),
  organizationId: z.number().nullable(),
  organizationShortName: z.string().nullable(),
  title: z.string(),
  kind: z.enum(PRACTICE_KINDS),
  subject: z.string().nullable(),
  stage: z.enum(EDUCATION_STAGES).nullable(),
  status: z.enum(PRACTICE_STATUSES),
  authors: z.array(z.object({ id: z.number(), name: z.string() })),
  deficits: z.array(z.object({ code: z.string(), title: z.string() })),
  isPublic: z.boolean(),
  publishedAt: z.string().nullable(),
  updatedAt: z.string(),
  version: z.number(),
});
export type PracticeSummary = z.infer<typeof PracticeSummary>;

const FileOutput = z.object({ id: z.number(), name: z.string(), mimeType: z.string(), size: z.number() });

export const PracticeOutput = PracticeSummary.extend({
  description: z.string().nullable(),
  links: z.array(z.string()),
  reviewBody: z.enum(REVIEW_BODIES).nullable(),
  associationId: z.number().nullable(),
  associationName: z.string().nullable(),
  reason: z.string().nullable(),
  files: z.array(FileOutput),
  events: z.array(z.object({ id: z.number(), title: z.string(), date: z.string() })),
  reviews: z.array(
    z.object({
      id: z.number(),
      reviewerId: z.number(),
      reviewerName: z.string(),
      scores: z.record(z.string(), z.number()).nullable(),
      total: z.number().nullable(),
      comment: z.string().nullable(),
      reviewedAt: z.string().nullable(),
    }),
  ),
  history: z.array(
    z.object({
      fromStatus: z.enum(PRACTICE_STATUSES).nullable(),
      toStatus: z.enum(PRACTICE_STATUSES),
      comment: z.string().nullable(),
      userName: z.string(),
      at: z.string(),
    }),
  ),
  /** What the caller may do: the actions of the workflow it may take now, and whether it edits or reviews. */
  can: z.object({
    edit: z.boolean(),
    manage: z.boolean(),
    review: z.boolean(),
    actions: z.array(z.enum(PRACTICE_ACTIONS)),
  }),
});
export type PracticeOutput = z.infer<typeof PracticeOutput>;
