import { themeOf } from '../../../core/analysis/themes.ts';
import { isoDate } from '../../../core/dates.ts';
import {
  ROADMAP_TEMPLATE,
  type DeadlineKind,
  type MeasureTemplate,
} from '../../../core/management/roadmap-template.ts';
import type { Db } from '../../db/client.ts';
import { measures, roadmaps, type Evidence } from '../../db/schema/index.ts';
import { updateIfVersion } from '../../db/versioned.ts';
import { AppError, notFound, versionConflict } from '../../errors.ts';
import { diffRecords, recordAudit, recordUpdate } from '../audit/audit.repository.ts';
import {
  assertMunicipalityAccess,
  municipalityScope,
  requireUser,
  type Actor,
  type AuthUser,
} from '../auth/access.ts';
import { assertDepartment } from '../campaigns/campaigns.policy.ts';
import { assertLinksInMunicipality } from './links.ts';
import { findProgramTree } from '../programs/programs.repository.ts';
import {
  deleteMeasure,
  findMeasure,
  findMeasureLinks,
  findMeasures,
  findRoadmap,
  findRoadmaps,
  insertMeasure,
  insertRoadmap,
  replaceMeasureLinks,
} from './management.repository.ts';

export interface MeasureInput {
  section: string;
  number: string;
  title: string;
  deadlineKind: DeadlineKind;
  deadlineFrom?: string | null;
  deadlineTo?: string | null;
  executors: string;
  status?: 'planned' | 'in_progress' | 'done' | 'cancelled';
  doneOn?: string | null;
  evidence?: Evidence[];
  indicators?: { programId: number; indicatorCode: string }[];
  recommendationIds?: number[];
  isPublic?: boolean;
}

export async function listRoadmaps(options: { db: Db; user: AuthUser }) {
  const scope = municipalityScope(options.user, 'read');
  return findRoadmaps(options.db, scope.all ? null : scope.ids);
}

async function requireRoadmap(db: Db, user: AuthUser, id: number, purpose: 'read' | 'manage') {
  const roadmap = await findRoadmap(db, id);
  if (!roadmap) throw notFound('Дорожная карта');
  if (purpose === 'manage') assertDepartment(user, roadmap.municipalityId);
  else assertMunicipalityAccess(user, roadmap.municipalityId, 'read');
  return roadmap;
}

/** The roadmap with its measures, their linked indicators (with names) and recommendations. */
export async function getRoadmap(options: { db: Db; user: AuthUser; id: number }) {
  const roadmap = await requireRoadmap(options.db, options.user, options.id, 'read');
  const rows = await findMeasures(options.db, roadmap.id);
  const links = await findMeasureLinks(
    options.db,
    rows.map((m) => m.id),
  );
  const programIds = [...new Set(links.indicators.map((l) => l.programId))];
  const names = new Map<string, string>();
  for (const programId of programIds) {
    const tree = await findProgramTree(options.db, programId);
    for (const i of tree?.indicators ?? []) names.set(`${programId}|${i.code}`, i.name);
  }
  return {
    ...roadmap,
    createdAt: roadmap.createdAt.toISOString(),
    updatedAt: roadmap.updatedAt.toISOString(),
    measures: rows.map((m) => ({
      ...m,
      createdAt: m.createdAt.toISOString(),
      updatedAt: m.updatedAt.toISOString(),
      indicators: links.indicators
        .filter((l) => l.measureId === m.id)
        .map((l) => ({
          programId: l.programId,
          indicatorCode: l.indicatorCode,
          name: names.get(`${l.programId}|${l.indicatorCode}`) ?? l.indicatorCode,
        })),
      recommendationIds: links.recommendations
        .filter((l) => l.measureId === m.id)
        .map((l) => l.recommendationId),
    })),
  };
}

