import { assertNotRegionalIndicator } from '../regional/regional-policy.ts';
import {
  applicabilityFromFormula,
  storedApplicability,
  type Applicability,
} from '../../../core/indicators/applicability.ts';
import { resolveGroupRefs } from '../groups/groups.service.ts';
import { describeFormula, parseFormula } from '../../../core/formula/index.ts';
import { DEFAULT_PROGRAM_PARAMETERS } from '../../../core/indicators/period.ts';
import { findTemplate, PROGRAM_TEMPLATES } from '../../../core/templates/index.ts';
import { formatRuDate } from '../../../core/dates.ts';
import { countOf } from '../../../core/format.ts';
import type { Db } from '../../db/client.ts';
import { programs } from '../../db/schema/index.ts';
import { updateIfVersion } from '../../db/versioned.ts';
import { AppError, notFound, versionConflict } from '../../errors.ts';
import { recordAudit, recordUpdate } from '../audit/audit.repository.ts';
import {
  assertMunicipalityAccess,
  municipalityScope,
  requireUser,
  type Actor,
  type AuthUser,
} from '../auth/access.ts';
import {
  CHILD_TABLES,
  countIndicatorsOfCriterion,
  deleteChild,
  countCampaignsOfProgram,
  deleteProgram as deleteProgramRow,
  findChild,
  findProgramById,
  findPrograms,
  findProgramTree,
  findRunningCampaignsOfProgram,
  insertChild,
  insertDefaultRules,
  insertProgram,
  insertProgramFromTemplate,
  isCodeTaken,
  type ChildKind,
} from './programs.repository.ts';
import type { UpdateProgramInput } from './programs.schema.ts';

const CHILD_LABEL: Record<ChildKind, string> = {
  criteria: 'Критерий',
  indicators: 'Показатель',
  formFields: 'Поле формы',
};

export function listTemplates() {
  return PROGRAM_TEMPLATES.map((t) => ({
    code: t.code,
    title: t.title,
    source: t.source,
    criteriaCount: t.criteria.length,
    indicatorCount: t.criteria.reduce((n, c) => n + c.indicators.length, 0),
    formFieldCount: t.formFields.length,
  }));
}

export async function listPrograms(options: { db: Db; user: AuthUser; municipalityId?: number }) {
  const scope = municipalityScope(options.user, 'aggregate');
  const ids = options.municipalityId ? [options.municipalityId] : scope.all ? null : scope.ids;
  if (options.municipalityId) assertMunicipalityAccess(options.user, options.municipalityId, 'aggregate');
  return findPrograms(options.db, ids);
}

export async function getProgramTree(options: { db: Db; user: AuthUser; id: number }) {
  const tree = await findProgramTree(options.db, options.id);
  if (!tree) throw notFound('Программа мониторинга');
  assertMunicipalityAccess(options.user, tree.program.municipalityId, 'aggregate');
  return tree;
}

async function requireProgramForChange(db: Db, user: AuthUser, id: number) {
  const program = await findProgramById(db, id);
  if (!program) throw notFound('Программа мониторинга');
  assertMunicipalityAccess(user, program.municipalityId, 'manage');
  return program;
}

/** Loads a seed district's program into a municipality in one action; it can be edited afterwards. */
/**
 * A template loaded again must not give a second program of the same name: in the lists of programs and
 * campaigns the two could not be told apart. The copy is numbered the way a file manager does, «… (2)»,
 * with the smallest number not taken in the municipality.
 */
export function numberedTitle(base: string, taken: string[]) {
  const names = new Set(taken);
  if (!names.has(base)) return base;
  let n = 2;
  while (names.has(`${base} (${n})`)) n++;
  return `${base} (${n})`;
}

