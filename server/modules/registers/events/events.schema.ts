import { z } from 'zod';
import {
  EVENT_FORMATS,
  EVENT_ROLES,
  EVENT_TYPES,
  LEVELS,
  eventRole,
  eventType,
} from '../../../../core/enums.ts';
import { dateQuery, idQuery, pageFields, searchQuery } from '../shared/http.ts';

export const EventOutput = z.object({
  id: z.number(),
  municipalityId: z.number(),
  organizationId: z.number().nullable(),
  organizationShortName: z.string().nullable(),
  title: z.string(),
  level: z.enum(LEVELS),
  date: z.string(),
  format: z.enum(EVENT_FORMATS),
  type: z.enum(EVENT_TYPES).nullable(),
  deficitCodes: z.array(z.string()),
  participantCount: z.number(),
  version: z.number(),
});
export type EventOutput = z.infer<typeof EventOutput>;

export const ListEventsQuery = z.object({
  municipalityId: idQuery(),
  organizationId: idQuery(),
  level: z.enum(LEVELS).optional(),
  type: z
    .enum(EVENT_TYPES, {
      error: () =>
        `«Вид мероприятия»: допустимые значения — ${EVENT_TYPES.map((t) => eventType.label[t]).join(', ')}`,
    })
    .optional(),
  from: dateQuery('«С даты»'),
  to: dateQuery('«По дату»'),
  q: searchQuery(),
  ...pageFields,
});
export type ListEventsQuery = z.infer<typeof ListEventsQuery>;

export const ParticipantOutput = z.object({
  id: z.number(),
  eventId: z.number(),
  teacherId: z.number(),
  teacherName: z.string(),
  organizationShortName: z.string().nullable(),
  positionTitle: z.string().nullable(),
  role: z.enum(EVENT_ROLES),
  version: z.number(),
});
export type ParticipantOutput = z.infer<typeof ParticipantOutput>;

/** A teacher's participation, for the teacher card. */
export const ParticipationOutput = ParticipantOutput.extend({
  eventTitle: z.string(),
  eventLevel: z.enum(LEVELS),
  eventDate: z.string(),
  eventFormat: z.enum(EVENT_FORMATS),
});
export type ParticipationOutput = z.infer<typeof ParticipationOutput>;

export const ListParticipationsQuery = z.object({ teacherId: idQuery(), ...pageFields });
export type ListParticipationsQuery = z.infer<typeof ListParticipationsQuery>;

export const AddParticipantsInput = z.object({
  teacherIds: z
    .array(z.number().int().positive(), '«Педагоги»: ожидается список')
    .min(1, '«Педагоги»: выберите хотя бы одного педагога')
    .max(500, '«Педагоги»: не больше 500 за один раз'),
  role: z
    .enum(EVENT_ROLES, {
      error: () => `«Роль»: допустимые значения — ${Object.values(eventRole.label).join(', ')}`,
    })
    .default('participant'),
});
export type AddParticipantsInput = z.infer<typeof AddParticipantsInput>;
