import { z } from 'zod';
import { isValidIsoDate } from '../../../../core/dates.ts';
import { ASSOCIATION_TYPES, LEVELS } from '../../../../core/enums.ts';
import { optionalText } from '../../../http/fields.ts';

const version = z.number('«Версия записи»: обязательное поле').int().positive();

const meetingFields = {
  date: z.string('«Дата»: обязательное поле').refine(isValidIsoDate, '«Дата»: некорректная дата'),
  topic: z
    .string('«Тема»: обязательное поле')
    .trim()
    .min(3, '«Тема»: не короче 3 символов')
    .max(500, '«Тема»: не длиннее 500 символов'),
  plan: optionalText(4000),
  isHeld: z.boolean('«Состоялось»: да или нет').optional(),
  notes: optionalText(4000),
};

export const CreateMeetingInput = z.object(meetingFields);
export type CreateMeetingInput = z.infer<typeof CreateMeetingInput>;
export const UpdateMeetingInput = z.object(meetingFields).partial().extend({ version });
export type UpdateMeetingInput = z.infer<typeof UpdateMeetingInput>;

export const SchoolYearQuery = z.object({
  schoolYear: z.coerce
    .number('«Учебный год»: ожидается год начала, например 2026')
    .int()
    .min(2000)
    .max(2100)
    .optional(),
});

export const AttendanceInput = z.object({
  entries: z
    .array(
      z.object({
        teacherId: z.number().int().positive(),
        isPresent: z.boolean('«Присутствовал»: да или нет'),
      }),
      '«Посещаемость»: ожидается список',
    )
    .max(1000),
  notes: optionalText(4000),
  version,
});
export type AttendanceInput = z.infer<typeof AttendanceInput>;

export const MeetingOutput = z.object({
  id: z.number(),
  associationId: z.number(),
  date: z.string(),
  topic: z.string(),
  plan: z.string().nullable(),
  isHeld: z.boolean(),
  notes: z.string().nullable(),
  /** Held; planned (still ahead); overdue (its date passed and it is not marked held). */
  state: z.enum(['held', 'planned', 'overdue']),
  /** Its date has come: attendance can be marked. */
  isDue: z.boolean(),
  presentCount: z.number(),
  absentCount: z.number(),
  memberCount: z.number(),
  rate: z.number().nullable(),
  version: z.number(),
});
export type MeetingOutput = z.infer<typeof MeetingOutput>;

export const AssociationYearOutput = z.object({
  association: z.object({
    id: z.number(),
    name: z.string(),
    type: z.enum(ASSOCIATION_TYPES),
    level: z.enum(LEVELS),
    organizationShortName: z.string().nullable(),
    leaderName: z.string().nullable(),
  }),
  schoolYear: z.number(),
  period: z.object({ from: z.string(), to: z.string() }),
  schoolYears: z.array(z.number()),
  permissions: z.object({ canManage: z.boolean(), canSeeAttendance: z.boolean() }),
  meetings: z.array(MeetingOutput),
  members: z.array(
    z.object({
      teacherId: z.number(),
      teacherName: z.string(),
      organizationShortName: z.string().nullable(),
      positionTitle: z.string().nullable(),
      present: z.number(),
      absent: z.number(),
      rate: z.number().nullable(),
    }),
  ),
  summary: z.object({
    planned: z.number(),
    held: z.number(),
    overdue: z.number(),
    averageRate: z.number().nullable(),
    next: z.object({ date: z.string(), topic: z.string() }).nullable(),
  }),
});

export const AttendanceOutput = z.object({
  meeting: MeetingOutput,
  entries: z.array(
    z.object({
      teacherId: z.number(),
      teacherName: z.string(),
      organizationShortName: z.string().nullable(),
      isPresent: z.boolean().nullable(),
    }),
  ),
});

export const OverviewOutput = z.array(
  z.object({
    id: z.number(),
    name: z.string(),
    type: z.enum(ASSOCIATION_TYPES),
    level: z.enum(LEVELS),
    organizationShortName: z.string().nullable(),
    leaderName: z.string().nullable(),
    memberCount: z.number(),
    planned: z.number(),
    held: z.number(),
    nextDate: z.string().nullable(),
    canManage: z.boolean(),
  }),
);
