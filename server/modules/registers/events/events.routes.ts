import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { SkippedOutput } from '../shared/http.ts';
import { registerLinkRoutes } from '../shared/link-routes.ts';
import { checkedList, registerOwnedRoutes } from '../shared/owned-routes.ts';
import { findEvents, findParticipations, type EventRow, type ParticipationRow } from './events.repository.ts';
import {
  AddParticipantsInput,
  EventOutput,
  ListEventsQuery,
  ListParticipationsQuery,
  ParticipantOutput,
  ParticipationOutput,
} from './events.schema.ts';
import {
  addEventParticipants,
  eventRecords,
  listEventParticipants,
  listParticipantCandidates,
  participationRecords,
} from './events.service.ts';

const tags = ['Мероприятия'];

const presentEvent = (row: EventRow): EventOutput => ({
  id: row.id,
  municipalityId: row.municipalityId,
  organizationId: row.organizationId,
  organizationShortName: row.organizationShortName,
  title: row.title,
  level: row.level,
  date: row.date,
  format: row.format,
  type: row.type,
  deficitCodes: row.deficitCodes,
  participantCount: Number(row.participantCount),
  version: row.version,
});

const presentParticipant = (row: ParticipationRow): ParticipantOutput => ({
  id: row.id,
  eventId: row.eventId,
  teacherId: row.teacherId,
  teacherName: row.teacherName,
  organizationShortName: row.organizationShortName,
  positionTitle: row.positionTitle,
  role: row.role,
  version: row.version,
});

const presentParticipation = (row: ParticipationRow): ParticipationOutput => ({
  ...presentParticipant(row),
  eventTitle: row.eventTitle,
  eventLevel: row.eventLevel,
  eventDate: row.eventDate,
  eventFormat: row.eventFormat,
});

export async function eventsRoutes(app: FastifyInstance) {
  registerOwnedRoutes(app, {
    kind: eventRecords,
    path: '/api/events',
    tags,
    summaries: {
      list: 'Научно-методические мероприятия (с числом участников)',
      get: 'Мероприятие',
      create: 'Добавить мероприятие (с организацией — институциональное)',
      update: 'Изменить мероприятие',
      remove: 'Удалить мероприятие вместе со списком участников',
    },
    output: EventOutput,
    present: presentEvent,
    listQuery: ListEventsQuery,
    list: checkedList(findEvents),
  });

  registerOwnedRoutes(app, {
    kind: participationRecords,
    path: '/api/event-participations',
    tags,
    summaries: {
      list: 'Участие педагога в мероприятиях (teacherId)',
      get: 'Участие в мероприятии',
      create: '',
      update: 'Изменить роль участника',
      remove: 'Удалить участника',
    },
    output: ParticipationOutput,
    present: presentParticipation,
    listQuery: ListParticipationsQuery,
    list: ({ db, user, query, today }) => findParticipations(db, user, query, today),
    only: ['list', 'update', 'remove'],
  });

  registerLinkRoutes(app, {
    path: '/api/events/:id/participants',
    tags,
    summaries: {
      list: 'Участники мероприятия (ответственный ОО видит только педагогов своей организации)',
      add: 'Добавить участников ({teacherIds, role}); уже записанные пропускаются и перечисляются в skipped',
      candidates: 'Педагоги, которых пользователь может добавить участниками (поиск по ФИО)',
    },
    output: ParticipantOutput,
    present: presentParticipant,
    addBody: AddParticipantsInput,
    addResponse: z.object({ added: z.array(ParticipantOutput), skipped: z.array(SkippedOutput) }),
    list: ({ db, user, parentId, query, today }) =>
      listEventParticipants({ db, user, eventId: parentId, query, today }),
    async add({ db, actor, parentId, body, today }) {
      const result = await addEventParticipants({ db, actor, eventId: parentId, input: body, today });
      return { added: result.added.map(presentParticipant), skipped: result.skipped };
    },
    candidates: ({ db, user, parentId, query, today }) =>
      listParticipantCandidates({ db, user, eventId: parentId, query, today }),
  });
}
