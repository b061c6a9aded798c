import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParams } from '../../http/fields.ts';
import { requireUser } from '../auth/access.ts';
import { todayOf } from '../../config.ts';
import { sendXlsx } from '../../http/xlsx-export.ts';
import { decideAttachRequest, listAttachRequests } from './attach-requests.ts';
import {
  AttachDecisionInput,
  AttachRequest,
  AttachRequestList,
  AttachTeacherInput,
  CreateTeacherInput,
  DeleteTeacherOutput,
  ListTeachersQuery,
  MyProfileOutput,
  SubjectCount,
  TeacherCard,
  TeacherFilters,
  TeacherListItem,
  TeacherSummary,
  UpdateTeacherInput,
} from './teachers.schema.ts';
import {
  attachTeacher,
  createTeacher,
  deleteTeacher,
  exportTeachers,
  getMyProfile,
  getTeacherCard,
  listSubjects,
  listTeachers,
  readTeacherCard,
  summarizeVisibleTeachers,
  updateTeacher,
} from './teachers.service.ts';

const tags = ['Педагоги'];

export async function teachersRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  // The one source of «today» (the configuration may fix it), as in every module.
  const today = () => todayOf(app.config);

  r.get(
    '/api/teachers',
    {
      schema: {
        tags,
        summary:
          'Поиск педагогов в организациях пользователя (фильтры, страницы; всего — в X-Total-Count). ' +
          'Возраст и стаж — на referenceDate (по умолчанию сегодня). Запрос записывается в журнал.',
        querystring: ListTeachersQuery,
        response: { 200: z.array(TeacherListItem) },
      },
    },
    async (req, reply) => {
      const { rows, total } = await listTeachers({
        db: app.db,
        actor: req.actor,
        query: req.query,
        today: today(),
      });
      reply.header('X-Total-Count', String(total));
      return rows;
    },
  );

  r.get(
    '/api/teachers/export.xlsx',
    {
      schema: {
        tags,
        summary:
          'Список педагогов с текущими фильтрами в Excel (.xlsx): кому доступен поиск — в пределах его ' +
          'организаций. Выгрузка записывается в журнал.',
        querystring: ListTeachersQuery.omit({ page: true, pageSize: true }),
      },
    },
    async (req, reply) => {
      const { content, fileName } = await exportTeachers({
        db: app.db,
        actor: req.actor,
        filters: req.query,
        today: todayOf(app.config),
      });
      return sendXlsx(reply, fileName, content);
    },
  );

  r.get(
    '/api/teachers/summary',
    {
      schema: {
        tags,
        summary:
          'Сколько педагогов найдут фильтры: всего, молодых, с диагностикой, с ИОМ… (для панели фильтров)',
        querystring: TeacherFilters,
        response: { 200: TeacherSummary },
      },
    },
    async (req) =>
      summarizeVisibleTeachers({
        db: app.db,
        user: requireUser(req.user),
        filters: req.query,
        today: today(),
      }),
  );

  r.get(
    '/api/teachers/subjects',
    {
      schema: {
        tags,
        summary: 'Преподаваемые предметы найденных педагогов с числом педагогов',
        querystring: TeacherFilters,
        response: { 200: z.array(SubjectCount) },
      },
    },
    async (req) =>
      listSubjects({ db: app.db, user: requireUser(req.user), filters: req.query, today: today() }),
  );

  r.get(
    '/api/teachers/:id',
    {
      schema: {
        tags,
        summary: 'Карточка педагога (просмотр записывается в журнал)',
        params: IdParams,
        response: { 200: TeacherCard },
      },
    },
    async (req) => getTeacherCard({ db: app.db, actor: req.actor, id: req.params.id, today: today() }),
  );

  r.post(
    '/api/teachers',
    {
      schema: {
        tags,
        summary:
          'Добавить педагога с первой должностью. Если педагог с тем же СНИЛС уже есть в муниципалитете — 409 ' +
          '(добавьте ему должность через /api/teachers/attach)',
        body: CreateTeacherInput,
        response: { 201: TeacherCard },
      },
    },
    async (req, reply) => {
      const user = requireUser(req.user);
      const id = await createTeacher({ db: app.db, actor: req.actor, input: req.body, today: today() });
      reply.status(201);
      return readTeacherCard({ db: app.db, user, id, today: today() });
    },
  );

  r.post(
    '/api/teachers/attach',
    {
      schema: {
        tags,
        summary:
          'Добавить должность в своей организации педагогу, который уже есть в реестре (по СНИЛС). ' +
          'Координатор или организация, где педагог уже работает, добавляют сразу (200, карточка); ' +
          'другая организация отправляет запрос, который подтверждает организация педагога или координатор (202)',
        body: AttachTeacherInput,
        response: { 200: TeacherCard, 202: AttachRequest },
      },
    },
    async (req, reply) => {
      const user = requireUser(req.user);
      const outcome = await attachTeacher({ db: app.db, actor: req.actor, input: req.body, today: today() });
      if (outcome.kind === 'requested') {
        reply.status(202);
        return outcome.request;
      }
      return readTeacherCard({ db: app.db, user, id: outcome.teacherId, today: today() });
    },
  );

  r.get(
    '/api/teacher-attach-requests',
    {
      schema: {
        tags,
        summary:
          'Запросы на добавление педагогов другой организации: входящие (подтвердить или отклонить) и отправленные',
        response: { 200: AttachRequestList },
      },
    },
    async (req) => listAttachRequests(app.db, requireUser(req.user), today()),
  );

  for (const decision of ['confirm', 'refuse'] as const) {
    r.post(
      `/api/teacher-attach-requests/:id/${decision}`,
      {
        schema: {
          tags,
          summary:
            decision === 'confirm'
              ? 'Подтвердить запрос: должность добавляется, запросившая организация получает доступ к карточке'
              : 'Отклонить запрос на добавление педагога',
          params: IdParams,
          body: AttachDecisionInput,
          response: { 200: AttachRequest },
        },
      },
      async (req) =>
        decideAttachRequest({
          db: app.db,
          actor: req.actor,
          id: req.params.id,
          decision,
          version: req.body.version,
          comment: req.body.comment,
          today: today(),
        }),
    );
  }

  r.patch(
    '/api/teachers/:id',
    {
      schema: {
        tags,
        summary: 'Изменить сведения о педагоге (нужна текущая версия записи)',
        params: IdParams,
        body: UpdateTeacherInput,
        response: { 200: TeacherCard },
      },
    },
    async (req) => {
      const user = requireUser(req.user);
      await updateTeacher({
        db: app.db,
        actor: req.actor,
        id: req.params.id,
        input: req.body,
        today: today(),
      });
      return readTeacherCard({ db: app.db, user, id: req.params.id, today: today() });
    },
  );

  r.delete(
    '/api/teachers/:id',
    {
      schema: {
        tags,
        summary:
          'Удалить педагога. Ответственный ОО удаляет только должности своей организации, если педагог работает и в других',
        params: IdParams,
        response: { 200: DeleteTeacherOutput },
      },
    },
    async (req) => deleteTeacher({ db: app.db, actor: req.actor, id: req.params.id, today: today() }),
  );

  r.get(
    '/api/my-profile',
    {
      schema: {
        tags,
        summary: 'Педагог, с которым связана учётная запись',
        response: { 200: MyProfileOutput },
      },
    },
    async (req) => getMyProfile({ db: app.db, user: requireUser(req.user) }),
  );
}
