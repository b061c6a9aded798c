import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParams } from '../../../http/fields.ts';
import { requireUser } from '../../auth/access.ts';
import { sendPage } from '../shared/http.ts';
import { registerOwnedRoutes } from '../shared/owned-routes.ts';
import { assertListFilter } from '../shared/ownership.ts';
import {
  findAssociations,
  findMembers,
  type AssociationRow,
  type MemberRow,
} from './associations.repository.ts';
import {
  AddMembersInput,
  AddMembersResult,
  AssociationOutput,
  ListAssociationsQuery,
  ListMembershipsQuery,
  ListMembersQuery,
  MemberOutput,
  MembershipOutput,
} from './associations.schema.ts';
import {
  addAssociationMembers,
  associationRecords,
  listAssociationMembers,
  memberRecords,
} from './associations.service.ts';

const tags = ['Методические объединения'];

const presentAssociation = (row: AssociationRow): AssociationOutput => ({
  id: row.id,
  municipalityId: row.municipalityId,
  name: row.name,
  level: row.level,
  type: row.type,
  subject: row.subject,
  organizationId: row.organizationId,
  organizationShortName: row.organizationShortName,
  leaderId: row.leaderId,
  leaderName: row.leaderName,
  startDate: row.startDate,
  endDate: row.endDate,
  memberCount: Number(row.memberCount),
  version: row.version,
});

const presentMember = (row: MemberRow): MemberOutput => ({
  id: row.id,
  associationId: row.associationId,
  teacherId: row.teacherId,
  teacherName: row.teacherName,
  organizationShortName: row.organizationShortName,
  positionTitle: row.positionTitle,
  joinedOn: row.joinedOn,
  leftOn: row.leftOn,
  version: row.version,
});

const presentMembership = (row: MemberRow): MembershipOutput => ({
  ...presentMember(row),
  associationName: row.associationName,
  associationLevel: row.associationLevel,
  associationType: row.associationType,
});

export async function associationsRoutes(app: FastifyInstance) {
  registerOwnedRoutes(app, {
    kind: associationRecords,
    path: '/api/associations',
    tags,
    summaries: {
      list: 'Методические объединения и профессиональные сообщества (РМО, ШМО, «Школа молодого специалиста»…)',
      get: 'Методическое объединение',
      create: 'Создать объединение (с организацией — ШМО)',
      update: 'Изменить объединение',
      remove: 'Удалить объединение вместе с его составом',
    },
    output: AssociationOutput,
    present: presentAssociation,
    listQuery: ListAssociationsQuery,
    async list({ db, user, query }) {
      await assertListFilter(db, user, query);
      return findAssociations(db, user, query);
    },
  });

  registerOwnedRoutes(app, {
    kind: memberRecords,
    path: '/api/association-members',
    tags,
    summaries: {
      list: 'Участие педагога в методических объединениях (teacherId)',
      get: 'Участие в объединении',
      create: '',
      update: 'Изменить даты участия',
      remove: 'Удалить участие',
    },
    output: MembershipOutput,
    present: presentMembership,
    listQuery: ListMembershipsQuery,
    list: ({ db, user, query }) => findMembers(db, user, query),
    only: ['list', 'update', 'remove'],
  });

  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/associations/:id/members',
    {
      schema: {
        tags,
        summary: 'Состав объединения (ответственный ОО видит только педагогов своей организации)',
        params: IdParams,
        querystring: ListMembersQuery,
        response: { 200: z.array(MemberOutput) },
      },
    },
    async (req, reply) =>
      sendPage(
        reply,
        await listAssociationMembers({
          db: app.db,
          user: requireUser(req.user),
          associationId: req.params.id,
          query: req.query,
        }),
        presentMember,
      ),
  );

  r.post(
    '/api/associations/:id/members',
    {
      schema: {
        tags,
        summary:
          'Добавить в объединение педагога ({teacherId, joinedOn, leftOn}) или нескольких ({teacherIds, joinedOn}); уже состоящие пропускаются',
        params: IdParams,
        body: AddMembersInput,
        response: { 201: z.union([MemberOutput, AddMembersResult]) },
      },
    },
    async (req, reply) => {
      requireUser(req.user);
      const result = await addAssociationMembers({
        db: app.db,
        actor: req.actor,
        associationId: req.params.id,
        input: req.body,
      });
      reply.status(201);
      if (req.body.teacherIds?.length)
        return { added: result.added.map(presentMember), skipped: result.skipped };
      return presentMember(result.added[0]);
    },
  );
}
