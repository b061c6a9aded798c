import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { recordSchema } from '../../../../core/registry/schema.ts';
import { todayOf } from '../../../config.ts';
import type { Db } from '../../../db/client.ts';
import { IdParams } from '../../../http/fields.ts';
import { requireUser, type AuthUser } from '../../auth/access.ts';
import { DeletedOutput, sendPage } from './http.ts';
import { assertListFilter } from './ownership.ts';
import {
  createOwned,
  deleteOwned,
  getOwned,
  updateOwned,
  type OwnedKind,
  type OwnedRow,
} from './owned-records.ts';

export interface OwnedRoutesOptions<Row extends OwnedRow, Query, Out> {
  kind: OwnedKind<Row>;
  /** The collection, e.g. `/api/vacancies`; one record is `${path}/:id`. */
  path: string;
  tags: string[];
  /** Russian summaries of the OpenAPI documentation. */
  summaries: { list: string; get: string; create: string; update: string; remove: string };
  output: z.ZodType<Out>;
  present(row: Row): Out;
  listQuery: z.ZodType<Query>;
  list(options: {
    db: Db;
    user: AuthUser;
    query: Query;
    today: string;
  }): Promise<{ rows: Row[]; total: number }>;
  /** The routes to register (all five by default): links to a parent are created through the parent. */
  only?: RouteName[];
}

export type RouteName = 'list' | 'get' | 'create' | 'update' | 'remove';

/**
 * The list of a record kind whose organization or municipality filter must be one the user may read
 * (see assertListFilter), answered by the repository's query.
 */
export const checkedList =
  <Row, Query extends { organizationId?: number; municipalityId?: number }>(
    find: (db: Db, user: AuthUser, query: Query, today: string) => Promise<{ rows: Row[]; total: number }>,
  ) =>
  async ({ db, user, query, today }: { db: Db; user: AuthUser; query: Query; today: string }) => {
    await assertListFilter(db, user, query);
    return find(db, user, query, today);
  };

export const versionField = z.number('«Версия записи»: обязательное поле').int().positive();

/** The owner of a new catalog entry: a municipality, null for a system-wide one, or (omitted) the user's own. */
export const catalogOwnerField = z.number().int().positive().nullable().optional();

/** Body of POST: the record kind's fields; a municipal-or-organization record may name its municipality. */
export function createBody(kind: Pick<OwnedKind<any>, 'kind' | 'ownership'>) {
  const base = recordSchema(kind.kind);
  if (kind.ownership === 'mixed')
    return base.extend({ municipalityId: z.number().int().positive().optional() });
  if (kind.ownership === 'catalog') return base.extend({ municipalityId: catalogOwnerField });
  return base;
}

/** Body of PATCH: any of the fields, and the version the client saw. */
export function updateBody(kind: Pick<OwnedKind<any>, 'kind'>) {
  return recordSchema(kind.kind, { partial: true }).extend({ version: versionField });
}

/** GET list, GET one, POST, PATCH and DELETE of one registry record kind. */
export function registerOwnedRoutes<Row extends OwnedRow, Query, Out>(
  app: FastifyInstance,
  options: OwnedRoutesOptions<Row, Query, Out>,
) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { kind, path, tags, summaries, output, present } = options;
  const one = `${path}/:id`;
  const has = (name: RouteName) => !options.only || options.only.includes(name);
  // The rows say what is current (a workplace, «в силе»): on the server's «today», as every page does.
  const today = () => todayOf(app.config);

  if (has('list'))
    r.get(
      path,
      {
        schema: {
          tags,
          summary: summaries.list,
          querystring: options.listQuery,
          response: { 200: z.array(output) },
        },
      },
      async (req, reply) =>
        sendPage(
          reply,
          await options.list({
            db: app.db,
            user: requireUser(req.user),
            query: req.query as Query,
            today: today(),
          }),
          present,
        ),
    );

  if (has('get'))
    r.get(
      one,
      { schema: { tags, summary: summaries.get, params: IdParams, response: { 200: output } } },
      async (req) =>
        present(
          await getOwned(kind, {
            db: app.db,
            user: requireUser(req.user),
            id: req.params.id,
            today: today(),
          }),
        ),
    );

  if (has('create'))
    r.post(
      path,
      { schema: { tags, summary: summaries.create, body: createBody(kind), response: { 201: output } } },
      async (req, reply) => {
        requireUser(req.user);
        const created = await createOwned(kind, {
          db: app.db,
          actor: req.actor,
          input: req.body as Record<string, unknown>,
          today: today(),
        });
        reply.status(201);
        return present(created);
      },
    );

  if (has('update'))
    r.patch(
      one,
      {
        schema: {
          tags,
          summary: `${summaries.update} (нужна текущая версия записи)`,
          params: IdParams,
          body: updateBody(kind),
          response: { 200: output },
        },
      },
      async (req) => {
        requireUser(req.user);
        return present(
          await updateOwned(kind, {
            db: app.db,
            actor: req.actor,
            id: req.params.id,
            input: req.body as Record<string, unknown> & { version: number },
            today: today(),
          }),
        );
      },
    );

  if (has('remove'))
    r.delete(
      one,
      { schema: { tags, summary: summaries.remove, params: IdParams, response: { 200: DeletedOutput } } },
      async (req) => {
        requireUser(req.user);
        await deleteOwned(kind, { db: app.db, actor: req.actor, id: req.params.id, today: today() });
        return { deleted: true as const, message: `Запись «${kind.kind.label}» удалена.` };
      },
    );
}