export async function createRoadmap(options: {
  db: Db;
  actor: Actor;
  values: { municipalityId: number; title: string; periodStart: string; periodEnd: string };
}) {
  assertDepartment(requireUser(options.actor.user), options.values.municipalityId);
  if (options.values.periodEnd < options.values.periodStart)
    throw new AppError('validation_failed', 'Окончание периода раньше начала.', { field: 'periodEnd' });
  return options.db.transaction(async (tx) => {
    const row = await insertRoadmap(tx, options.values);
    await recordAudit(tx, options.actor, {
      action: 'create',
      entity: 'roadmap',
      entityId: row.id,
      municipalityId: row.municipalityId,
      summary: `Создана дорожная карта «${row.title}»`,
    });
    return row;
  });
}

/**
 * Loads seed 001's roadmap for a period starting in `startYear`; each measure is linked to the indicators of
 * the chosen program whose formulas count what the measure should move (diagnostics, training on a topic…).
 */
export async function createRoadmapFromTemplate(options: {
  db: Db;
  actor: Actor;
  municipalityId: number;
  programId?: number;
  startYear: number;
}) {
  const user = requireUser(options.actor.user);
  assertDepartment(user, options.municipalityId);
  const tree = options.programId ? await findProgramTree(options.db, options.programId) : undefined;
  if (options.programId && (!tree || tree.program.municipalityId !== options.municipalityId))
    throw new AppError('validation_failed', 'Программа не найдена в муниципалитете.', { field: 'programId' });
  const themed = (tree?.indicators ?? []).map((i) => ({ code: i.code, theme: themeOf(i.numerator).key }));
  return options.db.transaction(async (tx) => {
    const roadmap = await insertRoadmap(tx, {
      municipalityId: options.municipalityId,
      title: `${ROADMAP_TEMPLATE.title} на ${options.startYear}–${options.startYear + ROADMAP_TEMPLATE.periodYears - 1} годы`,
      periodStart: isoDate(options.startYear, 9, 1),
      periodEnd: isoDate(options.startYear + ROADMAP_TEMPLATE.periodYears - 1, 12, 31),
      templateCode: ROADMAP_TEMPLATE.code,
    });
    for (const [index, m] of (ROADMAP_TEMPLATE.measures as MeasureTemplate[]).entries()) {
      const [month, day] = (m.deadline.to ?? '').split('-').map(Number);
      const year = month && month < 9 ? options.startYear + 1 : options.startYear;
      const measure = await insertMeasure(tx, {
        roadmapId: roadmap.id,
        section: m.section,
        number: m.number,
        title: m.title,
        deadlineKind: m.deadline.kind,
        deadlineTo: m.deadline.to ? isoDate(year, month, day) : null,
        executors: m.executors,
        sortOrder: index,
      });
      const codes = themed
        .filter((t) => m.themes.some((theme) => t.theme === theme || t.theme.startsWith(`${theme}:`)))
        .map((t) => t.code);
      if (tree && codes.length)
        await replaceMeasureLinks(tx, measure.id, {
          indicators: codes.map((indicatorCode) => ({ programId: tree.program.id, indicatorCode })),
        });
    }
    await recordAudit(tx, options.actor, {
      action: 'create',
      entity: 'roadmap',
      entityId: roadmap.id,
      municipalityId: options.municipalityId,
      summary: `Загружена дорожная карта по шаблону (${ROADMAP_TEMPLATE.source})`,
    });
    return roadmap;
  });
}

export async function updateRoadmap(options: {
  db: Db;
  actor: Actor;
  id: number;
  values: { title?: string; periodStart?: string; periodEnd?: string; version: number };
}) {
  const user = requireUser(options.actor.user);
  return options.db.transaction(async (tx) => {
    const before = await requireRoadmap(tx, user, options.id, 'manage');
    const { version, ...patch } = options.values;
    if (!(await updateIfVersion(tx, roadmaps, options.id, version, patch))) throw versionConflict();
    const after = (await findRoadmap(tx, options.id))!;
    await recordUpdate(tx, options.actor, {
      entity: 'roadmap',
      entityId: options.id,
      municipalityId: after.municipalityId,
      before,
      after,
    });
  });
}

