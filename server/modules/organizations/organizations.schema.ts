import { z } from 'zod';
import { ORGANIZATION_KINDS } from '../../../core/enums.ts';
import { booleanQuery, optionalEmail, optionalPattern, optionalText, idParam } from '../../http/fields.ts';

export const OrganizationOutput = z.object({
  id: z.number(),
  municipalityId: z.number(),
  municipalityName: z.string(),
  name: z.string(),
  shortName: z.string(),
  kind: z.enum(ORGANIZATION_KINDS),
  isLowResults: z.boolean(),
  isHardSocialConditions: z.boolean(),
  address: z.string().nullable(),
  headName: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  website: z.string().nullable(),
  inn: z.string().nullable(),
  responsibleName: z.string().nullable(),
  responsiblePhone: z.string().nullable(),
  isActive: z.boolean(),
  teacherCount: z.number(),
  version: z.number(),
  updatedAt: z.string(),
});
export type OrganizationOutput = z.infer<typeof OrganizationOutput>;

export const OrganizationFilters = z.object({
  q: z.string().trim().max(200).optional(),
  kind: z.enum(ORGANIZATION_KINDS).optional(),
  isLowResults: booleanQuery().optional(),
  isHardSocialConditions: booleanQuery().optional(),
  /** ШНОР or ШССУ: the organizations the home page counts together. */
  isAtRisk: booleanQuery().optional(),
  municipalityId: idParam().optional(),
  isActive: booleanQuery().optional(),
  /** In this group of the department («500+», «Точка роста»). */
  groupId: idParam().optional(),
});
export type OrganizationFilters = z.infer<typeof OrganizationFilters>;

export const ListOrganizationsQuery = OrganizationFilters.extend({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(1000).default(100),
  sort: z.enum(['name', 'kind', 'teacherCount']).default('name'),
});
export type ListOrganizationsQuery = z.infer<typeof ListOrganizationsQuery>;

export const OrganizationsSummary = z.object({
  organizationCount: z.number(),
  /** People with a current position in the organizations found: a совместитель is counted once. */
  teacherCount: z.number(),
});

const OrganizationFields = z.object({
  name: z.string().trim().min(3, 'полное наименование: не короче 3 символов').max(500),
  shortName: z.string().trim().min(2, 'краткое наименование: не короче 2 символов').max(120),
  kind: z.enum(ORGANIZATION_KINDS),
  isLowResults: z.boolean(),
  isHardSocialConditions: z.boolean(),
  inn: optionalPattern(/^\d{10}$/, 'ИНН организации: 10 цифр'),
  address: optionalText(),
  headName: optionalText(),
  phone: optionalText(100),
  email: optionalEmail(),
  website: optionalText(),
  responsibleName: optionalText(),
  responsiblePhone: optionalText(100),
});

export const CreateOrganizationInput = OrganizationFields.extend({
  municipalityId: z.number().int().positive(),
  isLowResults: z.boolean().default(false),
  isHardSocialConditions: z.boolean().default(false),
});
export type CreateOrganizationInput = z.infer<typeof CreateOrganizationInput>;

export const UpdateOrganizationInput = OrganizationFields.partial().extend({
  version: z.number().int().positive(),
  isActive: z.boolean().optional(),
});
export type UpdateOrganizationInput = z.infer<typeof UpdateOrganizationInput>;
