import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { compactResults } from '../../../core/indicators/compact-results.ts';
import { todayOf } from '../../config.ts';
import { AppError } from '../../errors.ts';
import { IdParams, idParam } from '../../http/fields.ts';
import { membersOfGroupFilter } from '../groups/groups.service.ts';
import { requireUser } from '../auth/access.ts';
import { findProgramTree } from '../programs/programs.repository.ts';
import { findParticipants, findSubmission } from './campaigns.repository.ts';
import { applyTableQuery, DEFAULT_TABLE_QUERY } from '../../../core/campaigns/completeness-table.ts';
import { assertDepartment } from './campaigns.policy.ts';
import { completenessExport } from './completeness-xlsx.ts';
import { listToXlsx, sendXlsx } from '../../http/xlsx-export.ts';
import {
  CampaignOrgParams,
  CompletenessTableQuery,
  CreateCampaignInput,
  ReopenInput,
  ReturnInput,
  ReviewInput,
  SaveSubmissionInput,
  UpdateCampaignInput,
} from './campaigns.schema.ts';
import {
  closeCampaign,
  createCampaign,
  deleteCampaign,
  getCampaignResults,
  getCampaignView,
  listCampaigns,
  requireCampaign,
  updateCampaign,
} from './campaigns.service.ts';
import { buildFormWorkbook, parseFormWorkbook } from './form-workbook.ts';
import { uploadedFile } from '../../http/upload.ts';
import { assertSubmissionAccess } from './campaigns.policy.ts';
import {
  getSubmissionView,
  reopenForOrganization,
  reviewForm,
  saveDraft,
  submitForm,
} from './submissions.service.ts';

const tags = ['Мониторинг'];
const Ok = z.object({ ok: z.boolean() });

