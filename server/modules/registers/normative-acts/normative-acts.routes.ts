import type { FastifyInstance } from 'fastify';
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
}