export async function createProgramFromTemplate(options: {
  db: Db;
  actor: Actor;
  municipalityId: number;
  templateCode: string;
}) {
  const user = requireUser(options.actor.user);
  assertMunicipalityAccess(user, options.municipalityId, 'manage');
  const template = findTemplate(options.templateCode);
  if (!template)
    throw new AppError('validation_failed', `Шаблон «${options.templateCode}» не найден.`, {
      field: 'templateCode',
    });
  return options.db.transaction(async (tx) => {
    const taken = (await findPrograms(tx, [options.municipalityId])).map((p) => p.title);
    const title = numberedTitle(template.title, taken);
    const id = await insertProgramFromTemplate(tx, options.municipalityId, template, title);
    await recordAudit(tx, options.actor, {
      action: 'create',
      entity: 'program',
      entityId: id,
      municipalityId: options.municipalityId,
      summary: `Загружена программа мониторинга из шаблона: ${title}`,
    });
    return id;
  });
}

export async function createProgram(options: {
  db: Db;
  actor: Actor;
  input: {
    municipalityId: number;
    title: string;
    description?: string | null;
    goals: string[];
    parameters?: typeof DEFAULT_PROGRAM_PARAMETERS;
  };
}) {
  const user = requireUser(options.actor.user);
  const { input } = options;
  assertMunicipalityAccess(user, input.municipalityId, 'manage');
  return options.db.transaction(async (tx) => {
    const id = await insertProgram(tx, {
      municipalityId: input.municipalityId,
      title: input.title,
      description: input.description ?? null,
      goals: input.goals,
      parameters: input.parameters ?? DEFAULT_PROGRAM_PARAMETERS,
    });
    await recordAudit(tx, options.actor, {
      action: 'create',
      entity: 'program',
      entityId: id,
      municipalityId: input.municipalityId,
      summary: `Создана программа мониторинга «${input.title}»`,
    });
    return id;
  });
}

export async function updateProgram(options: {
  db: Db;
  actor: Actor;
  id: number;
  input: UpdateProgramInput;
}) {
  const user = requireUser(options.actor.user);
  return options.db.transaction(async (tx) => {
    const before = await requireProgramForChange(tx, user, options.id);
    const { version, ...patch } = options.input;
    if (!(await updateIfVersion(tx, programs, options.id, version, patch))) throw versionConflict();
    const after = (await findProgramById(tx, options.id))!;
    await recordUpdate(tx, options.actor, {
      entity: 'program',
      entityId: options.id,
      municipalityId: after.municipalityId,
      summary: `Изменена программа «${after.title}»`,
      before,
      after,
    });
  });
}

export async function removeProgram(options: { db: Db; actor: Actor; id: number }) {
  const user = requireUser(options.actor.user);
  await options.db.transaction(async (tx) => {
    const program = await requireProgramForChange(tx, user, options.id);
    // Campaigns keep their frozen results by the program: the history of monitoring is not deleted.
    if ((await countCampaignsOfProgram(tx, options.id)) > 0) {
      throw new AppError(
        'conflict',
        'По программе проводились мониторинги: удалить её нельзя. Чтобы она не предлагалась для новых мониторингов, переведите её в архив.',
      );
    }
    await deleteProgramRow(tx, options.id);
    await recordAudit(tx, options.actor, {
      action: 'delete',
      entity: 'program',
      entityId: options.id,
      municipalityId: program.municipalityId,
      summary: `Удалена программа «${program.title}»`,
      before: program,
    });
  });
}

/** Parses a formula; a broken one is refused with the Russian message and its position. */
export function checkFormula(text: string | null | undefined, field: 'numerator' | 'denominator') {
  if (!text?.trim()) return;
  const parsed = parseFormula(text);
  if (!parsed.ok) {
    const first = parsed.errors[0];
    throw new AppError(
      'validation_failed',
      `${field === 'numerator' ? 'Числитель' : 'Знаменатель'}: ${first.message}`,
      {
        field,
        errors: parsed.errors,
      },
    );
  }
}

export function validateFormula(text: string) {
  const parsed = parseFormula(text);
  return parsed.ok
    ? { ok: true as const, errors: [], description: describeFormula(parsed.ast) }
    : { ok: false as const, errors: parsed.errors, description: null };
}

