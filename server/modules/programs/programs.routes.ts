import { findApprovingActs } from '../registers/normative-acts/program-acts.ts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParams } from '../../http/fields.ts';
import { requireUser } from '../auth/access.ts';
import { todayOf } from '../../config.ts';
import { exportProgramFile, importProgramFile, programFileName } from './program-file.service.ts';
import { presentProgramTree } from './programs.presenter.ts';
import type { ChildKind } from './programs.repository.ts';
import {
  CreateIndicatorInput,
  CreateProgramInput,
  CriterionFields,
  CreateFormFieldInput,
  FromTemplateInput,
  ProgramListQuery,
  UpdateCriterionInput,
  UpdateFormFieldInput,
  UpdateIndicatorInput,
  UpdateProgramInput,
} from './programs.schema.ts';
import {
  addChild,
  createProgram,
  createProgramFromTemplate,
  getProgramTree,
  listPrograms,
  listTemplates,
  removeChild,
  removeProgram,
  updateChild,
  updateProgram,
  validateFormula,
} from './programs.service.ts';

const tags = ['Программы мониторинга'];
const Ok = z.object({ ok: z.boolean() });
const ImportFileInput = z.object({
  municipalityId: z.number().int().positive(),
  /** The text of the .json file, as it was read. */
  content: z.string().min(1, 'выберите файл программы').max(5_000_000),
  dryRun: z.boolean().default(false),
});

export async function programsRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tree = async (userId: Parameters<typeof getProgramTree>[0]['user'], id: number) => ({
    ...presentProgramTree(await getProgramTree({ db: app.db, user: userId, id })),
    approvingActs: await findApprovingActs(app.db, id),
  });

  r.get(
    '/api/program-templates',
    { schema: { tags, summary: 'Шаблоны программ мониторинга пяти районов-образцов' } },
    async (req) => {
      requireUser(req.user);
      return listTemplates();
    },
  );

  r.get(
    '/api/programs',
    { schema: { tags, summary: 'Программы мониторинга', querystring: ProgramListQuery } },
    async (req) =>
      listPrograms({ db: app.db, user: requireUser(req.user), municipalityId: req.query.municipalityId }),
  );

  r.get(
    '/api/programs/:id',
    { schema: { tags, summary: 'Программа: цели, критерии, показатели, поля формы', params: IdParams } },
    async (req) => tree(requireUser(req.user), req.params.id),
  );

  r.post(
    '/api/programs',
    { schema: { tags, summary: 'Создать пустую программу', body: CreateProgramInput } },
    async (req, reply) => {
      const id = await createProgram({ db: app.db, actor: req.actor, input: req.body });
      reply.status(201);
      return tree(requireUser(req.user), id);
    },
  );

  r.post(
    '/api/programs/from-template',
    {
      schema: {
        tags,
        summary: 'Загрузить программу района-образца в муниципалитет (одним действием)',
        body: FromTemplateInput,
      },
    },
    async (req, reply) => {
      const id = await createProgramFromTemplate({ db: app.db, actor: req.actor, ...req.body });
      reply.status(201);
      return tree(requireUser(req.user), id);
    },
  );

  r.get(
    '/api/programs/:id/file',
    {
      schema: {
        tags,
        summary: 'Выгрузить программу в файл (JSON): критерии, показатели, формулы, применимость, форма',
        params: IdParams,
      },
    },
    async (req, reply) => {
      const file = await exportProgramFile({
        db: app.db,
        user: requireUser(req.user),
        id: req.params.id,
        today: todayOf(app.config),
      });
      return reply
        .header('Content-Type', 'application/json; charset=utf-8')
        .header('Cache-Control', 'no-store')
        .header(
          'Content-Disposition',
          `attachment; filename="program.json"; filename*=UTF-8''${encodeURIComponent(programFileName(file))}`,
        )
        .send(JSON.stringify(file, null, 2));
    },
  );

  r.post(
    '/api/programs/import',
    {
      schema: {
        tags,
        summary:
          'Загрузить программу из файла в муниципалитет (новой программой); dryRun: только показать, чем она отличается',
        body: ImportFileInput,
      },
    },
    async (req, reply) => {
      const report = await importProgramFile({ db: app.db, actor: req.actor, ...req.body });
      if (report.programId) reply.status(201);
      return report;
    },
  );

  r.patch(
    '/api/programs/:id',
    {
      schema: {
        tags,
        summary: 'Изменить программу и её параметры',
        params: IdParams,
        body: UpdateProgramInput,
      },
    },
    async (req) => {
      await updateProgram({ db: app.db, actor: req.actor, id: req.params.id, input: req.body });
      return tree(requireUser(req.user), req.params.id);
    },
  );

  r.delete(
    '/api/programs/:id',
    { schema: { tags, summary: 'Удалить программу', params: IdParams, response: { 200: Ok } } },
    async (req) => {
      await removeProgram({ db: app.db, actor: req.actor, id: req.params.id });
      return { ok: true };
    },
  );

  r.post(
    '/api/formulas/validate',
    {
      schema: {
        tags,
        summary: 'Проверить формулу: ошибки на русском с позицией и описание',
        body: z.object({ formula: z.string().max(4000) }),
      },
    },
    async (req) => {
      requireUser(req.user);
      return validateFormula(req.body.formula);
    },
  );

  const children: { kind: ChildKind; path: string; create: z.ZodType; update: z.ZodType; label: string }[] = [
    {
      kind: 'criteria',
      path: 'criteria',
      create: CriterionFields,
      update: UpdateCriterionInput,
      label: 'критерий',
    },
    {
      kind: 'indicators',
      path: 'indicators',
      create: CreateIndicatorInput,
      update: UpdateIndicatorInput,
      label: 'показатель',
    },
    {
      kind: 'formFields',
      path: 'form-fields',
      create: CreateFormFieldInput,
      update: UpdateFormFieldInput,
      label: 'поле формы',
    },
  ];
  for (const child of children) {
    r.post(
      `/api/programs/:id/${child.path}`,
      { schema: { tags, summary: `Добавить ${child.label}`, params: IdParams, body: child.create } },
      async (req, reply) => {
        await addChild({
          db: app.db,
          actor: req.actor,
          programId: req.params.id,
          kind: child.kind,
          values: req.body as Record<string, unknown>,
        });
        reply.status(201);
        return tree(requireUser(req.user), req.params.id);
      },
    );
    r.patch(
      `/api/${child.path}/:id`,
      {
        schema: {
          tags,
          summary: `Изменить ${child.label} (нужна текущая версия)`,
          params: IdParams,
          body: child.update,
        },
      },
      async (req) => {
        const after = await updateChild({
          db: app.db,
          actor: req.actor,
          kind: child.kind,
          id: req.params.id,
          values: req.body as Record<string, unknown> & { version: number },
        });
        return tree(requireUser(req.user), after.programId);
      },
    );
    r.delete(
      `/api/${child.path}/:id`,
      { schema: { tags, summary: `Удалить ${child.label}`, params: IdParams, response: { 200: Ok } } },
      async (req) => {
        await removeChild({ db: app.db, actor: req.actor, kind: child.kind, id: req.params.id });
        return { ok: true };
      },
    );
  }
}
