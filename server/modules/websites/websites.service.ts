import type { Db } from '../../db/client.ts';
import { AppError, forbidden, notFound, versionConflict } from '../../errors.ts';
import {
  DEFAULT_WEBSITE_REQUIREMENTS,
  type WebsiteRequirementRule,
} from '../../../core/websites/requirements.ts';
import { accountIdOf, organizationScope, type AuthUser } from '../auth/access.ts';
import { isDepartmentOf } from '../registers/shared/ownership.ts';
import { findMunicipalityById } from '../municipalities/municipalities.repository.ts';
import { SiteCrawler, crawlOptionsFrom, type CrawlOptions } from './crawler.ts';
import {
  bumpChecklistVersion,
  deleteOverride,
  deleteRequirements,
  findChecklistVersion,
  findOverrides,
  upsertOverride,
  findLatestRun,
  findLatestSites,
  findOrganizationsToCheck,
  findRequirements,
  findRunningRun,
  failRunningRuns,
  finishRun,
  insertRequirements,
  insertRun,
  saveSiteOutcome,
  type OverrideRow,
  type RunRow,
} from './websites.repository.ts';
import { findOrganizationById } from '../organizations/organizations.repository.ts';

/**
 * The website check (мониторинг сайтов ОО): the department's checklist, runs over its organizations' sites
 * one after another (one run at a time per municipality), the results per organization and requirement.
 */

/** The municipality's checklist; the federal defaults are written on first use, to be edited from there. */
export async function ensureRequirements(db: Db, municipalityId: number) {
  const existing = await findRequirements(db, municipalityId);
  if (existing.length) return existing;
  await insertRequirements(db, municipalityId, DEFAULT_WEBSITE_REQUIREMENTS);
  return findRequirements(db, municipalityId);
}

const CODE = /^[a-z0-9_-]{1,40}$/;

/** Replaces the checklist (the department configures it); codes unique and in latin letters. */
export async function replaceRequirements(options: {
  db: Db;
  user: AuthUser;
  municipalityId: number;
  rules: (WebsiteRequirementRule & { isActive: boolean })[];
  /** The checklist's version the editor started from (`checklistVersion` of the table). */
  version: number;
}) {
  const { db, user, municipalityId, rules } = options;
  await assertMunicipality(db, municipalityId);
  if (!isDepartmentOf(user, municipalityId))
    throw forbidden('Требования к сайтам задаёт отдел образования (координатор муниципалитета).');
  const seen = new Set<string>();
  rules.forEach((rule, index) => {
    const where = `Требование ${index + 1}`;
    if (!CODE.test(rule.code))
      throw new AppError(
        'validation_failed',
        `${where}, «Код»: только латинские буквы, цифры, «_» и «-», до 40 знаков.`,
        { field: `requirements.${index}.code` },
      );
    if (seen.has(rule.code))
      throw new AppError('validation_failed', `${where}, «Код»: код «${rule.code}» уже есть выше.`, {
        field: `requirements.${index}.code`,
      });
    seen.add(rule.code);
    if (!rule.keywords.some((k) => k.trim()) && !rule.paths.some((p) => p.trim()))
      throw new AppError(
        'validation_failed',
        `${where}, «Ключевые слова»: укажите хотя бы одно слово или адрес раздела.`,
        { field: `requirements.${index}.keywords` },
      );
  });
  await db.transaction(async (tx) => {
    if (!(await bumpChecklistVersion(tx, municipalityId, options.version))) throw versionConflict();
    await deleteRequirements(tx, municipalityId);
    await insertRequirements(tx, municipalityId, rules);
  });
  return {
    requirements: await findRequirements(db, municipalityId),
    version: await findChecklistVersion(db, municipalityId),
  };
}

async function assertMunicipality(db: Db, municipalityId: number) {
  if (!(await findMunicipalityById(db, municipalityId))) throw notFound('Муниципалитет');
}

/** Municipalities with a run going on in this process (a run outlives no restart: see `failInterruptedWebsiteChecks`). */
const runningHere = new Set<number>();

export type ProgressReport = (done: number, total: number, organization: string) => void;

/**
 * Checks the sites of a municipality's organizations (or one of them) one by one, writing each outcome as
 * it comes, so that a poll sees the progress and an interrupted run keeps what it did.
 */
