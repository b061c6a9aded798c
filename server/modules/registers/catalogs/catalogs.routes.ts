import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { notFound } from '../../../errors.ts';
import { requireUser } from '../../auth/access.ts';
import { DeletedOutput, sendPage } from '../shared/http.ts';
import { registerOwnedRoutes } from '../shared/owned-routes.ts';
import {
  findDeficitByCode,
  findDeficits,
  findProviders,
  type DeficitRow,
  type ProviderRow,
} from './catalogs.repository.ts';
import {
  CreateDeficitInput,
  DeficitOutput,
  DeficitParams,
  ListDeficitsQuery,
  ListProvidersQuery,
  ProviderOutput,
  UpdateDeficitInput,
} from './catalogs.schema.ts';
import {
  createDeficitEntry,
  deleteDeficitEntry,
  providerRecords,
  updateDeficitEntry,
} from './catalogs.service.ts';

const tags = ['Справочники'];

const presentProvider = (row: ProviderRow): ProviderOutput => ({
  id: row.id,
  name: row.name,
  kind: row.kind,
  trainingCount: Number(row.trainingCount),
  municipalityId: row.municipalityId,
  version: row.version,
});

const presentDeficit = (row: DeficitRow): DeficitOutput => ({
  code: row.code,
  area: row.area,
  title: row.title,
  description: row.description,
  diagnosticCount: Number(row.diagnosticCount),
  stepCount: Number(row.stepCount),
  municipalityId: row.municipalityId,
  version: row.version,
});

/** Training providers and the catalog of professional deficits: read by everyone, kept by the department. */
export async function catalogsRoutes(app: FastifyInstance) {
  registerOwnedRoutes(app, {
    kind: providerRecords,
    path: '/api/providers',
    tags,
    summaries: {
      list: 'Организации, проводящие обучение (ЦНППМ, ИРО, Академия…)',
      get: 'Организация, проводящая обучение',
      create: 'Добавить организацию в справочник',
      update: 'Изменить организацию в справочнике',
      remove: 'Удалить организацию из справочника (если она нигде не указана)',
    },
    output: ProviderOutput,
    present: presentProvider,
    listQuery: ListProvidersQuery,
    list: ({ db, query }) => findProviders(db, query),
  });

  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/deficits',
    {
      schema: {
        tags,
        summary: 'Справочник профессиональных дефицитов',
        querystring: ListDeficitsQuery,
        response: { 200: z.array(DeficitOutput) },
      },
    },
    async (req, reply) => {
      requireUser(req.user);
      return sendPage(reply, await findDeficits(app.db, req.query), presentDeficit);
    },
  );

  r.get(
    '/api/deficits/:code',
    { schema: { tags, summary: 'Дефицит по коду', params: DeficitParams, response: { 200: DeficitOutput } } },
    async (req) => {
      requireUser(req.user);
      const row = await findDeficitByCode(app.db, req.params.code);
      if (!row) throw notFound('Дефицит');
      return presentDeficit(row);
    },
  );

  r.post(
    '/api/deficits',
    {
      schema: {
        tags,
        summary: 'Добавить дефицит',
        body: CreateDeficitInput,
        response: { 201: DeficitOutput },
      },
    },
    async (req, reply) => {
      requireUser(req.user);
      const created = await createDeficitEntry({ db: app.db, actor: req.actor, input: req.body as never });
      reply.status(201);
      return presentDeficit(created);
    },
  );

  r.patch(
    '/api/deficits/:code',
    {
      schema: {
        tags,
        summary: 'Изменить дефицит (код не меняется)',
        params: DeficitParams,
        body: UpdateDeficitInput,
        response: { 200: DeficitOutput },
      },
    },
    async (req) => {
      requireUser(req.user);
      return presentDeficit(
        await updateDeficitEntry({
          db: app.db,
          actor: req.actor,
          code: req.params.code,
          input: req.body as never,
        }),
      );
    },
  );

  r.delete(
    '/api/deficits/:code',
    {
      schema: {
        tags,
        summary: 'Удалить дефицит (если он нигде не указан)',
        params: DeficitParams,
        response: { 200: DeletedOutput },
      },
    },
    async (req) => {
      requireUser(req.user);
      await deleteDeficitEntry({ db: app.db, actor: req.actor, code: req.params.code });
      return { deleted: true as const, message: `Дефицит ${req.params.code} удалён из справочника.` };
    },
  );
}