async function checkChild(
  db: Db,
  kind: ChildKind,
  programId: number,
  values: Record<string, unknown>,
  exceptId?: number,
) {
  if (typeof values.code === 'string' && (await isCodeTaken(db, kind, programId, values.code, exceptId))) {
    throw new AppError('conflict', `${CHILD_LABEL[kind]} с кодом «${values.code}» уже есть в программе.`, {
      field: 'code',
    });
  }
  if (kind === 'indicators') {
    checkFormula(values.numerator as string | undefined, 'numerator');
    checkFormula(values.denominator as string | undefined, 'denominator');
    if (values.criterionId !== undefined) {
      const criterion = await findChild(db, 'criteria', values.criterionId as number);
      if (!criterion || criterion.programId !== programId) {
        throw new AppError('validation_failed', 'Критерий не найден в этой программе.', {
          field: 'criterionId',
        });
      }
    }
  }
  if (kind === 'formFields' && values.notGreaterThan) {
    if (!(await isCodeTaken(db, 'formFields', programId, values.notGreaterThan as string))) {
      throw new AppError(
        'validation_failed',
        `Поле «${values.notGreaterThan}», с которым сравнивается значение, не найдено в форме.`,
        { field: 'notGreaterThan' },
      );
    }
  }
}

const FORM_FORMS = ['форма', 'формы', 'форм'] as const;

/**
 * What a change does to a campaign still collecting data: a new required field appears in every live form,
 * another formula recomputes the indicator for all of it. Undefined when the change touches neither.
 */
function liveChangeOf(
  kind: ChildKind,
  values: Record<string, unknown>,
  before?: Record<string, unknown>,
): string | undefined {
  if (kind === 'formFields' && values.isRequired === true && !before?.isRequired)
    return (
      `в формах появится обязательное поле «${String(values.label ?? before?.label)}». Черновики без него не ` +
      'отправить; уже отправленные и принятые формы не меняются и назад не возвращаются — в них это поле ' +
      'останется пустым, пока форму не вернут на доработку'
    );
  const changed = (key: string) =>
    key in values && (values[key] ?? null) !== ((before?.[key] as unknown) ?? null);
  if (kind === 'indicators' && before && (changed('numerator') || changed('denominator')))
    return (
      `значения показателя «${String(before.code)}» пересчитаются по новой формуле для всех форм ` +
      'мониторинга, в том числе уже отправленных и принятых; сами введённые значения форм не меняются'
    );
  return undefined;
}

/** Refuses such a change unless the editor confirmed it (`confirmRunningCampaign`), saying what happens. */
async function assertLiveChangeConfirmed(
  db: Db,
  programId: number,
  change: string | undefined,
  isConfirmed: boolean,
) {
  if (!change || isConfirmed) return;
  const running = await findRunningCampaignsOfProgram(db, programId);
  if (!running.length) return;
  const names = running
    .map(
      (c) =>
        `«${c.title}» (сбор до ${formatRuDate(c.mainEnd)}, отправлено ${countOf(c.sentForms, FORM_FORMS)})`,
    )
    .join(', ');
  throw new AppError(
    'conflict',
    `По программе идёт мониторинг ${names}: ${change}. Подтвердите изменение, чтобы сохранить его.`,
    {
      requiresConfirmation: 'confirmRunningCampaign',
      campaigns: running.map((c) => ({ id: c.id, title: c.title, sentForms: c.sentForms })),
    },
  );
}

/** The department's groups of an indicator's applicability: of the program's municipality, with their names. */
async function resolveApplicabilityGroups(
  db: Db,
  municipalityId: number | null,
  values: Record<string, unknown>,
) {
  const a = values.applicability as Applicability | null | undefined;
  if (!a?.orgGroups?.length) return;
  values.applicability = {
    ...a,
    orgGroups: await resolveGroupRefs(
      db,
      municipalityId,
      a.orgGroups.map((g) => g.id),
      'applicability.orgGroupIds',
    ),
  };
}