export async function runWebsiteCheck(options: {
  db: Db;
  run: RunRow;
  organizationId?: number;
  crawl?: CrawlOptions;
  onProgress?: ProgressReport;
}) {
  const { db, run } = options;
  const rules = (await ensureRequirements(db, run.municipalityId)).filter((r) => r.isActive);
  const targets = await findOrganizationsToCheck(db, run.municipalityId, options.organizationId);
  const crawler = new SiteCrawler(options.crawl ?? crawlOptionsFrom(process.env));
  let done = 0;
  try {
    for (const org of targets) {
      const outcome = await crawler.crawl(org.website, rules);
      const found = new Map(outcome.found.map((f) => [f.code, f.url]));
      await saveSiteOutcome(db, {
        runId: run.id,
        organizationId: org.id,
        siteUrl: org.website,
        error: outcome.error,
        pagesVisited: outcome.pagesVisited,
        items: rules.map((r) => ({ code: r.code, title: r.title, url: found.get(r.code) ?? null })),
      });
      done++;
      options.onProgress?.(done, targets.length, org.shortName);
    }
    await finishRun(db, run.id, 'done');
  } catch (error) {
    await finishRun(db, run.id, 'failed', 'Проверка прервана из-за ошибки сервера.');
    throw error;
  } finally {
    crawler.close();
  }
  return { runId: run.id, checked: done };
}

/**
 * At server start: a run left «running» by the previous process is over — its crawl died with it. Marked
 * failed with how far it got; the sites it checked keep their results.
 */
export async function failInterruptedWebsiteChecks(db: Db) {
  return failRunningRuns(db, [...runningHere]);
}

/**
 * A run left «running» by a process that stopped and was not marked at a start (another server on the
 * same PostgreSQL, a killed `websites check`): after this long it no longer blocks a new one.
 */
const STALE_MS = 6 * 60 * 60 * 1000;

/** Creates a run (refused while another goes on in the municipality). */
export async function openRun(options: {
  db: Db;
  user: AuthUser;
  municipalityId: number;
  organizationId?: number;
}) {
  const { db, user, municipalityId } = options;
  await assertMunicipality(db, municipalityId);
  if (!isDepartmentOf(user, municipalityId))
    throw forbidden('Проверку сайтов запускает отдел образования (координатор муниципалитета).');
  const running = await findRunningRun(db, municipalityId);
  if (running || runningHere.has(municipalityId)) {
    const stale =
      running && !runningHere.has(municipalityId) && Date.now() - running.startedAt.getTime() > STALE_MS;
    if (!stale)
      throw new AppError(
        'conflict',
        'Проверка сайтов этого муниципалитета уже идёт. Дождитесь её окончания.',
      );
    await finishRun(db, running.id, 'failed', 'Проверка прервана остановкой сервера.');
  }
  const targets = await findOrganizationsToCheck(db, municipalityId, options.organizationId);
  if (options.organizationId !== undefined && !targets.length)
    throw new AppError(
      'validation_failed',
      `«Организация»: № ${options.organizationId} нет среди действующих организаций муниципалитета.`,
      {
        field: 'organizationId',
      },
    );
  return insertRun(db, { municipalityId, total: targets.length, startedBy: accountIdOf(user) || null });
}

/** Starts a run in the background (the web): answers at once, the run goes on between requests. */
export async function startWebsiteCheck(options: {
  db: Db;
  user: AuthUser;
  municipalityId: number;
  organizationId?: number;
  crawl?: CrawlOptions;
  onError: (error: unknown) => void;
}) {
  const run = await openRun(options);
  runningHere.add(options.municipalityId);
  void runWebsiteCheck({ db: options.db, run, organizationId: options.organizationId, crawl: options.crawl })
    .catch(options.onError)
    .finally(() => runningHere.delete(options.municipalityId));
  return run;
}

export const presentRun = (run: RunRow) => ({
  id: run.id,
  status: run.status,
  done: run.done,
  total: run.total,
  error: run.error,
  startedAt: run.startedAt.toISOString(),
  finishedAt: run.finishedAt?.toISOString() ?? null,
});

/**
 * The latest run of a municipality as a table: the department sees every organization, an organization's
 * people only their own row.
 */
export async function getWebsiteChecks(options: { db: Db; user: AuthUser; municipalityId: number }) {
  const { db, user, municipalityId } = options;
  await assertMunicipality(db, municipalityId);
  let organizationIds: number[] | null = null;
  if (!isDepartmentOf(user, municipalityId)) {
    const own = organizationScope(user, 'read').organizationIds;
    const mine = (await findOrganizationsToCheck(db, municipalityId)).filter((o) => own.includes(o.id));
    if (!mine.length) throw forbidden('Нет доступа к данным этого муниципалитета.');
    organizationIds = mine.map((o) => o.id);
  }
  // A read writes nothing: until the department saves a checklist, the federal defaults are shown.
  const stored = await findRequirements(db, municipalityId);
  const requirements = stored.length
    ? stored
    : DEFAULT_WEBSITE_REQUIREMENTS.map((r) => ({ ...r, isActive: true }));
  const run = await findLatestRun(db, municipalityId);
  // Each organization as last checked: a run over one school leaves the others' results standing.
  const { sites, items } = await findLatestSites(db, municipalityId, organizationIds);
  const overrides = await findOverrides(db, municipalityId, organizationIds);
  return {
    canRun: isDepartmentOf(user, municipalityId),
    checklistVersion: await findChecklistVersion(db, municipalityId),
    requirements: requirements.map((r) => ({
      code: r.code,
      title: r.title,
      keywords: r.keywords,
      paths: r.paths,
      isActive: r.isActive,
    })),
    run: run ? presentRun(run) : null,
    rows: sites.map((s) => ({
      organizationId: s.organizationId,
      organization: s.shortName,
      siteUrl: s.siteUrl,
      error: s.error,
      pagesVisited: s.pagesVisited,
      checkedAt: s.checkedAt.toISOString(),
      items: mergeItems(
        items.filter((i) => i.organizationId === s.organizationId && i.runId === s.runId),
        overrides.filter((o) => o.organizationId === s.organizationId),
      ),
    })),
  };
}

