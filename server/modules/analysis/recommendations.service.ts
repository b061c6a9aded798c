import { draftRecommendations } from '../../../core/analysis/drafts.ts';
import { addDays, isoDate } from '../../../core/dates.ts';
import type { Db } from '../../db/client.ts';
import { recommendationRules, recommendations, RECOMMENDATION_STATUSES } from '../../db/schema/index.ts';
import { updateIfVersion } from '../../db/versioned.ts';
import { AppError, forbidden, notFound, versionConflict } from '../../errors.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { assertMunicipalityAccess, requireUser, type Actor } from '../auth/access.ts';
import { assertDepartment, isDepartmentOf, visibleOrganizations } from '../campaigns/campaigns.policy.ts';
import { requireCampaign, requireDepartmentCampaign } from '../campaigns/campaigns.service.ts';
import { findCoordinators, findParticipants } from '../campaigns/campaigns.repository.ts';
import { inAudience, normalizeAudience, type Audience } from '../../../core/analysis/audience.ts';
import { resolveGroupRefs } from '../groups/groups.service.ts';
import { notifyUsers } from '../notifications/notifications.repository.ts';
import { findOrganizationById } from '../organizations/organizations.repository.ts';
import { findProgramById } from '../programs/programs.repository.ts';
import {
  deleteRecommendation,
  deleteRule,
  deleteUntouchedRecommendations,
  findOrganizationsById,
  findRecommendation,
  findRecommendations,
  findGroupRecommendationsOfParticipants,
  findRecommendationsOfOrganizations,
  findRule,
  findRules,
  insertRecommendations,
  insertRule,
} from './analysis.repository.ts';
import { analysisInputOf } from './conclusions.service.ts';
import { presentRecommendationFiles, presentReportFiles } from './recommendation-files.service.ts';
import {
  GROUP_OWN_STATUSES,
  NO_GROUP_PROGRESS,
  groupAddressees,
  groupProgress,
  groupStatus,
  isOwnManager,
  presentReportState,
  requireReportTarget,
  writeReport,
  type ReportTarget,
} from './group-reports.service.ts';

export type RecommendationStatus = (typeof RECOMMENDATION_STATUSES)[number];
/** What the addressed organization may set: it works on a recommendation and reports it done for review. */
const ORGANIZATION_STATUSES: readonly RecommendationStatus[] = ['planned', 'in_progress', 'reported'];
export const DEPARTMENT_ADDRESSEE = 'Методическому кабинету отдела образования';
export const GROUP_ADDRESSEE = 'Руководителям ОО';

const present = (r: Awaited<ReturnType<typeof findRecommendations>>[number]) => ({
  ...r,
  reportedAt: r.reportedAt?.toISOString() ?? null,
  updatedAt: r.updatedAt.toISOString(),
});

/** The files of the reports of the listed recommendations, beside each (one query for the whole list). */
async function withFiles<T extends { id: number }>(db: Db, rows: T[]) {
  const files = await presentRecommendationFiles(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({ ...r, files: files.get(r.id) ?? [] }));
}

/**
 * The department's list of a campaign's recommendations; a group one carries the progress of its
 * addressees' reports («выполнено 7 из 12»).
 */
export async function listRecommendations(options: { db: Db; actor: Actor; campaignId: number }) {
  const user = requireUser(options.actor.user);
  const campaign = await requireCampaign(options.db, options.campaignId);
  const visible = visibleOrganizations(user, campaign.municipalityId);
  const rows = await withFiles(
    options.db,
    (await findRecommendations(options.db, campaign.id, visible)).map(present),
  );
  const progress = await groupProgress(
    options.db,
    rows.filter((r) => r.audience).map((r) => r.id),
  );
  return rows.map((r) => {
    if (!r.audience) return { ...r, ownStatus: r.status, progress: null };
    const p = progress.get(r.id) ?? NO_GROUP_PROGRESS;
    return { ...r, status: groupStatus(r.status, p), ownStatus: r.status, progress: p };
  });
}

