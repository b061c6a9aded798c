import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParams } from '../../../http/fields.ts';
import { requireUser } from '../../auth/access.ts';
import { SkippedOutput, sendPage } from '../shared/http.ts';
import { registerOwnedRoutes } from '../shared/owned-routes.ts';
import { assertListFilter } from '../shared/ownership.ts';
import { findEvents, findParticipations, type EventRow, type ParticipationRow } from './events.repository.ts';
import {
  AddParticipantsInput,
  EventOutput,
  ListEventsQuery,
  ListParticipantsQuery,
  ListParticipationsQuery,
  ParticipantOutput,
  ParticipationOutput,
} from './events.schema.ts';
import {
  addEventParticipants,
  eventRecords,
  listEventParticipants,
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
    async list({ db, user, query }) {
      await assertListFilter(db, user, query);
      return findEvents(db, user, query);
    },
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
    list: ({ db, user, query }) => findParticipations(db, user, query),
    only: ['list', 'update', 'remove'],
  });

  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/events/:id/participants',
    {
      schema: {
        tags,
        summary: 'Участники мероприятия (ответственный ОО видит только педагогов своей организации)',
        params: IdParams,
        querystring: ListParticipantsQuery,
        response: { 200: z.array(ParticipantOutput) },
      },
    },
    async (req, reply) =>
      sendPage(
        reply,
        await listEventParticipants({
          db: app.db,
          user: requireUser(req.user),
          eventId: req.params.id,
          ...req.query,
        }),
        presentParticipant,
      ),
  );

  r.post(
    '/api/events/:id/participants',
    {
      schema: {
        tags,
        summary:
          'Добавить участников ({teacherIds, role}); уже записанные пропускаются и перечисляются в skipped',
        params: IdParams,
        body: AddParticipantsInput,
        response: { 201: z.object({ added: z.array(ParticipantOutput), skipped: z.array(SkippedOutput) }) },
      },
    },
    async (req, reply) => {
      requireUser(req.user);
      const result = await addEventParticipants({
        db: app.db,
        actor: req.actor,
        eventId: req.params.id,
        input: req.body,
      });
      reply.status(201);
      return { added: result.added.map(presentParticipant), skipped: result.skipped };
    },
  );
}
