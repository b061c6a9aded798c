import { z } from 'zod';
import { isValidIsoDate } from '../../../core/dates.ts';
import { idParam } from '../../http/fields.ts';
import { versionField } from '../registers/shared/owned-routes.ts';

const ids = (label: string) =>
  z
    .array(z.number(`«${label}»: нужен список номеров`).int().positive(), `«${label}»: нужен список номеров`)
    .max(5000, `«${label}»: не больше 5000`);

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `не длиннее ${max} символов`)
    .nullish()
    .transform((v) => (v ? v : null));

export const GroupsQuery = z.object({
  municipalityId: idParam().optional(),
  organizationId: idParam().optional(),
});
export type GroupsQuery = z.infer<typeof GroupsQuery>;

export const CreateGroupInput = z.object({
  municipalityId: z.number().int().positive().optional(),
  name: z
    .string('«Название группы»: обязательное поле')
    .trim()
    .min(1, '«Название группы»: обязательное поле')
    .max(200),
  description: optionalText(2000),
  organizationIds: ids('Организации группы').default([]),
});
export type CreateGroupInput = z.infer<typeof CreateGroupInput>;

export const UpdateGroupInput = z.object({
  version: versionField,
  name: z.string().trim().min(1, '«Название группы»: обязательное поле').max(200).optional(),
  description: optionalText(2000).optional(),
  organizationIds: ids('Организации группы').optional(),
});
export type UpdateGroupInput = z.infer<typeof UpdateGroupInput>;

export const VersionQuery = z.object({ version: z.coerce.number().int().positive() });

export const GroupOutput = z.object({
  id: z.number(),
  municipalityId: z.number(),
  name: z.string(),
  description: z.string().nullable(),
  organizationIds: z.array(z.number()),
  /** Whether the reader may edit it (the department). */
  canEdit: z.boolean(),
  version: z.number(),
});

// ——— school partnerships ———

const day = (label: string) =>
  z.string(`«${label}»: нужна дата`).refine(isValidIsoDate, `«${label}»: нужна дата в формате ГГГГ-ММ-ДД`);

export const PlanItemInput = z.object({
  title: z
    .string('«Пункт плана»: обязательное поле')
    .trim()
    .min(1, '«Пункт плана»: обязательное поле')
    .max(1000),
  dueDate: day('Срок пункта плана'),
  doneDate: day('Дата выполнения')
    .nullish()
    .transform((v) => v ?? null),
});

export const PartnershipsQuery = z.object({
  municipalityId: idParam().optional(),
  organizationId: idParam().optional(),
});
export type PartnershipsQuery = z.infer<typeof PartnershipsQuery>;

const partnershipFields = {
  strongOrganizationId: z.number('«Школа-партнёр»: обязательное поле').int().positive(),
  weakOrganizationId: z.number('«Школа с низкими результатами»: обязательное поле').int().positive(),
  title: z.string('«Название»: обязательное поле').trim().min(1, '«Название»: обязательное поле').max(500),
  startDate: day('Дата начала'),
  endDate: day('Дата окончания')
    .nullish()
    .transform((v) => v ?? null),
  plan: z.array(PlanItemInput).max(200, '«План»: не больше 200 пунктов').default([]),
  outcomes: optionalText(10000),
  eventIds: ids('Мероприятия').default([]),
};

export const CreatePartnershipInput = z.object(partnershipFields);
export type CreatePartnershipInput = z.infer<typeof CreatePartnershipInput>;

export const UpdatePartnershipInput = z.object({
  version: versionField,
  strongOrganizationId: partnershipFields.strongOrganizationId.optional(),
  weakOrganizationId: partnershipFields.weakOrganizationId.optional(),
  title: partnershipFields.title.optional(),
  startDate: partnershipFields.startDate.optional(),
  endDate: day('Дата окончания').nullish(),
  plan: z.array(PlanItemInput).max(200, '«План»: не больше 200 пунктов').optional(),
  outcomes: optionalText(10000).optional(),
  eventIds: ids('Мероприятия').optional(),
});
export type UpdatePartnershipInput = z.infer<typeof UpdatePartnershipInput>;

const OrganizationRef = z.object({ id: z.number(), name: z.string() });

export const PartnershipOutput = z.object({
  id: z.number(),
  municipalityId: z.number(),
  strongOrganization: OrganizationRef,
  weakOrganization: OrganizationRef,
  title: z.string(),
  startDate: z.string(),
  endDate: z.string().nullable(),
  plan: z.array(
    z.object({ title: z.string(), dueDate: z.string(), doneDate: z.string().nullable(), state: z.string() }),
  ),
  outcomes: z.string().nullable(),
  events: z.array(
    z.object({ id: z.number(), title: z.string(), date: z.string(), level: z.string(), format: z.string() }),
  ),
  canEdit: z.boolean(),
  version: z.number(),
});
