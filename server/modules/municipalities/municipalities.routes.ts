import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireUser } from '../auth/access.ts';
import { IdParams } from '../../http/fields.ts';
import {
  CreateMunicipalityInput,
  MunicipalityOutput,
  UpdateMunicipalityInput,
} from './municipalities.schema.ts';
import {
  createMunicipality,
  getMunicipality,
  listVisibleMunicipalities,
  updateMunicipality,
} from './municipalities.service.ts';

const tags = ['Муниципалитеты'];

export async function municipalitiesRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/municipalities',
    {
      schema: {
        tags,
        summary: 'Муниципалитеты, доступные пользователю',
        response: { 200: z.array(MunicipalityOutput) },
      },
    },
    async (req) => listVisibleMunicipalities({ db: app.db, user: requireUser(req.user) }),
  );
  r.get(
    '/api/municipalities/:id',
    {
      schema: {
        tags,
        summary: 'Муниципалитет и реквизиты отдела образования',
        params: IdParams,
        response: { 200: MunicipalityOutput },
      },
    },
    async (req) => getMunicipality({ db: app.db, user: requireUser(req.user), id: req.params.id }),
  );
  r.post(
    '/api/municipalities',
    {
      schema: {
        tags,
        summary: 'Создать муниципалитет',
        body: CreateMunicipalityInput,
        response: { 201: MunicipalityOutput },
      },
    },
    async (req, reply) => {
      requireUser(req.user);
      reply.status(201);
      return createMunicipality({ db: app.db, actor: req.actor, input: req.body });
    },
  );
  r.patch(
    '/api/municipalities/:id',
    {
      schema: {
        tags,
        summary: 'Изменить реквизиты',
        params: IdParams,
        body: UpdateMunicipalityInput,
        response: { 200: MunicipalityOutput },
      },
    },
    async (req) => {
      requireUser(req.user);
      return updateMunicipality({ db: app.db, actor: req.actor, id: req.params.id, input: req.body });
    },
  );
}
