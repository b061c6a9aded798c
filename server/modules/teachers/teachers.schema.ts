import { z } from 'zod';
import { isValidIsoDate } from '../../../core/dates.ts';
import { ORGANIZATION_KINDS, QUALIFICATION_CATEGORIES, SEXES } from '../../../core/enums.ts';
import { positionKind, SNILS_FORMAT_MESSAGE, teacherKind } from '../../../core/registry/kinds.ts';
import { recordSchema } from '../../../core/registry/schema.ts';
import { hasValidSnilsChecksum, SNILS_CHECKSUM_MESSAGE, snilsDigits } from '../../../core/registry/snils.ts';
import { booleanQuery, idParam } from '../../http/fields.ts';

const isoDateQuery = (label: string) =>
  z
    .string()
    .refine(isValidIsoDate, `${label}: некорректная дата (нужна дата в формате ГГГГ-ММ-ДД)`)
    .optional();
const yearsQuery = () => z.coerce.number().int().min(0).max(120).optional();

/** Filters of the teacher search; the summary takes the same ones. */
export const TeacherFilters = z.object({
  q: z.string().trim().max(200).optional(),
  organizationId: idParam().optional(),
  kind: z.enum(ORGANIZATION_KINDS).optional(),
  subject: z.string().trim().max(200).optional(),
  position: z.string().trim().max(200).optional(),
  ageFrom: yearsQuery(),
  ageTo: yearsQuery(),
  experienceFrom: yearsQuery(),
  experienceTo: yearsQuery(),
  referenceDate: isoDateQuery('Дата, на которую считаются возраст и стаж'),
  young: booleanQuery().optional(),
  youngMaxAge: z.coerce.number().int().min(1).max(120).optional(),
  youngMaxExperience: z.coerce.number().int().min(1).max(60).optional(),
  category: z.enum(QUALIFICATION_CATEGORIES).optional(),
  diagnosedYear: z.coerce.number().int().min(1990).max(2100).optional(),
  hasRoute: booleanQuery().optional(),
  inMentoring: booleanQuery().optional(),
  inAssociation: booleanQuery().optional(),
  isManager: booleanQuery().optional(),
  includeFormer: booleanQuery().optional(),
});
export type TeacherFilters = z.infer<typeof TeacherFilters>;

export const ListTeachersQuery = TeacherFilters.extend({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
  sort: z.enum(['name', 'age', 'experience']).default('name'),
});
export type ListTeachersQuery = z.infer<typeof ListTeachersQuery>;

const PositionSummary = z.object({
  id: z.number(),
  organizationId: z.number(),
  organizationShortName: z.string(),
  title: z.string(),
  isMainJob: z.boolean(),
  rate: z.number(),
  startDate: z.string(),
  endDate: z.string().nullable(),
});

export const TeacherListItem = z.object({
  id: z.number(),
  fullName: z.string(),
  birthDate: z.string(),
  age: z.number(),
  experience: z.number(),
  isYoung: z.boolean(),
  category: z.enum(QUALIFICATION_CATEGORIES),
  isManager: z.boolean(),
  subjects: z.array(z.string()),
  positions: z.array(PositionSummary),
});
export type TeacherListItem = z.infer<typeof TeacherListItem>;

export const TeacherSummary = z.object({
  referenceDate: z.string(),
  total: z.number(),
  young: z.number(),
  diagnosedThisYear: z.number(),
  withRoute: z.number(),
  inMentoring: z.number(),
  inAssociation: z.number(),
  managers: z.number(),
  byCategory: z.record(z.enum(QUALIFICATION_CATEGORIES), z.number()),
});

export const SubjectCount = z.object({ subject: z.string(), count: z.number() });

/** What the caller may do with the card; the web app shows or hides buttons by it. */
export const TeacherPermissions = z.object({
  canEdit: z.boolean(),
  canDelete: z.boolean(),
  /** Organizations in which the caller may add or change positions. */
  positionOrganizationIds: z.array(z.number()),
  /** Only the name, organization and position are shown (a methodical association leader). */
  isLimited: z.boolean(),
});

