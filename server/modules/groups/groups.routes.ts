import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { todayOf } from '../../config.ts';
import { IdParams } from '../../http/fields.ts';
import { requireUser } from '../auth/access.ts';
import { DeletedOutput } from '../registers/shared/http.ts';
import {
  CreateGroupInput,
  CreatePartnershipInput,
  GroupOutput,
  GroupsQuery,
  PartnershipOutput,
  PartnershipsQuery,
  UpdateGroupInput,
  UpdatePartnershipInput,
  VersionQuery,
} from './groups.schema.ts';
import {
  createGroup,
  getGroup,
  listGroups,
  presentGroup,
  removeGroup,
  updateGroup,
} from './groups.service.ts';
import {
  createPartnership,
  getPartnership,
  listPartnerships,
  partnershipEffect,
  presentPartnerships,
  removePartnership,
  updatePartnership,
} from './partnerships.service.ts';

const groupTags = ['Группы организаций'];
const partnershipTags = ['Партнёрства школ'];

export async function groupsRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const today = () => todayOf(app.config);

  r.get(
    '/api/organization-groups',
    {
      schema: {
        tags: groupTags,
        summary:
          'Группы организаций («500+», «Точка роста», базовые площадки): отдел — все группы муниципалитета, ' +
          'организация — те, в которые входит',
        querystring: GroupsQuery,
        response: { 200: z.array(GroupOutput) },
      },
    },
    async (req) => {
      const user = requireUser(req.user);
      return (await listGroups({ db: app.db, user, query: req.query })).map((g) => presentGroup(user, g));
    },
  );

  r.get(
    '/api/organization-groups/:id',
    {
      schema: {
        tags: groupTags,
        summary: 'Группа организаций',
        params: IdParams,
        response: { 200: GroupOutput },
      },
    },
    async (req) => {
      const user = requireUser(req.user);
      return presentGroup(user, await getGroup({ db: app.db, user, id: req.params.id }));
    },
  );

  r.post(
    '/api/organization-groups',
    {
      schema: {
        tags: groupTags,
        summary: 'Создать группу организаций (отдел образования)',
        body: CreateGroupInput,
        response: { 201: GroupOutput },
      },
    },
    async (req, reply) => {
      const user = requireUser(req.user);
      const created = await createGroup({ db: app.db, actor: req.actor, input: req.body });
      reply.status(201);
      return presentGroup(user, created);
    },
  );

  r.patch(
    '/api/organization-groups/:id',
    {
      schema: {
        tags: groupTags,
        summary: 'Изменить группу организаций и её состав (нужна текущая версия записи)',
        params: IdParams,
        body: UpdateGroupInput,
        response: { 200: GroupOutput },
      },
    },
    async (req) => {
      const user = requireUser(req.user);
      return presentGroup(
        user,
        await updateGroup({ db: app.db, actor: req.actor, id: req.params.id, input: req.body }),
      );
    },
  );

  r.delete(
    '/api/organization-groups/:id',
    {
      schema: {
        tags: groupTags,
        summary: 'Удалить группу организаций (нужна текущая версия записи)',
        params: IdParams,
        querystring: VersionQuery,
        response: { 200: DeletedOutput },
      },
    },
    async (req) => {
      requireUser(req.user);
      await removeGroup({ db: app.db, actor: req.actor, id: req.params.id, version: req.query.version });
      return { deleted: true as const, message: 'Группа организаций удалена.' };
    },
  );

  r.get(
    '/api/school-partnerships',
    {
      schema: {
        tags: partnershipTags,
        summary:
          'Партнёрства школ (сильная школа поддерживает школу с низкими результатами): отдел — все, ' +
          'школа — свои',
        querystring: PartnershipsQuery,
        response: { 200: z.array(PartnershipOutput) },
      },
    },
    async (req) => {
      const user = requireUser(req.user);
      const rows = await listPartnerships({ db: app.db, user, query: req.query });
      return presentPartnerships(app.db, user, rows, today());
    },
  );

  r.get(
    '/api/school-partnerships/:id',
    {
      schema: {
        tags: partnershipTags,
        summary: 'Партнёрство школ: план, мероприятия, результаты',
        params: IdParams,
        response: { 200: PartnershipOutput },
      },
    },
    async (req) => {
      const user = requireUser(req.user);
      const row = await getPartnership({ db: app.db, user, id: req.params.id });
      return (await presentPartnerships(app.db, user, [row], today()))[0];
    },
  );

  r.get(
    '/api/school-partnerships/:id/effect',
    {
      schema: {
        tags: partnershipTags,
        summary:
          'Эффект партнёрства: значения показателей поддерживаемой школы до и после (кампании — по правилу ' +
          'анализа эффективности мер)',
        params: IdParams,
      },
    },
    async (req) => partnershipEffect({ db: app.db, user: requireUser(req.user), id: req.params.id }),
  );

  r.post(
    '/api/school-partnerships',
    {
      schema: {
        tags: partnershipTags,
        summary: 'Создать партнёрство школ (отдел образования)',
        body: CreatePartnershipInput,
        response: { 201: PartnershipOutput },
      },
    },
    async (req, reply) => {
      const user = requireUser(req.user);
      const created = await createPartnership({ db: app.db, actor: req.actor, input: req.body });
      reply.status(201);
      return (await presentPartnerships(app.db, user, [created], today()))[0];
    },
  );

  r.patch(
    '/api/school-partnerships/:id',
    {
      schema: {
        tags: partnershipTags,
        summary: 'Изменить партнёрство школ: план, мероприятия, результаты (нужна текущая версия записи)',
        params: IdParams,
        body: UpdatePartnershipInput,
        response: { 200: PartnershipOutput },
      },
    },
    async (req) => {
      const user = requireUser(req.user);
      const updated = await updatePartnership({
        db: app.db,
        actor: req.actor,
        id: req.params.id,
        input: req.body,
      });
      return (await presentPartnerships(app.db, user, [updated], today()))[0];
    },
  );

  r.delete(
    '/api/school-partnerships/:id',
    {
      schema: {
        tags: partnershipTags,
        summary: 'Удалить партнёрство школ (нужна текущая версия записи)',
        params: IdParams,
        querystring: VersionQuery,
        response: { 200: DeletedOutput },
      },
    },
    async (req) => {
      requireUser(req.user);
      await removePartnership({
        db: app.db,
        actor: req.actor,
        id: req.params.id,
        version: req.query.version,
      });
      return { deleted: true as const, message: 'Партнёрство школ удалено.' };
    },
  );
}