export async function campaignsRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const today = () => todayOf(app.config);

  r.get(
    '/api/campaigns',
    { schema: { tags, summary: 'Мониторинги (кампании) муниципалитетов пользователя' } },
    async (req) => listCampaigns({ db: app.db, user: requireUser(req.user) }),
  );

  r.post(
    '/api/campaigns',
    {
      schema: {
        tags,
        summary: 'Создать мониторинг: программа, год, участники, даты этапов (по умолчанию — из шаблона)',
        body: CreateCampaignInput,
      },
    },
    async (req, reply) => {
      const id = await createCampaign({ db: app.db, actor: req.actor, input: req.body });
      reply.status(201);
      return getCampaignView({ db: app.db, user: requireUser(req.user), id, today: today() });
    },
  );

  r.get(
    '/api/campaigns/:id',
    { schema: { tags, summary: 'Мониторинг: текущий этап и состояние форм организаций', params: IdParams } },
    async (req) =>
      getCampaignView({ db: app.db, user: requireUser(req.user), id: req.params.id, today: today() }),
  );

  r.patch(
    '/api/campaigns/:id',
    {
      schema: {
        tags,
        summary: 'Изменить даты, участников, напоминания',
        params: IdParams,
        body: UpdateCampaignInput,
      },
    },
    async (req) => {
      await updateCampaign({ db: app.db, actor: req.actor, id: req.params.id, input: req.body });
      return getCampaignView({ db: app.db, user: requireUser(req.user), id: req.params.id, today: today() });
    },
  );

  r.post(
    '/api/campaigns/:id/close',
    {
      schema: {
        tags,
        summary: 'Закрыть мониторинг и заморозить результаты',
        params: IdParams,
        response: { 200: Ok },
      },
    },
    async (req) => {
      await closeCampaign({ db: app.db, actor: req.actor, id: req.params.id });
      return { ok: true };
    },
  );

  r.delete(
    '/api/campaigns/:id',
    {
      schema: {
        tags,
        summary: 'Удалить мониторинг, созданный по ошибке: пока ни одна форма не отправлена и он не закрыт',
        params: IdParams,
        response: { 200: Ok },
      },
    },
    async (req) => {
      await deleteCampaign({ db: app.db, actor: req.actor, id: req.params.id });
      return { ok: true };
    },
  );

  r.get(
    '/api/campaigns/:id/results',
    {
      schema: {
        tags,
        summary:
          'Результаты мониторинга (после закрытия — замороженные): организации один раз, значения — по id ' +
          'организации; orgGroupId — только организации группы (и муниципалитет в целом)',
        params: IdParams,
        querystring: z.object({ orgGroupId: idParam().optional() }),
      },
    },
    async (req) => {
      const user = requireUser(req.user);
      const results = await getCampaignResults({ db: app.db, user, id: req.params.id });
      if (req.query.orgGroupId === undefined) return compactResults(results);
      const campaign = await requireCampaign(app.db, req.params.id);
      const members = await membersOfGroupFilter({
        db: app.db,
        user,
        groupId: req.query.orgGroupId,
        municipalityId: campaign.municipalityId,
      });
      return compactResults({
        ...results,
        results: results.results.filter((r) => r.organization === null || members.has(r.organization)),
      });
    },
  );

  r.get(
    '/api/campaigns/:id/completeness.xlsx',
    {
      schema: {
        tags,
        summary:
          'Таблица полноты и своевременности как книга Excel: с теми же отбором и сортировкой, что на странице',
        params: IdParams,
        querystring: CompletenessTableQuery,
      },
    },
    async (req, reply) => {
      const user = requireUser(req.user);
      const campaign = await requireCampaign(app.db, req.params.id);
      assertDepartment(user, campaign.municipalityId);
      const view = await getCampaignView({ db: app.db, user, id: campaign.id, today: today() });
      const query = {
        ...DEFAULT_TABLE_QUERY,
        state: req.query.state ?? null,
        timeliness: req.query.timeliness ?? null,
        kind: req.query.kind ?? null,
        sort: req.query.sort,
        dir: req.query.dir,
      };
      const file = await listToXlsx(
        completenessExport({
          title: campaign.title,
          today: today(),
          completeness: view.stats!,
          query,
          rows: applyTableQuery(view.organizations, query),
        }),
      );
      return sendXlsx(reply, `Полнота ${campaign.title}.xlsx`, file);
    },
  );

  const base = '/api/campaigns/:id/organizations/:organizationId';
  const ids = (p: { id: number; organizationId: number }) => ({
    campaignId: p.id,
    organizationId: p.organizationId,
  });

  r.get(
    `${base}/submission`,
    {
      schema: {
        tags,
        summary: 'Форма организации: поля, значения, проверки, показатели по реестру, история',
        params: CampaignOrgParams,
      },
    },
    async (req) =>
      getSubmissionView({ db: app.db, user: requireUser(req.user), ...ids(req.params), today: today() }),
  );

  r.put(
    `${base}/submission`,
    {
      schema: {
        tags,
        summary: 'Сохранить черновик формы (автосохранение)',
        params: CampaignOrgParams,
        body: SaveSubmissionInput,
      },
    },
    async (req) =>
      saveDraft({
        db: app.db,
        actor: req.actor,
        ...ids(req.params),
        values: req.body.values,
        isRegistryConfirmed: req.body.isRegistryConfirmed,
        version: req.body.version,
        today: today(),
      }),
  );

  r.post(
    `${base}/submission/submit`,
    {
      schema: {
        tags,
        summary: 'Отправить форму координатору',
        params: CampaignOrgParams,
        body: z.object({ version: z.number().int().positive() }),
        response: { 200: Ok },
      },
    },
    async (req) => {
      await submitForm({
        db: app.db,
        actor: req.actor,
        ...ids(req.params),
        version: req.body.version,
        today: today(),
      });
      return { ok: true };
    },
  );

  // Accepting and returning a form are one review step that differs only in the decision and in
  // whether a comment is required (the schema says which).
  const reviews = [
    { decision: 'accept', summary: 'Принять форму', body: ReviewInput },
    { decision: 'return', summary: 'Вернуть форму на доработку с комментарием', body: ReturnInput },
  ] as const;
  for (const review of reviews) {
    r.post(
      `${base}/submission/${review.decision}`,
      {
        schema: {
          tags,
          summary: review.summary,
          params: CampaignOrgParams,
          body: review.body,
          response: { 200: Ok },
        },
      },
      async (req) => {
        await reviewForm({
          db: app.db,
          actor: req.actor,
          ...ids(req.params),
          decision: review.decision,
          comment: req.body.comment,
          version: req.body.version,
        });
        return { ok: true };
      },
    );
  }

  r.post(
    `${base}/reopen`,
    {
      schema: {
        tags,
        summary: 'Открыть редактирование формы одной организации до даты',
        params: CampaignOrgParams,
        body: ReopenInput,
        response: { 200: Ok },
      },
    },
    async (req) => {
      await reopenForOrganization({
        db: app.db,
        actor: req.actor,
        ...ids(req.params),
        until: req.body.until,
      });
      return { ok: true };
    },
  );

  r.get(
    `${base}/submission/form.xlsx`,
    { schema: { tags, summary: 'Скачать форму как книгу Excel', params: CampaignOrgParams } },
    async (req, reply) => {
      const user = requireUser(req.user);
      const campaign = await requireCampaign(app.db, req.params.id);
      assertSubmissionAccess(user, campaign, req.params.organizationId, 'read');
      const participant = (await findParticipants(app.db, campaign.id)).find(
        (p) => p.organizationId === req.params.organizationId,
      );
      if (!participant) throw new AppError('not_found', 'Организация не участвует в этом мониторинге.');
      const tree = (await findProgramTree(app.db, campaign.programId))!;
      const submission = await findSubmission(app.db, campaign.id, req.params.organizationId);
      const file = await buildFormWorkbook({
        title: campaign.title,
        organizationName: participant.organizationName,
        fields: tree.formFields,
        values: submission?.values ?? {},
      });
      reply
        .header('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header(
          'Content-Disposition',
          `attachment; filename="form-${campaign.id}-${req.params.organizationId}.xlsx"; filename*=UTF-8''${encodeURIComponent(`Форма мониторинга ${campaign.year}.xlsx`)}`,
        );
      return reply.send(file);
    },
  );

  r.post(
    `${base}/submission/form.xlsx`,
    {
      schema: {
        tags,
        summary: 'Загрузить заполненную книгу Excel: значения сохраняются как черновик',
        params: CampaignOrgParams,
      },
    },
    async (req) => {
      const user = requireUser(req.user);
      const campaign = await requireCampaign(app.db, req.params.id);
      assertSubmissionAccess(user, campaign, req.params.organizationId, 'fill');
      const limits = app.config.fileLimits;
      const file = await uploadedFile(req, limits.uploadBytes, 'Прикрепите файл формы (.xlsx).');
      const tree = (await findProgramTree(app.db, campaign.programId))!;
      const parsed = await parseFormWorkbook(file.buffer, tree.formFields, limits);
      if (parsed.errors.length)
        throw new AppError('validation_failed', parsed.errors[0].message, { errors: parsed.errors });
      const current = await findSubmission(app.db, campaign.id, req.params.organizationId);
      return saveDraft({
        db: app.db,
        actor: req.actor,
        ...ids(req.params),
        values: parsed.values,
        version: current?.version ?? null,
        today: today(),
        action: 'upload',
      });
    },
  );
}