/**
 * Every recommendation that reaches some organizations, across campaigns: those addressed to one of them,
 * and those to a group they belong to (one row per organization, with that organization's own report in
 * place of the recommendation's status). `groupOrganizationId` says which report a row shows: null — the
 * recommendation's own; an organization — its report on the group recommendation.
 */
export async function recommendationsOfOrganizations(db: Db, organizationIds: number[]) {
  const single = (await findRecommendationsOfOrganizations(db, organizationIds)).map((r) => ({
    ...present(r),
    campaignTitle: r.campaignTitle,
    campaignYear: r.campaignYear,
    groupOrganizationId: null as number | null,
  }));
  const singleFiles = await presentRecommendationFiles(
    db,
    single.map((r) => r.id),
  );
  const group = (await groupAddressees(db, { organizationIds })).map((r) => ({
    ...present({
      ...r,
      ...r.state,
      organizationId: r.organizationId,
      organizationName: r.organizationName,
    }),
    campaignTitle: r.campaignTitle,
    campaignYear: r.campaignYear,
    groupOrganizationId: r.organizationId as number | null,
    reportId: r.state.reportId,
  }));
  const groupFiles = await presentReportFiles(
    db,
    group.flatMap((r) => (r.reportId === null ? [] : [r.reportId])),
  );
  const order = RECOMMENDATION_STATUSES as readonly string[];
  return [
    ...single.map((r) => ({ ...r, files: singleFiles.get(r.id) ?? [] })),
    ...group.map(({ reportId, ...r }) => ({
      ...r,
      files: reportId === null ? [] : (groupFiles.get(reportId) ?? []),
    })),
  ].sort(
    (a, b) =>
      order.indexOf(a.status) - order.indexOf(b.status) ||
      (a.deadline ?? '9999').localeCompare(b.deadline ?? '9999') ||
      a.id - b.id ||
      (a.groupOrganizationId ?? 0) - (b.groupOrganizationId ?? 0),
  );
}

/** A school's cabinet: every recommendation addressed to its organization or to a group it is in, across campaigns. */
export async function listOwnRecommendations(options: { db: Db; actor: Actor }) {
  const user = requireUser(options.actor.user);
  const own = user.roles
    .filter((g) => (g.role === 'org_manager' || g.role === 'teacher') && g.organizationId !== null)
    .map((g) => g.organizationId!);
  return recommendationsOfOrganizations(options.db, own);
}

/**
 * The one resolver of audiences for a school's own lists (its cabinet, its letters): the recommendations to
 * several organizations (kinds, ШНОР/ШССУ, the department's groups, a list) in the campaigns these
 * organizations take part in, one row per organization they reach.
 */
export async function audienceRecommendationsOf(db: Db, organizationIds: number[]) {
  return (await findGroupRecommendationsOfParticipants(db, organizationIds)).filter(
    (r) => r.audience && inAudience(r.audience, { ...r, id: r.organizationId }),
  );
}

/**
 * Applies the program's rule library to the campaign's results: a recommendation to every organization
 * where an indicator shows its problem, and to the department. Recommendations nobody has touched yet are
 * replaced; edited ones and those with a report stay.
 */
export async function generateRecommendations(options: { db: Db; actor: Actor; campaignId: number }) {
  const { db, actor } = options;
  const campaign = await requireCampaign(db, options.campaignId);
  assertDepartment(requireUser(actor.user), campaign.municipalityId);
  const input = await analysisInputOf(db, actor, campaign.id);
  const rules = await findRules(db, campaign.programId);
  const drafts = draftRecommendations(input, rules);
  const names = new Map(
    (
      await findOrganizationsById(
        db,
        input.organizations.map((o) => o.id),
      )
    ).map((o) => [o.id, o.name]),
  );
  const deadline =
    isoDate(campaign.year + 1, 12, 31) > addDays(campaign.finalEnd, 180)
      ? addDays(campaign.finalEnd, 180)
      : isoDate(campaign.year + 1, 12, 31);
  await db.transaction(async (tx) => {
    await deleteUntouchedRecommendations(tx, campaign.id);
    const kept = await findRecommendations(tx, campaign.id, null);
    const keys = new Set(kept.map((r) => `${r.organizationId}|${r.text}`));
    await insertRecommendations(
      tx,
      drafts
        .filter((d) => !keys.has(`${d.organizationId}|${d.text}`))
        .map((d) => ({
          campaignId: campaign.id,
          organizationId: d.organizationId,
          indicatorCode: d.indicatorCode,
          text: d.text,
          addressee:
            d.organizationId === null
              ? DEPARTMENT_ADDRESSEE
              : `Руководителю ${names.get(d.organizationId) ?? ''}`.trim(),
          deadline,
        })),
    );
    await recordAudit(tx, actor, {
      action: 'generate',
      entity: 'recommendations',
      entityId: campaign.id,
      municipalityId: campaign.municipalityId,
      summary: `Адресные рекомендации сформированы: ${drafts.length}`,
    });
  });
  return listRecommendations({ db, actor, campaignId: campaign.id });
}