export async function addChild(options: {
  db: Db;
  actor: Actor;
  programId: number;
  kind: ChildKind;
  values: Record<string, unknown>;
}) {
  const user = requireUser(options.actor.user);
  const { confirmRunningCampaign, ...given } = options.values;
  return options.db.transaction(async (tx) => {
    const program = await requireProgramForChange(tx, user, options.programId);
    await checkChild(tx, options.kind, program.id, given);
    await assertLiveChangeConfirmed(
      tx,
      program.id,
      liveChangeOf(options.kind, given),
      confirmRunningCampaign === true,
    );
    await resolveApplicabilityGroups(tx, program.municipalityId, given);
    const values =
      options.kind === 'indicators' && given.applicability === undefined
        ? {
            ...given,
            // Not given: what the formula implies (`orgKind = school` → schools).
            applicability: storedApplicability(
              applicabilityFromFormula(
                given.numerator as string,
                given.denominator as string | null | undefined,
              ),
            ),
          }
        : given;
    const id = await insertChild(tx, options.kind, { ...values, programId: program.id });
    if (options.kind === 'indicators') {
      const v = given as { code: string; name: string; numerator: string };
      await insertDefaultRules(tx, program.id, [v]);
    }
    await recordAudit(tx, options.actor, {
      action: 'create',
      entity: options.kind,
      entityId: id,
      municipalityId: program.municipalityId,
      summary: `${CHILD_LABEL[options.kind]} «${given.code}» добавлен в программу «${program.title}»`,
      after: given,
    });
    return id;
  });
}

export async function updateChild(options: {
  db: Db;
  actor: Actor;
  kind: ChildKind;
  id: number;
  values: Record<string, unknown> & { version: number };
}) {
  const user = requireUser(options.actor.user);
  return options.db.transaction(async (tx) => {
    const before = await findChild(tx, options.kind, options.id);
    if (!before) throw notFound(CHILD_LABEL[options.kind]);
    const program = await requireProgramForChange(tx, user, before.programId);
    if (options.kind === 'indicators') assertNotRegionalIndicator(before);
    const { version, confirmRunningCampaign, ...patch } = options.values;
    await resolveApplicabilityGroups(tx, program.municipalityId, patch);
    await checkChild(tx, options.kind, program.id, patch, options.id);
    await assertLiveChangeConfirmed(
      tx,
      program.id,
      liveChangeOf(options.kind, patch, before),
      confirmRunningCampaign === true,
    );
    if (!(await updateIfVersion(tx, CHILD_TABLES[options.kind], options.id, version, patch)))
      throw versionConflict();
    const after = (await findChild(tx, options.kind, options.id))!;
    await recordUpdate(tx, options.actor, {
      entity: options.kind,
      entityId: options.id,
      municipalityId: program.municipalityId,
      summary: `${CHILD_LABEL[options.kind]} «${after.code}» изменён`,
      before,
      after,
    });
    return after;
  });
}

export async function removeChild(options: { db: Db; actor: Actor; kind: ChildKind; id: number }) {
  const user = requireUser(options.actor.user);
  await options.db.transaction(async (tx) => {
    const before = await findChild(tx, options.kind, options.id);
    if (!before) throw notFound(CHILD_LABEL[options.kind]);
    const program = await requireProgramForChange(tx, user, before.programId);
    if (options.kind === 'indicators') assertNotRegionalIndicator(before);
    if (options.kind === 'criteria' && (await countIndicatorsOfCriterion(tx, options.id)) > 0) {
      throw new AppError(
        'conflict',
        'В критерии есть показатели: перенесите или удалите их, затем удалите критерий.',
      );
    }
    await deleteChild(tx, options.kind, options.id);
    await recordAudit(tx, options.actor, {
      action: 'delete',
      entity: options.kind,
      entityId: options.id,
      municipalityId: program.municipalityId,
      summary: `${CHILD_LABEL[options.kind]} «${before.code}» удалён из программы «${program.title}»`,
      before,
    });
  });
}
