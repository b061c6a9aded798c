import { z } from 'zod';
import { SPECIALIST_ROLES, specialistRole } from '../../../../core/enums.ts';
import { optionalEmail } from '../../../http/fields.ts';
import { idQuery, pageFields, searchQuery } from '../shared/http.ts';

const filterFields = {
  municipalityId: idQuery(),
  role: z
    .enum(SPECIALIST_ROLES, {
      error: () =>
        `«Роль»: допустимые значения — ${SPECIALIST_ROLES.map((r) => specialistRole.label[r]).join(', ')}`,
    })
    .optional(),
  isActive: z
    .enum(['true', 'false'], { error: () => '«Работает»: true или false' })
    .transform((v) => v === 'true')
    .optional(),
  q: searchQuery(),
  /** «Организация / отдел»: the place of work is free text, so this is a case-insensitive text match. */
  workplace: z
    .string()
    .trim()
    .max(200, '«Организация / отдел»: не длиннее 200 символов')
    .transform((v) => v || undefined)
    .optional(),
};

export const ExportSpecialistsQuery = z.object(filterFields);
export type ListSpecialistsFilter = z.infer<typeof ExportSpecialistsQuery>;

export const ListSpecialistsQuery = z.object({ ...filterFields, ...pageFields });
export type ListSpecialistsQuery = z.infer<typeof ListSpecialistsQuery>;

export const SpecialistOutput = z.object({
  id: z.number(),
  municipalityId: z.number(),
  fullName: z.string(),
  roles: z.array(z.enum(SPECIALIST_ROLES)),
  otherRole: z.string().nullable(),
  workplace: z.string().nullable(),
  subjects: z.array(z.string()),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  isActive: z.boolean(),
  /** The account the specialist logs in with, if one was created. */
  login: z.string().nullable(),
  notes: z.string().nullable(),
  curatedRouteCount: z.number(),
  tutoredRouteCount: z.number(),
  version: z.number(),
});
export type SpecialistOutput = z.infer<typeof SpecialistOutput>;

/** What a school sees when it picks a curator or a tutor: the name and the place of work, no contacts. */
export const SpecialistNameOutput = z.object({
  id: z.number(),
  fullName: z.string(),
  roles: z.array(z.enum(SPECIALIST_ROLES)),
  workplace: z.string().nullable(),
});

export const SpecialistNamesQuery = z.object({ municipalityId: idQuery(), q: searchQuery() });

export const CreateAccountInput = z.object({
  login: z
    .string('«Логин»: обязательное поле')
    .trim()
    .toLowerCase()
    .regex(
      /^[a-z0-9._-]{3,64}$/,
      '«Логин»: от 3 до 64 латинских букв, цифр, точек, дефисов или подчёркиваний',
    ),
  email: optionalEmail(),
});

export const CreateAccountOutput = z.object({
  specialist: SpecialistOutput,
  login: z.string(),
  /** Shown once: the specialist changes it at the first login. */
  password: z.string(),
});