export async function addRecommendation(options: {
  db: Db;
  actor: Actor;
  campaignId: number;
  values: {
    organizationId: number | null;
    /** To several organizations at once; with organizationId null. */
    audience?: (Partial<Audience> & { orgGroupIds?: number[] | null }) | null;
    text: string;
    addressee?: string | null;
    deadline?: string | null;
    responsible?: string | null;
    indicatorCode?: string | null;
  };
}) {
  const { db, actor, values } = options;
  const campaign = await requireCampaign(db, options.campaignId);
  assertDepartment(requireUser(actor.user), campaign.municipalityId);
  const org = values.organizationId ? (await findOrganizationsById(db, [values.organizationId]))[0] : null;
  // A school of another municipality is not found here: it would see the recommendation in its cabinet.
  if (values.organizationId && (!org || org.municipalityId !== campaign.municipalityId))
    throw new AppError('validation_failed', 'Организация не найдена в муниципалитете мониторинга.', {
      field: 'organizationId',
    });
  const { orgGroupIds, ...given } = values.audience ?? {};
  const audience = values.audience
    ? normalizeAudience({
        ...given,
        orgGroups: await resolveGroupRefs(db, campaign.municipalityId, orgGroupIds, 'audience.orgGroupIds'),
      })
    : null;
  if (audience && values.organizationId)
    throw new AppError(
      'validation_failed',
      'Рекомендация адресуется либо одной организации, либо группе организаций, но не обеим сразу.',
      { field: 'audience' },
    );
  if (audience?.organizationIds) {
    const listed = await findOrganizationsById(db, audience.organizationIds);
    const participants = new Set((await findParticipants(db, campaign.id)).map((p) => p.organizationId));
    const stray = audience.organizationIds.filter(
      (id) =>
        !participants.has(id) || listed.find((o) => o.id === id)?.municipalityId !== campaign.municipalityId,
    );
    if (stray.length)
      throw new AppError(
        'validation_failed',
        `Адресаты рекомендации: организации № ${stray.join(', ')} не участвуют в этом мониторинге.`,
        { field: 'audience.organizationIds' },
      );
  }
  await db.transaction(async (tx) => {
    await insertRecommendations(tx, [
      {
        campaignId: campaign.id,
        organizationId: values.organizationId,
        audience,
        text: values.text,
        addressee:
          values.addressee ??
          (org ? `Руководителю ${org.name}` : audience ? GROUP_ADDRESSEE : DEPARTMENT_ADDRESSEE),
        deadline: values.deadline ?? null,
        responsible: values.responsible ?? null,
        indicatorCode: values.indicatorCode ?? null,
      },
    ]);
    await recordAudit(tx, actor, {
      action: 'create',
      entity: 'recommendation',
      municipalityId: campaign.municipalityId,
      organizationId: values.organizationId,
      after: values,
    });
  });
}

/**
 * The department edits a recommendation (text, addressee, deadline, status); the addressed organization
 * reports what it did and moves the status. Nobody else may touch it.
 */
