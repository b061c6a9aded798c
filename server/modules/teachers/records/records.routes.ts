import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { todayOf } from '../../../config.ts';
import { IdParams } from '../../../http/fields.ts';
import { RECORD_TYPES } from './record-types.ts';
import { createInput, DeletedOutput, recordOutput, updateInput } from './records.schema.ts';
import { createRecord, deleteRecord, listRecords, updateRecord } from './records.service.ts';

/** GET/POST on the collection of a teacher (or ИОМ), PATCH/DELETE on an item — for every record type. */
export async function recordsRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const today = () => todayOf(app.config);
  for (const type of RECORD_TYPES) {
    const output = recordOutput(type);
    const tags = [type.tag];
    const parentLabel = type.parent === 'teacher' ? 'педагога' : 'ИОМ';

    r.get(
      type.collectionUrl,
      {
        schema: {
          tags,
          summary: `${type.kind.pluralLabel} ${parentLabel}`,
          params: IdParams,
          response: { 200: z.array(output) },
        },
      },
      async (req, reply) => {
        const rows = await listRecords({
          db: app.db,
          actor: req.actor,
          type,
          parentId: req.params.id,
          today: today(),
        });
        reply.header('X-Total-Count', String(rows.length));
        return rows as never;
      },
    );

    r.post(
      type.collectionUrl,
      {
        schema: {
          tags,
          summary: `Добавить запись: ${type.kind.label}`,
          params: IdParams,
          body: createInput(type),
          response: { 201: output },
        },
      },
      async (req, reply) => {
        const created = await createRecord({
          db: app.db,
          actor: req.actor,
          type,
          parentId: req.params.id,
          input: req.body as Record<string, unknown>,
          today: today(),
        });
        reply.status(201);
        return created as never;
      },
    );

    r.patch(
      type.itemUrl,
      {
        schema: {
          tags,
          summary: `Изменить запись: ${type.kind.label} (нужна текущая версия)`,
          params: IdParams,
          body: updateInput(type),
          response: { 200: output },
        },
      },
      async (req) =>
        (await updateRecord({
          db: app.db,
          actor: req.actor,
          type,
          id: req.params.id,
          input: req.body as Record<string, unknown> & { version: number },
          today: today(),
        })) as never,
    );

    r.delete(
      type.itemUrl,
      {
        schema: {
          tags,
          summary: `Удалить запись: ${type.kind.label}`,
          params: IdParams,
          response: { 200: DeletedOutput },
        },
      },
      async (req) => deleteRecord({ db: app.db, actor: req.actor, type, id: req.params.id, today: today() }),
    );
  }
}