/** The card. Personal fields are null for a caller with limited access. */
export const TeacherCard = z.object({
  id: z.number(),
  municipalityId: z.number(),
  fullName: z.string(),
  lastName: z.string(),
  firstName: z.string(),
  middleName: z.string().nullable(),
  birthDate: z.string().nullable(),
  sex: z.enum(SEXES).nullable(),
  snils: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  pedagogicalStartDate: z.string().nullable(),
  qualificationCategory: z.enum(QUALIFICATION_CATEGORIES).nullable(),
  categoryDate: z.string().nullable(),
  isManager: z.boolean().nullable(),
  subjects: z.array(z.string()),
  age: z.number().nullable(),
  experience: z.number().nullable(),
  isYoung: z.boolean().nullable(),
  referenceDate: z.string(),
  positions: z.array(PositionSummary.extend({ version: z.number() })),
  educations: z.array(z.record(z.string(), z.unknown())),
  certifications: z.array(z.record(z.string(), z.unknown())),
  permissions: TeacherPermissions,
  version: z.number(),
  updatedAt: z.string().nullable(),
});
export type TeacherCard = z.infer<typeof TeacherCard>;

const teacherFields = recordSchema(teacherKind);
const positionFields = recordSchema(positionKind);

export const CreateTeacherInput = teacherFields.and(z.object({ position: positionFields }));
export type CreateTeacherInput = z.infer<typeof CreateTeacherInput>;

export const AttachTeacherInput = z.object({
  // Any spacing of the 11 digits is accepted: it only finds the teacher; the check number is still checked.
  snils: z
    .string()
    .trim()
    .min(1, '«СНИЛС»: обязательное поле')
    .max(20, `«СНИЛС»: ${SNILS_FORMAT_MESSAGE}`)
    .refine((v) => snilsDigits(v).length === 11, `«СНИЛС»: ${SNILS_FORMAT_MESSAGE}`)
    .refine(hasValidSnilsChecksum, `«СНИЛС»: ${SNILS_CHECKSUM_MESSAGE}`),
  position: positionFields,
});
export type AttachTeacherInput = z.infer<typeof AttachTeacherInput>;

export const UpdateTeacherInput = recordSchema(teacherKind, { partial: true }).and(
  z.object({ version: z.number().int().positive() }),
);
export type UpdateTeacherInput = z.infer<typeof UpdateTeacherInput>;

export const DeleteTeacherOutput = z.object({
  deleted: z.boolean(),
  removedPositions: z.number(),
  message: z.string(),
});

export const MyProfileOutput = z.object({ teacherId: z.number(), fullName: z.string() });

/** A request to attach a teacher of another organization: the teacher's name only, no СНИЛС or birth date. */
export const AttachRequest = z.object({
  id: z.number(),
  teacherId: z.number(),
  teacherName: z.string(),
  organizationId: z.number(),
  organizationName: z.string(),
  position: z.object({
    title: z.string(),
    rate: z.number(),
    isMainJob: z.boolean(),
    startDate: z.string(),
  }),
  status: z.enum(['pending', 'confirmed', 'refused']),
  statusLabel: z.string(),
  requestedByName: z.string(),
  createdAt: z.string(),
  decidedByName: z.string().nullable(),
  decidedAt: z.string().nullable(),
  comment: z.string().nullable(),
  version: z.number(),
});

export const AttachRequestList = z.object({
  /** Pending requests the caller confirms or refuses. */
  incoming: z.array(AttachRequest),
  /** Requests the caller's organizations sent. */
  outgoing: z.array(AttachRequest),
});

export const AttachDecisionInput = z.object({
  version: z.number().int().positive(),
  comment: z.string().trim().max(1000, '«Комментарий»: не длиннее 1000 символов').optional(),
});