/**
 * What the table shows per requirement: the override where the coordinator set one (it wins), else the
 * crawl; both are kept, so a later crawl that disagrees is visible beside the override.
 */
function mergeItems(
  crawled: { requirementCode: string; requirementTitle: string; isFound: boolean; url: string | null }[],
  overrides: OverrideRow[],
) {
  const codes = [
    ...crawled.map((c) => c.requirementCode),
    ...overrides.map((o) => o.requirementCode).filter((c) => !crawled.some((i) => i.requirementCode === c)),
  ];
  return codes.map((code) => {
    const crawl = crawled.find((c) => c.requirementCode === code) ?? null;
    const override = overrides.find((o) => o.requirementCode === code) ?? null;
    return {
      code,
      title: crawl?.requirementTitle ?? override!.requirementTitle,
      isFound: override ? override.isFound : crawl!.isFound,
      url: override ? override.url : crawl!.url,
      crawled: crawl ? { isFound: crawl.isFound, url: crawl.url } : null,
      override: override ? presentOverride(override) : null,
    };
  });
}

const presentOverride = (o: OverrideRow) => ({
  isFound: o.isFound,
  url: o.url,
  comment: o.comment,
  setBy: o.setByName,
  setAt: o.setAt.toISOString(),
});

/** An organization of the department's own municipality, for an override. */
async function departmentOrganization(db: Db, user: AuthUser, organizationId: number) {
  const organization = await findOrganizationById(db, organizationId);
  if (!organization) throw notFound('Организация');
  if (!isDepartmentOf(user, organization.municipalityId))
    throw forbidden(
      'Результат проверки сайта вручную отмечает отдел образования (координатор муниципалитета).',
    );
  return organization;
}

/**
 * The coordinator's own finding for one organization × requirement (ручная отметка): found with the URL
 * where it is, or not found; who and when are kept. It wins until removed, whatever later crawls find.
 */
export async function setWebsiteOverride(options: {
  db: Db;
  user: AuthUser;
  organizationId: number;
  code: string;
  isFound: boolean;
  url?: string | null;
  comment?: string | null;
}) {
  const { db, user } = options;
  const organization = await departmentOrganization(db, user, options.organizationId);
  const stored = await findRequirements(db, organization.municipalityId);
  const requirement = (stored.length ? stored : DEFAULT_WEBSITE_REQUIREMENTS).find(
    (r) => r.code === options.code,
  );
  if (!requirement)
    throw new AppError(
      'validation_failed',
      `«Требование»: требования с кодом «${options.code}» нет в перечне.`,
      {
        field: 'code',
      },
    );
  const url = options.url?.trim() || null;
  if (options.isFound && !url)
    throw new AppError('validation_failed', '«Адрес страницы»: укажите, где на сайте размещено требуемое.', {
      field: 'url',
    });
  if (url && !/^https?:\/\/[^\s]+$/i.test(url))
    throw new AppError(
      'validation_failed',
      '«Адрес страницы»: нужен адрес, начинающийся с http:// или https://.',
      {
        field: 'url',
      },
    );
  const row = await upsertOverride(db, {
    organizationId: organization.id,
    requirementCode: requirement.code,
    requirementTitle: requirement.title,
    isFound: options.isFound,
    url: options.isFound ? url : null,
    comment: options.comment?.trim() || null,
    setBy: accountIdOf(user),
    setByName: user.fullName,
  });
  return presentOverride(row);
}

/** Takes the override off: the crawl's finding counts again. */
export async function removeWebsiteOverride(options: {
  db: Db;
  user: AuthUser;
  organizationId: number;
  code: string;
}) {
  await departmentOrganization(options.db, options.user, options.organizationId);
  if (!(await deleteOverride(options.db, options.organizationId, options.code)))
    throw notFound('Ручная отметка');
}
