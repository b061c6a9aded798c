import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { todayOf } from '../../../config.ts';
import type { Db } from '../../../db/client.ts';
import { IdParams } from '../../../http/fields.ts';
import { requireUser, type Actor, type AuthUser } from '../../auth/access.ts';
import { CandidateOutput, CandidatesQuery, pageFields, sendPage, type Page } from './http.ts';

const PageQuery = z.object(pageFields);

/**
 * The teachers linked to a parent record (members of an association, participants of an event):
 * GET `path` lists them, POST `path` adds, GET `path/candidates` finds teachers one may add.
 */
export function registerLinkRoutes<Row, Out, Body>(
  app: FastifyInstance,
  options: {
    path: string;
    tags: string[];
    summaries: { list: string; add: string; candidates: string };
    output: z.ZodType<Out>;
    present(row: Row): Out;
    addBody: z.ZodType<Body>;
    addResponse: z.ZodType;
    list(ctx: {
      db: Db;
      user: AuthUser;
      parentId: number;
      query: Page;
      today: string;
    }): Promise<{ rows: Row[]; total: number }>;
    add(ctx: { db: Db; actor: Actor; parentId: number; body: Body; today: string }): Promise<unknown>;
    candidates(ctx: {
      db: Db;
      user: AuthUser;
      parentId: number;
      query: CandidatesQuery;
      today: string;
    }): Promise<z.infer<typeof CandidateOutput>[]>;
  },
) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { tags, summaries } = options;
  // Who works where and who is a member now: on the server's «today».
  const today = () => todayOf(app.config);
  r.get(
    options.path,
    {
      schema: {
        tags,
        summary: summaries.list,
        params: IdParams,
        querystring: PageQuery,
        response: { 200: z.array(options.output) },
      },
    },
    async (req, reply) =>
      sendPage(
        reply,
        await options.list({
          db: app.db,
          user: requireUser(req.user),
          parentId: req.params.id,
          query: req.query,
          today: today(),
        }),
        options.present,
      ),
  );

  r.post(
    options.path,
    {
      schema: {
        tags,
        summary: summaries.add,
        params: IdParams,
        body: options.addBody,
        response: { 201: options.addResponse },
      },
    },
    async (req, reply) => {
      requireUser(req.user);
      const result = await options.add({
        db: app.db,
        actor: req.actor,
        parentId: req.params.id,
        body: req.body as Body,
        today: today(),
      });
      reply.status(201);
      return result;
    },
  );

  r.get(
    `${options.path}/candidates`,
    {
      schema: {
        tags,
        summary: summaries.candidates,
        params: IdParams,
        querystring: CandidatesQuery,
        response: { 200: z.array(CandidateOutput) },
      },
    },
    async (req) =>
      options.candidates({
        db: app.db,
        user: requireUser(req.user),
        parentId: req.params.id,
        query: req.query,
        today: today(),
      }),
  );
}
