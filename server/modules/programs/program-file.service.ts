import { asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import {
  diffDefinitions,
  FORM_FIELD_DEFINITION_KEYS,
  INDICATOR_DEFINITION_KEYS,
  pick,
  PROGRAM_FILE_FORMAT,
  PROGRAM_FILE_VERSION,
  type ProgramDefinition,
  type ProgramDifference,
  type ProgramFile,
} from '../../../core/programs/program-file.ts';
import { formFieldsOf, storedApplicability } from '../../../core/indicators/applicability.ts';
import type { Db } from '../../db/client.ts';
import { recommendationRules } from '../../db/schema/index.ts';
import { AppError, notFound } from '../../errors.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { assertMunicipalityAccess, requireUser, type Actor, type AuthUser } from '../auth/access.ts';
import { findMunicipalityById } from '../municipalities/municipalities.repository.ts';
import { findPrograms, findProgramTree, insertProgramDefinition } from './programs.repository.ts';
import {
  ApplicabilityInput,
  CriterionFields,
  FormFieldFields,
  IndicatorFields,
  ProgramParametersSchema,
} from './programs.schema.ts';
import { checkFormula, getProgramTree, numberedTitle } from './programs.service.ts';

/** The program as its file carries it: what the database holds, without ids, versions or dates. */
export async function readProgramDefinition(db: Db, programId: number): Promise<ProgramDefinition | null> {
  const tree = await findProgramTree(db, programId);
  if (!tree) return null;
  const rules = await db
    .select()
    .from(recommendationRules)
    .where(eq(recommendationRules.programId, programId))
    .orderBy(asc(recommendationRules.id));
  return {
    title: tree.program.title,
    description: tree.program.description,
    goals: tree.program.goals,
    templateCode: tree.program.templateCode,
    parameters: tree.program.parameters,
    criteria: tree.criteria.map((c) => ({
      code: c.code,
      title: c.title,
      goal: c.goal,
      indicators: tree.indicators
        .filter((i) => i.criterionId === c.id)
        .map((i) => ({
          ...pick(i, INDICATOR_DEFINITION_KEYS),
          applicability: storedApplicability(i.applicability),
        })),
    })),
    formFields: tree.formFields.map((f) => pick(f, FORM_FIELD_DEFINITION_KEYS)),
    recommendationRules: rules.map((r) => ({
      indicatorCode: r.indicatorCode,
      level: r.level,
      target: r.target,
      text: r.text,
    })),
  };
}

export async function exportProgramFile(options: {
  db: Db;
  user: AuthUser;
  id: number;
  today: string;
}): Promise<ProgramFile> {
  const tree = await getProgramTree(options);
  const municipality = await findMunicipalityById(options.db, tree.program.municipalityId);
  const program = (await readProgramDefinition(options.db, options.id))!;
  return {
    format: PROGRAM_FILE_FORMAT,
    formatVersion: PROGRAM_FILE_VERSION,
    exportedAt: options.today,
    exportedBy: municipality?.name ?? '',
    programVersion: tree.program.version,
    program,
  };
}

/** A file name people can read: «Программа мониторинга … (2026-12-02).json», without characters a disk refuses. */
export function programFileName(file: ProgramFile): string {
  const title = [...file.program.title]
    .map((ch) => (ch < ' ' || '\\/:*?"<>|'.includes(ch) ? ' ' : ch))
    .join('')
    .replace(/ {2,}/g, ' ')
    .slice(0, 120)
    .trim();
  return `${title || 'Программа'} (${file.exportedAt}).json`;
}

const orNull = <T>(v: T | null | undefined): T | null => v ?? null;

const IndicatorInFile = IndicatorFields.omit({ criterionId: true, sortOrder: true }).extend({
  factor: IndicatorFields.shape.factor.default(1),
  direction: IndicatorFields.shape.direction.default('higher'),
  applicability: ApplicabilityInput,
});

const ProgramInFile = z.object({
  title: z.string().trim().min(3, 'укажите название программы').max(500),
  description: z.string().max(5000).nullish(),
  goals: z.array(z.string().max(2000)).max(100).default([]),
  templateCode: z.string().max(100).nullish(),
  parameters: ProgramParametersSchema,
  criteria: z
    .array(
      CriterionFields.omit({ sortOrder: true }).extend({
        indicators: z.array(IndicatorInFile).max(500).default([]),
      }),
    )
    .max(200),
  formFields: z
    .array(FormFieldFields.omit({ sortOrder: true }))
    .max(500)
    .default([]),
  recommendationRules: z
    .array(
      z.object({
        indicatorCode: z.string().trim().min(1).max(20),
        level: z.enum(['high', 'medium', 'low']),
        target: z.enum(['organization', 'municipality']),
        text: z.string().trim().min(1, 'укажите текст рекомендации').max(5000),
      }),
    )
    .max(3000)
    .default([]),
});

const FileEnvelope = z.object({
  format: z.literal(PROGRAM_FILE_FORMAT),
  formatVersion: z.number().int(),
  exportedAt: z.string().max(40).optional(),
  exportedBy: z.string().max(500).optional(),
  programVersion: z.number().int().nullish(),
  program: z.unknown(),
});

const refused = (message: string, problems: string[] = []) =>
  new AppError('validation_failed', message, { problems: problems.slice(0, 50), count: problems.length });

const pathOf = (path: PropertyKey[]) =>
  path.map((p, i) => (typeof p === 'number' ? `[${p + 1}]` : `${i ? '.' : ''}${String(p)}`)).join('');

/**
 * Reads a program file: JSON of the known format and version, every field checked as the editor checks it,
 * every formula parsed, codes unique, rules and form-field links pointing at what the file holds. A refusal
 * lists the first problems with the place in the file («criteria[2].indicators[1].numerator: …»).
 */
export function parseProgramFile(content: string): ProgramFile {
  let json: unknown;
  try {
    json = JSON.parse(content.replace(/^\uFEFF/, ''));
  } catch {
    throw refused('Файл программы не читается: это не JSON. Выберите файл, выгруженный из pedmonitor.');
  }
  const envelope = FileEnvelope.safeParse(json);
  if (!envelope.success)
    throw refused(
      'Это не файл программы мониторинга pedmonitor: нет отметки «format»: «pedmonitor-program».',
    );
  if (envelope.data.formatVersion !== PROGRAM_FILE_VERSION)
    throw refused(
      `Версия файла программы ${envelope.data.formatVersion} не поддерживается: эта версия pedmonitor читает версию ${PROGRAM_FILE_VERSION}.`,
    );
  const parsed = ProgramInFile.safeParse(envelope.data.program);
  if (!parsed.success)
    throw refused(
      'Файл программы содержит ошибки.',
      parsed.error.issues.map((i) => `${pathOf(['program', ...i.path])}: ${i.message}`),
    );
  const p = parsed.data;
  const program: ProgramDefinition = {
    title: p.title,
    description: orNull(p.description),
    goals: p.goals,
    templateCode: orNull(p.templateCode),
    parameters: p.parameters,
    criteria: p.criteria.map((c) => ({
      code: c.code,
      title: c.title,
      goal: orNull(c.goal),
      indicators: c.indicators.map((i) => ({
        code: i.code,
        name: i.name,
        unit: i.unit,
        numerator: i.numerator,
        denominator: orNull(i.denominator),
        factor: i.factor,
        source: orNull(i.source),
        method: orNull(i.method),
        periodicity: orNull(i.periodicity),
        deadline: orNull(i.deadline),
        referenceDateRule: orNull(i.referenceDateRule),
        direction: i.direction,
        levelHigh: orNull(i.levelHigh),
        levelMedium: orNull(i.levelMedium),
        targets: i.targets ?? {},
        isFormValue: i.isFormValue ?? false,
        applicability: orNull(i.applicability),
        note: orNull(i.note),
      })),
    })),
    formFields: p.formFields.map((f) => ({
      code: f.code,
      label: f.label,
      type: f.type,
      unit: orNull(f.unit),
      hint: orNull(f.hint),
      isRequired: f.isRequired ?? false,
      min: orNull(f.min),
      max: orNull(f.max),
      notGreaterThan: orNull(f.notGreaterThan),
    })),
    recommendationRules: p.recommendationRules,
  };
  const problems = consistencyProblems(program);
  if (problems.length) throw refused('Файл программы содержит ошибки.', problems);
  return {
    format: PROGRAM_FILE_FORMAT,
    formatVersion: PROGRAM_FILE_VERSION,
    exportedAt: envelope.data.exportedAt ?? '',
    exportedBy: envelope.data.exportedBy ?? '',
    programVersion: orNull(envelope.data.programVersion),
    program,
  };
}

function duplicates(codes: string[]): string[] {
  const seen = new Set<string>();
  return [...new Set(codes.filter((c) => (seen.has(c) ? true : (seen.add(c), false))))];
}

function consistencyProblems(program: ProgramDefinition): string[] {
  const problems: string[] = [];
  const indicators = program.criteria.flatMap((c) => c.indicators);
  for (const code of duplicates(program.criteria.map((c) => c.code)))
    problems.push(`Критерий с кодом «${code}» встречается в файле дважды.`);
  for (const code of duplicates(indicators.map((i) => i.code)))
    problems.push(`Показатель с кодом «${code}» встречается в файле дважды.`);
  for (const code of duplicates(program.formFields.map((f) => f.code)))
    problems.push(`Поле формы с кодом «${code}» встречается в файле дважды.`);
  for (const i of indicators)
    for (const field of ['numerator', 'denominator'] as const) {
      try {
        checkFormula(i[field], field);
      } catch (error) {
        problems.push(`Показатель ${i.code}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  const fieldCodes = new Set(program.formFields.map((f) => f.code));
  for (const i of indicators)
    for (const code of new Set([...formFieldsOf(i.numerator), ...formFieldsOf(i.denominator)]))
      if (!fieldCodes.has(code))
        problems.push(`Показатель ${i.code} читает поле формы «${code}», которого нет в файле.`);
  for (const f of program.formFields)
    if (f.notGreaterThan && !fieldCodes.has(f.notGreaterThan))
      problems.push(
        `Поле формы ${f.code}: поля «${f.notGreaterThan}», с которым оно сравнивается, нет в файле.`,
      );
  const indicatorCodes = new Set(indicators.map((i) => i.code));
  for (const r of program.recommendationRules)
    if (!indicatorCodes.has(r.indicatorCode))
      problems.push(`Рекомендация относится к показателю «${r.indicatorCode}», которого нет в файле.`);
  return problems;
}

export interface ProgramImportReport {
  /** The new program, or null for a dry run. */
  programId: number | null;
  title: string;
  /** The program of the municipality the file was compared with: the same title, else the same template. */
  comparedWith: { id: number; title: string } | null;
  differences: ProgramDifference[];
  counts: { criteria: number; indicators: number; formFields: number; recommendationRules: number };
}

/**
 * Loads a program file into a municipality as a new program (never over an existing one: its campaigns keep
 * what they measured), after reporting what differs from the municipality's program of the same title or
 * template. With `dryRun` nothing is written.
 */
export async function importProgramFile(options: {
  db: Db;
  actor: Actor;
  municipalityId: number;
  content: string;
  dryRun: boolean;
}): Promise<ProgramImportReport> {
  const user = requireUser(options.actor.user);
  assertMunicipalityAccess(user, options.municipalityId, 'manage');
  if (!(await findMunicipalityById(options.db, options.municipalityId))) throw notFound('Муниципалитет');
  const file = parseProgramFile(options.content);
  const definition = file.program;
  return options.db.transaction(async (tx) => {
    const existing = await findPrograms(tx, [options.municipalityId]);
    const match =
      existing.find((p) => p.title === definition.title) ??
      (definition.templateCode
        ? existing.find((p) => p.templateCode === definition.templateCode)
        : undefined);
    const before = match ? await readProgramDefinition(tx, match.id) : null;
    const title = numberedTitle(
      definition.title,
      existing.map((p) => p.title),
    );
    const indicators = definition.criteria.flatMap((c) => c.indicators);
    const report: ProgramImportReport = {
      programId: null,
      title,
      comparedWith: match ? { id: match.id, title: match.title } : null,
      differences: before ? diffDefinitions(before, definition) : [],
      counts: {
        criteria: definition.criteria.length,
        indicators: indicators.length,
        formFields: definition.formFields.length,
        recommendationRules: definition.recommendationRules.length,
      },
    };
    if (options.dryRun) return report;
    report.programId = await insertProgramDefinition(tx, options.municipalityId, definition, title);
    await recordAudit(tx, options.actor, {
      action: 'create',
      entity: 'program',
      entityId: report.programId,
      municipalityId: options.municipalityId,
      summary: `Загружена программа мониторинга из файла: ${title}${file.exportedBy ? ` (выгружена: ${file.exportedBy})` : ''}`,
    });
    return report;
  });
}
