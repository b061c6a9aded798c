import { z } from 'zod';
import { ASSOCIATION_TYPES, LEVELS } from '../../../../core/enums.ts';
import { fieldSchema } from '../../../../core/registry/schema.ts';
import { membershipPeriodKind } from '../../../../core/registry/register-kinds.ts';
import { SkippedOutput, idQuery, pageFields, searchQuery } from '../shared/http.ts';

export const AssociationOutput = z.object({
  id: z.number(),
  municipalityId: z.number(),
  name: z.string(),
  level: z.enum(LEVELS),
  type: z.enum(ASSOCIATION_TYPES),
  subject: z.string().nullable(),
  organizationId: z.number().nullable(),
  organizationShortName: z.string().nullable(),
  leaderId: z.number().nullable(),
  leaderName: z.string().nullable(),
  startDate: z.string(),
  endDate: z.string().nullable(),
  memberCount: z.number(),
  version: z.number(),
});
export type AssociationOutput = z.infer<typeof AssociationOutput>;

export const ListAssociationsQuery = z.object({
  municipalityId: idQuery(),
  organizationId: idQuery(),
  level: z.enum(LEVELS).optional(),
  type: z.enum(ASSOCIATION_TYPES).optional(),
  q: searchQuery(),
  ...pageFields,
});
export type ListAssociationsQuery = z.infer<typeof ListAssociationsQuery>;

export const MemberOutput = z.object({
  id: z.number(),
  associationId: z.number(),
  teacherId: z.number(),
  teacherName: z.string(),
  organizationShortName: z.string().nullable(),
  positionTitle: z.string().nullable(),
  joinedOn: z.string(),
  leftOn: z.string().nullable(),
  version: z.number(),
});
export type MemberOutput = z.infer<typeof MemberOutput>;

/** A teacher's membership, for the teacher card. */
export const MembershipOutput = MemberOutput.extend({
  associationName: z.string(),
  associationLevel: z.enum(LEVELS),
  associationType: z.enum(ASSOCIATION_TYPES),
});
export type MembershipOutput = z.infer<typeof MembershipOutput>;

export const ListMembershipsQuery = z.object({ teacherId: idQuery(), ...pageFields });
export type ListMembershipsQuery = z.infer<typeof ListMembershipsQuery>;

const [joinedOnField, leftOnField] = membershipPeriodKind.fields;

/** One teacher ({teacherId, joinedOn, leftOn}) or several at once ({teacherIds, joinedOn}). */
export const AddMembersInput = z
  .object({
    joinedOn: fieldSchema(joinedOnField, false) as z.ZodType<string>,
    leftOn: fieldSchema(leftOnField, false) as z.ZodType<string | null>,
    teacherId: z.number('«Педагог»: не выбран').int().positive('«Педагог»: не выбран').optional(),
    teacherIds: z
      .array(z.number().int().positive(), '«Педагоги»: ожидается список')
      .max(500, '«Педагоги»: не больше 500 за один раз')
      .optional(),
  })
  .superRefine((v, ctx) => {
    if (v.teacherId === undefined && !v.teacherIds?.length)
      ctx.addIssue({
        code: 'custom',
        path: ['teacherIds'],
        message: '«Педагоги»: выберите хотя бы одного педагога',
      });
  });
export type AddMembersInput = z.infer<typeof AddMembersInput>;

export const AddMembersResult = z.object({ added: z.array(MemberOutput), skipped: z.array(SkippedOutput) });