function checkMeasure(values: Partial<MeasureInput>) {
  if (values.deadlineKind === 'date' && !values.deadlineTo)
    throw new AppError('validation_failed', 'Укажите дату срока исполнения.', { field: 'deadlineTo' });
  if (values.deadlineKind === 'period' && (!values.deadlineFrom || !values.deadlineTo))
    throw new AppError('validation_failed', 'Укажите начало и окончание периода исполнения.', {
      field: 'deadlineFrom',
    });
  if (values.deadlineFrom && values.deadlineTo && values.deadlineTo < values.deadlineFrom)
    throw new AppError('validation_failed', 'Окончание срока раньше начала.', { field: 'deadlineTo' });
  if (values.status === 'done' && values.doneOn === null)
    throw new AppError('validation_failed', 'Укажите дату выполнения мероприятия.', { field: 'doneOn' });
  if ((values.evidence?.length ?? 0) > 20)
    throw new AppError('validation_failed', 'Не больше 20 подтверждений.', { field: 'evidence' });
}

const assertMeasureLinks = (db: Db, municipalityId: number, values: Partial<MeasureInput>) =>
  assertLinksInMunicipality(db, municipalityId, {
    programs: values.indicators?.map((l) => l.programId),
    recommendations: values.recommendationIds,
    files: values.evidence?.map((e) => e.fileId),
  });

export async function addMeasure(options: { db: Db; actor: Actor; roadmapId: number; values: MeasureInput }) {
  const user = requireUser(options.actor.user);
  checkMeasure(options.values);
  return options.db.transaction(async (tx) => {
    const roadmap = await requireRoadmap(tx, user, options.roadmapId, 'manage');
    await assertMeasureLinks(tx, roadmap.municipalityId, options.values);
    const { indicators, recommendationIds, ...fields } = options.values;
    const existing = await findMeasures(tx, roadmap.id);
    const row = await insertMeasure(tx, { ...fields, roadmapId: roadmap.id, sortOrder: existing.length });
    await replaceMeasureLinks(tx, row.id, { indicators, recommendationIds });
    await recordAudit(tx, options.actor, {
      action: 'create',
      entity: 'measure',
      entityId: row.id,
      municipalityId: roadmap.municipalityId,
      summary: `Мероприятие ${row.number} «${row.title}»`,
      after: options.values,
    });
    return row;
  });
}

export async function updateMeasure(options: {
  db: Db;
  actor: Actor;
  id: number;
  values: Partial<MeasureInput> & { version: number };
}) {
  const user = requireUser(options.actor.user);
  return options.db.transaction(async (tx) => {
    const before = await findMeasure(tx, options.id);
    if (!before) throw notFound('Мероприятие');
    const roadmap = await requireRoadmap(tx, user, before.roadmapId, 'manage');
    await assertMeasureLinks(tx, roadmap.municipalityId, options.values);
    const { version, indicators, recommendationIds, ...patch } = options.values;
    checkMeasure({
      ...before,
      ...patch,
      doneOn: patch.status === 'done' ? (patch.doneOn ?? before.doneOn) : patch.doneOn,
    });
    if (!(await updateIfVersion(tx, measures, options.id, version, patch))) throw versionConflict();
    await replaceMeasureLinks(tx, options.id, { indicators, recommendationIds });
    const after = (await findMeasure(tx, options.id))!;
    const diff = diffRecords(before, after);
    await recordAudit(tx, options.actor, {
      action: 'update',
      entity: 'measure',
      entityId: options.id,
      municipalityId: roadmap.municipalityId,
      summary: `Мероприятие ${after.number}`,
      before: diff.before,
      after: {
        ...diff.after,
        ...(indicators ? { indicators } : {}),
        ...(recommendationIds ? { recommendationIds } : {}),
      },
    });
    return after;
  });
}

export async function removeMeasure(options: { db: Db; actor: Actor; id: number }) {
  const user = requireUser(options.actor.user);
  await options.db.transaction(async (tx) => {
    const before = await findMeasure(tx, options.id);
    if (!before) throw notFound('Мероприятие');
    const roadmap = await requireRoadmap(tx, user, before.roadmapId, 'manage');
    await deleteMeasure(tx, options.id);
    await recordAudit(tx, options.actor, {
      action: 'delete',
      entity: 'measure',
      entityId: options.id,
      municipalityId: roadmap.municipalityId,
      before,
    });
  });
}
