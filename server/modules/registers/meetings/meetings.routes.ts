import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { todayOf } from '../../../config.ts';
import { IdParams } from '../../../http/fields.ts';
import { requireUser } from '../../auth/access.ts';
import {
  AssociationYearOutput,
  AttendanceInput,
  AttendanceOutput,
  CreateMeetingInput,
  MeetingOutput,
  OverviewOutput,
  SchoolYearQuery,
  UpdateMeetingInput,
} from './meetings.schema.ts';
import {
  createMeeting,
  getAssociationYear,
  getMeetingAttendance,
  getMeetingOverview,
  removeMeeting,
  saveMeetingAttendance,
  updateMeeting,
} from './meetings.service.ts';

const tags = ['Методические объединения: заседания'];

/** Plans, meetings and attendance of methodical associations and the «Школа молодого специалиста». */
export async function meetingsRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const today = () => todayOf(app.config);

  r.get(
    '/api/association-meetings',
    {
      schema: {
        tags,
        summary: 'Объединения с числом заседаний учебного года (по плану, проведено) и ближайшим заседанием',
        querystring: SchoolYearQuery,
        response: { 200: OverviewOutput },
      },
    },
    async (req) =>
      getMeetingOverview({
        db: app.db,
        user: requireUser(req.user),
        schoolYear: req.query.schoolYear,
        today: today(),
      }),
  );
  r.get(
    '/api/associations/:id/meetings',
    {
      schema: {
        tags,
        summary: 'План заседаний объединения на учебный год с посещаемостью по заседаниям и участникам',
        params: IdParams,
        querystring: SchoolYearQuery,
        response: { 200: AssociationYearOutput },
      },
    },
    async (req) =>
      getAssociationYear({
        db: app.db,
        user: requireUser(req.user),
        associationId: req.params.id,
        schoolYear: req.query.schoolYear,
        today: today(),
      }),
  );
  r.post(
    '/api/associations/:id/meetings',
    {
      schema: {
        tags,
        summary: 'Запланировать заседание',
        params: IdParams,
        body: CreateMeetingInput,
        response: { 201: MeetingOutput },
      },
    },
    async (req, reply) => {
      reply.status(201);
      return createMeeting({
        db: app.db,
        actor: req.actor,
        associationId: req.params.id,
        input: req.body,
        today: today(),
      });
    },
  );
  r.patch(
    '/api/association-meetings/:id',
    {
      schema: {
        tags,
        summary: 'Изменить заседание: дата, тема, план, состоялось, итоги',
        params: IdParams,
        body: UpdateMeetingInput,
        response: { 200: MeetingOutput },
      },
    },
    async (req) =>
      updateMeeting({ db: app.db, actor: req.actor, id: req.params.id, input: req.body, today: today() }),
  );
  r.delete(
    '/api/association-meetings/:id',
    {
      schema: {
        tags,
        summary: 'Удалить заседание вместе с отметками посещаемости',
        params: IdParams,
        response: { 200: z.object({ deleted: z.literal(true), message: z.string() }) },
      },
    },
    async (req) => removeMeeting({ db: app.db, actor: req.actor, id: req.params.id, today: today() }),
  );
  r.get(
    '/api/association-meetings/:id/attendance',
    {
      schema: {
        tags,
        summary: 'Участники объединения на дату заседания и их отметки',
        params: IdParams,
        response: { 200: AttendanceOutput },
      },
    },
    async (req) =>
      getMeetingAttendance({ db: app.db, user: requireUser(req.user), id: req.params.id, today: today() }),
  );
  r.put(
    '/api/association-meetings/:id/attendance',
    {
      schema: {
        tags,
        summary: 'Отметить посещаемость (присутствовал / отсутствовал); заседание считается проведённым',
        params: IdParams,
        body: AttendanceInput,
        response: { 200: AttendanceOutput },
      },
    },
    async (req) =>
      saveMeetingAttendance({
        db: app.db,
        actor: req.actor,
        id: req.params.id,
        input: req.body,
        today: today(),
      }),
  );
}