export async function updateRecommendation(options: {
  db: Db;
  actor: Actor;
  id: number;
  values: {
    text?: string;
    addressee?: string;
    deadline?: string | null;
    responsible?: string | null;
    status?: RecommendationStatus;
    report?: string | null;
    version: number;
  };
}) {
  const { db, actor } = options;
  const user = requireUser(actor.user);
  const before = await findRecommendation(db, options.id);
  if (!before) throw notFound('Рекомендация');
  const campaign = await requireCampaign(db, before.campaignId);
  const { version, ...patch } = options.values;
  if (!isDepartmentOf(user, campaign.municipalityId)) {
    const isOwn =
      before.organizationId !== null &&
      user.roles.some((g) => g.role === 'org_manager' && g.organizationId === before.organizationId);
    if (!isOwn) throw forbidden('Рекомендация адресована другой организации.');
    if (
      patch.text !== undefined ||
      patch.addressee !== undefined ||
      patch.deadline !== undefined ||
      patch.responsible !== undefined
    )
      throw forbidden('Организация сообщает о выполнении, но не меняет текст, адресата и срок рекомендации.');
    await reportOnRecommendation({
      db,
      actor,
      target: { recommendationId: before.id },
      values: { status: patch.status, report: patch.report, version },
    });
    return findRecommendation(db, options.id);
  }
  if (before.audience) {
    // A group recommendation's reports are each addressee's own (group-reports.service.ts); its own row says
    // only whether it is open or closed for all of them.
    if (patch.report !== undefined)
      throw new AppError(
        'validation_failed',
        'По рекомендации группе организаций каждая организация отчитывается сама: отчёты принимаются или возвращаются в таблице организаций.',
        { field: 'report' },
      );
    if (patch.status !== undefined && !GROUP_OWN_STATUSES.includes(patch.status))
      throw new AppError(
        'validation_failed',
        'Рекомендацию группе организаций можно оставить открытой, отметить выполненной или отменить для всех адресатов; «выполняется» и «отчёт на проверке» складываются из отчётов организаций.',
        { field: 'status' },
      );
  }
  const reported = patch.report !== undefined ? { reportedAt: new Date(), reportedBy: user.fullName } : {};
  return db.transaction(async (tx) => {
    if (!(await updateIfVersion(tx, recommendations, options.id, version, { ...patch, ...reported })))
      throw versionConflict();
    await recordAudit(tx, actor, {
      action: 'update',
      entity: 'recommendation',
      entityId: options.id,
      municipalityId: campaign.municipalityId,
      organizationId: before.organizationId,
      before: { status: before.status, report: before.report, text: before.text },
      after: patch,
    });
    return findRecommendation(tx, options.id);
  });
}

/**
 * An organization reports on a recommendation: its own (one organization) or its part of a group one. It
 * works on it and sends the report for review; only the department marks it done or cancelled.
 */
export async function reportOnRecommendation(options: {
  db: Db;
  actor: Actor;
  target: ReportTarget;
  values: { status?: RecommendationStatus; report?: string | null; version: number };
}) {
  const { db, actor, target, values } = options;
  const user = requireUser(actor.user);
  const { recommendation, campaign, state } = await requireReportTarget(db, user, target);
  if (!isOwnManager(user, state.organizationId))
    throw forbidden(
      'О выполнении рекомендации сообщает организация, которой она адресована; отдел принимает отчёт.',
    );
  if (values.status && !ORGANIZATION_STATUSES.includes(values.status))
    throw forbidden(
      'Отметить рекомендацию выполненной или отменить её может только методический отдел: ' +
        'отправьте отчёт о выполнении, отдел его примет.',
    );
  if (state.status === 'done' || state.status === 'cancelled')
    throw forbidden('Рекомендация уже закрыта методическим отделом: изменить её может только отдел.');
  const patch = {
    ...(values.status !== undefined ? { status: values.status } : {}),
    ...(values.report !== undefined
      ? { report: values.report, reportedAt: new Date(), reportedBy: user.fullName }
      : {}),
  };
  return db.transaction(async (tx) => {
    if (!(await writeReport(tx, recommendation, state, values.version, patch))) throw versionConflict();
    await recordAudit(tx, actor, {
      action: 'update',
      entity: target.organizationId === undefined ? 'recommendation' : 'recommendation_report',
      entityId: recommendation.id,
      municipalityId: campaign.municipalityId,
      organizationId: state.organizationId,
      before: { status: state.status, report: state.report },
      after: patch,
    });
    if (values.status === 'reported' && state.status !== 'reported' && state.organizationId !== null) {
      const organization = await findOrganizationById(tx, state.organizationId);
      const coordinators = await findCoordinators(tx, campaign.municipalityId);
      await notifyUsers(
        tx,
        coordinators.map((c) => c.userId),
        {
          title: `${organization?.shortName ?? 'Организация'}: отчёт о выполнении рекомендации`,
          body: `${campaign.title}: ${recommendation.text.slice(0, 160)}`,
          link: `/campaigns/${campaign.id}?tab=recommendations`,
        },
      );
    }
    const after = await requireReportTarget(tx, user, target);
    return presentReportState(after.state);
  });
}

