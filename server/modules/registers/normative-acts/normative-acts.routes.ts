import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParams } from '../../../http/fields.ts';
import { setProgramActs } from './program-acts.ts';
import { checkedList, registerOwnedRoutes } from '../shared/owned-routes.ts';
import { findNormativeActs, type NormativeActRow } from './normative-acts.repository.ts';
import { ListNormativeActsQuery, NormativeActOutput } from './normative-acts.schema.ts';
import { normativeActRecords } from './normative-acts.service.ts';

const presentNormativeAct = (row: NormativeActRow): NormativeActOutput => ({
  id: row.id,
  municipalityId: row.municipalityId,
  organizationId: row.organizationId,
  organizationShortName: row.organizationShortName,
  kind: row.kind,
  number: row.number,
  date: row.date,
  title: row.title,
  url: row.url,
  validFrom: row.validFrom,
  validTo: row.validTo,
  isInForce: Boolean(row.isInForce),
  programs: row.programs ?? [],
  version: row.version,
});

export async function normativeActsRoutes(app: FastifyInstance) {
  registerOwnedRoutes(app, {
    kind: normativeActRecords,
    path: '/api/normative-acts',
    tags: ['НПА'],
    summaries: {
      list: 'Нормативные правовые акты муниципалитета и организаций (level=municipal|organization, inForceOn — действующие на дату)',
      get: 'Нормативный правовой акт',
      create: 'Добавить НПА (без организации — акт муниципального уровня)',
      update: 'Изменить НПА',
      remove: 'Удалить НПА',
    },
    output: NormativeActOutput,
    present: presentNormativeAct,
    listQuery: ListNormativeActsQuery,
    list: checkedList(findNormativeActs),
  });

  app.withTypeProvider<ZodTypeProvider>().put(
    '/api/programs/:id/normative-acts',
    {
      schema: {
        tags: ['НПА'],
        summary:
          'Утверждающие акты программы мониторинга (положение о мониторинге / МСОКО / ВСОКО, концепция, модель, приказ)',
        params: IdParams,
        body: z.object({
          normativeActIds: z
            .array(z.number().int().positive(), {
              error: 'Утверждающие акты (поле normativeActIds): список номеров актов',
            })
            .max(50),
        }),
      },
    },
    async (req) =>
      setProgramActs({
        db: app.db,
        actor: req.actor,
        programId: req.params.id,
        normativeActIds: req.body.normativeActIds,
      }),
  );
}