export async function removeRecommendation(options: { db: Db; actor: Actor; id: number }) {
  const before = await findRecommendation(options.db, options.id);
  if (!before) throw notFound('Рекомендация');
  const campaign = await requireDepartmentCampaign(options.db, options.actor, before.campaignId);
  await options.db.transaction(async (tx) => {
    await deleteRecommendation(tx, options.id);
    await recordAudit(tx, options.actor, {
      action: 'delete',
      entity: 'recommendation',
      entityId: options.id,
      municipalityId: campaign.municipalityId,
      organizationId: before.organizationId,
      before,
    });
  });
}

// ——— the rule library of a program ———

async function requireProgramForRules(db: Db, actor: Actor, programId: number, purpose: 'read' | 'manage') {
  const program = await findProgramById(db, programId);
  if (!program) throw notFound('Программа мониторинга');
  const user = requireUser(actor.user);
  if (purpose === 'manage') assertDepartment(user, program.municipalityId);
  else assertMunicipalityAccess(user, program.municipalityId, 'read');
  return program;
}

export async function listRules(options: { db: Db; actor: Actor; programId: number }) {
  await requireProgramForRules(options.db, options.actor, options.programId, 'read');
  return findRules(options.db, options.programId);
}

export async function addRule(options: {
  db: Db;
  actor: Actor;
  programId: number;
  values: {
    indicatorCode: string;
    level: 'high' | 'medium' | 'low';
    target: 'organization' | 'municipality';
    text: string;
  };
}) {
  const program = await requireProgramForRules(options.db, options.actor, options.programId, 'manage');
  return options.db.transaction(async (tx) => {
    const row = await insertRule(tx, { ...options.values, programId: program.id });
    await recordAudit(tx, options.actor, {
      action: 'create',
      entity: 'recommendation_rule',
      entityId: row.id,
      municipalityId: program.municipalityId,
      after: options.values,
    });
    return row;
  });
}

export async function updateRule(options: {
  db: Db;
  actor: Actor;
  id: number;
  values: {
    text?: string;
    level?: 'high' | 'medium' | 'low';
    target?: 'organization' | 'municipality';
    version: number;
  };
}) {
  const before = await findRule(options.db, options.id);
  if (!before) throw notFound('Правило');
  const program = await requireProgramForRules(options.db, options.actor, before.programId, 'manage');
  const { version, ...patch } = options.values;
  return options.db.transaction(async (tx) => {
    if (!(await updateIfVersion(tx, recommendationRules, options.id, version, patch)))
      throw versionConflict();
    await recordAudit(tx, options.actor, {
      action: 'update',
      entity: 'recommendation_rule',
      entityId: options.id,
      municipalityId: program.municipalityId,
      before: { text: before.text },
      after: patch,
    });
    return findRule(tx, options.id);
  });
}

export async function removeRule(options: { db: Db; actor: Actor; id: number }) {
  const before = await findRule(options.db, options.id);
  if (!before) throw notFound('Правило');
  const program = await requireProgramForRules(options.db, options.actor, before.programId, 'manage');
  await options.db.transaction(async (tx) => {
    await deleteRule(tx, options.id);
    await recordAudit(tx, options.actor, {
      action: 'delete',
      entity: 'recommendation_rule',
      entityId: options.id,
      municipalityId: program.municipalityId,
      before,
    });
  });
}
