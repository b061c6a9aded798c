import { inOrder } from '../../db/in-order.ts';
import {
  completenessOf,
  isOverdue,
  STATE_LABEL,
  timelinessOf,
  type ParticipantForm,
} from '../../../core/campaigns/completeness.ts';
import {
  currentPhase,
  checkStageDates,
  campaignDatesForYear,
  type CampaignDates,
} from '../../../core/campaigns/stages.ts';
import { findTemplate } from '../../../core/templates/index.ts';
import type { Db } from '../../db/client.ts';
import { campaigns } from '../../db/schema/index.ts';
import { updateIfVersion } from '../../db/versioned.ts';
import { AppError, notFound, versionConflict } from '../../errors.ts';
import { recordAudit, recordUpdate } from '../audit/audit.repository.ts';
import {
  canAccessMunicipality,
  municipalityScope,
  requireUser,
  type Actor,
  type AuthUser,
} from '../auth/access.ts';
import { evaluateIndicators, measureIndicators } from '../indicators/compute.ts';
import { measureRegionParts, storeRegionParts } from '../regional/region-row.ts';
import { formValuesOf } from './form-values.ts';
import { keptFrozenResults, liveCampaignResults } from './kept-results.ts';
export { formValuesOf };
import { contextOf, definitionsOf, vacanciesAsOfTree } from '../indicators/results.service.ts';
import { findComputedOrganizations } from '../indicators/compute.ts';
import { findProgramById, findProgramTree } from '../programs/programs.repository.ts';
import { assertDepartment, visibleOrganizations } from './campaigns.policy.ts';
import { findRunningAnnouncement } from '../communications/communications.repository.ts';
import {
  deleteCampaignRow,
  findCampaignById,
  findCampaigns,
  findCampaignsOfProgramYear,
  findLastReminders,
  findParticipantForms,
  findParticipants,
  findSubmissions,
  insertCampaign,
  insertFrozenResults,
  lockCampaign,
  replaceParticipants,
  type CampaignRow,
  type SubmissionRow,
} from './campaigns.repository.ts';
import type { CreateCampaignInput, UpdateCampaignInput } from './campaigns.schema.ts';

export const datesOf = (c: CampaignRow): CampaignDates => ({
  initialStart: c.initialStart,
  initialEnd: c.initialEnd,
  mainStart: c.mainStart,
  mainEnd: c.mainEnd,
  finalStart: c.finalStart,
  finalEnd: c.finalEnd,
});

export async function requireCampaign(db: Db, id: number) {
  const campaign = await findCampaignById(db, id);
  if (!campaign) throw notFound('Мониторинг');
  return campaign;
}

/** A campaign that only its municipality's department may work on (analysis, conclusions, the report). */
export async function requireDepartmentCampaign(db: Db, actor: Actor, id: number) {
  const campaign = await requireCampaign(db, id);
  assertDepartment(requireUser(actor.user), campaign.municipalityId);
  return campaign;
}

export async function listCampaigns(options: { db: Db; user: AuthUser }) {
  const scope = municipalityScope(options.user, 'aggregate');
  const list = await findCampaigns(options.db, scope.all ? null : scope.ids);
  const forms = new Map<number, ParticipantForm[]>(list.map((c) => [c.id, []]));
  for (const f of await findParticipantForms(
    options.db,
    list.map((c) => c.id),
  ))
    forms
      .get(f.campaignId)!
      .push(
        participantForm(f.status ? { status: f.status, firstSubmittedAt: f.firstSubmittedAt } : undefined),
      );
  return list.map((c) => ({ ...c, completeness: completenessOf(forms.get(c.id)!, c.mainEnd) }));
}

function assertDates(dates: CampaignDates) {
  const problems = checkStageDates(dates);
  if (problems.length)
    throw new AppError('validation_failed', `${problems[0].message}.`, {
      field: `dates.${problems[0].field}`,
    });
}

/**
 * A campaign for a program and a reporting year. Without dates, the dates of the district the program's
 * template came from are used (seed 004: 1 April – 10 July in three stages; seed 000: 13 September – 5 November).
 */
export async function createCampaign(options: { db: Db; actor: Actor; input: CreateCampaignInput }) {
  const { db, actor, input } = options;
  const user = requireUser(actor.user);
  const program = await findProgramById(db, input.programId);
  if (!program) throw notFound('Программа мониторинга');
  assertDepartment(user, program.municipalityId);
  const template = program.templateCode ? findTemplate(program.templateCode) : undefined;
  const dates = input.dates ?? (template ? campaignDatesForYear(template.campaign, input.year) : null);
  if (!dates) throw new AppError('validation_failed', 'Укажите даты этапов мониторинга.', { field: 'dates' });
  assertDates(dates);
  return db.transaction(async (tx) => {
    await assertNoCampaignFor(tx, program, input.year);
    const organizationIds = await participantsOf(tx, program.municipalityId, input.organizationIds);
    const title = input.title ?? `${template?.campaign.title ?? program.title}: ${input.year} год`;
    const id = await insertCampaign(
      tx,
      {
        municipalityId: program.municipalityId,
        programId: program.id,
        title,
        year: input.year,
        reminderDaysBefore: input.reminderDaysBefore,
        ...dates,
      },
      organizationIds,
    ).catch(async (error: unknown) => {
      // Two coordinators creating the same campaign at once: the unique index stops the second.
      if (!isUniqueViolation(error)) throw error;
      throw duplicateCampaign(program.title, input.year, null);
    });
    await recordAudit(tx, actor, {
      action: 'create',
      entity: 'campaign',
      entityId: id,
      municipalityId: program.municipalityId,
      summary: `Создан мониторинг «${title}»`,
      after: { ...dates, organizations: organizationIds.length },
    });
    return id;
  });
}

/**
 * One campaign per program and reporting year: a second one would silently become the «after» of the
 * effect analysis and split the forms of the schools. The unique index (migration 0007) backs this up where
 * the data allowed creating it.
 */
async function assertNoCampaignFor(db: Db, program: { id: number; title: string }, year: number) {
  const [existing] = await findCampaignsOfProgramYear(db, program.id, year);
  if (existing) throw duplicateCampaign(program.title, year, existing);
}

function isUniqueViolation(error: unknown): boolean {
  for (let e = error as { code?: string; cause?: unknown } | undefined; e; e = e.cause as typeof e)
    if (e.code === '23505') return true;
  return false;
}

const duplicateCampaign = (
  programTitle: string,
  year: number,
  existing: { id: number; title: string } | null,
) =>
  new AppError(
    'conflict',
    existing
      ? `Кампания по программе «${programTitle}» за ${year} год уже есть: «${existing.title}» (№ ${existing.id}). Откройте её или выберите другой год.`
      : `Кампания по программе «${programTitle}» за ${year} год уже есть: её только что создал другой пользователь. Обновите список мониторингов.`,
    { field: 'year', campaignId: existing?.id ?? null },
  );

/**
 * Deletes a campaign made by mistake: only while no organization has ever sent its form and nothing is
 * frozen (a closed campaign is history). Drafts, conclusions and recommendations of the campaign go with it.
 * Not while its announcement letter is being sent: the sending's rows would go with it under the job.
 */
export async function deleteCampaign(options: { db: Db; actor: Actor; id: number }) {
  const user = requireUser(options.actor.user);
  await options.db.transaction(async (tx) => {
    const campaign = await requireCampaign(tx, options.id);
    assertDepartment(user, campaign.municipalityId);
    if (campaign.status === 'closed')
      throw new AppError('conflict', 'Мониторинг закрыт, его результаты заморожены: удалить его нельзя.');
    await lockCampaign(tx, campaign.id);
    if (await findRunningAnnouncement(tx, campaign.id))
      throw new AppError(
        'conflict',
        'Идёт рассылка информационного письма по этому мониторингу: удалить его можно после окончания рассылки.',
      );
    const sent = (await findSubmissions(tx, campaign.id)).filter((s) => s.firstSubmittedAt !== null);
    if (sent.length)
      throw new AppError(
        'conflict',
        `Организации уже отправляли формы этого мониторинга (${sent.length}): удалить его нельзя.`,
      );
    await deleteCampaignRow(tx, campaign.id);
    await recordAudit(tx, options.actor, {
      action: 'delete',
      entity: 'campaign',
      entityId: campaign.id,
      municipalityId: campaign.municipalityId,
      summary: `Удалён мониторинг «${campaign.title}»`,
      before: campaign,
    });
  });
}

/**
 * The organizations a campaign of the municipality may enrol: its own active ones (all of them when none
 * are named). Another municipality's school would receive this campaign's forms and reminders.
 */
async function participantsOf(db: Db, municipalityId: number, requested: number[] | undefined) {
  const all = await findComputedOrganizations(db, { municipalityId });
  const allowed = new Set(all.map((o) => o.id));
  const organizationIds = requested ?? all.map((o) => o.id);
  const foreign = organizationIds.filter((id) => !allowed.has(id));
  if (foreign.length)
    throw new AppError(
      'validation_failed',
      `Организации № ${foreign.join(', ')} не относятся к муниципалитету программы.`,
      { field: 'organizationIds' },
    );
  return organizationIds;
}

export async function updateCampaign(options: {
  db: Db;
  actor: Actor;
  id: number;
  input: UpdateCampaignInput;
}) {
  const user = requireUser(options.actor.user);
  return options.db.transaction(async (tx) => {
    const before = await requireCampaign(tx, options.id);
    assertDepartment(user, before.municipalityId);
    if (before.status === 'closed')
      throw new AppError('conflict', 'Мониторинг закрыт: его результаты заморожены и не меняются.');
    const { version, dates, organizationIds, ...patch } = options.input;
    if (dates) assertDates(dates);
    if (!(await updateIfVersion(tx, campaigns, options.id, version, { ...patch, ...(dates ?? {}) })))
      throw versionConflict();
    if (organizationIds)
      await replaceParticipants(
        tx,
        options.id,
        await participantsOf(tx, before.municipalityId, organizationIds),
      );
    const after = (await findCampaignById(tx, options.id))!;
    await recordUpdate(tx, options.actor, {
      entity: 'campaign',
      entityId: options.id,
      municipalityId: after.municipalityId,
      summary: `Изменён мониторинг «${after.title}»`,
      before,
      after,
    });
  });
}

export { STATE_LABEL, type SubmissionState } from '../../../core/campaigns/completeness.ts';

/** A submission as the completeness rules read it: its state and the day it was first sent (UTC). */
export const participantForm = (
  submission: Pick<SubmissionRow, 'status' | 'firstSubmittedAt'> | undefined,
): ParticipantForm => ({
  state: submission?.status ?? 'not_started',
  firstSentOn: submission?.firstSubmittedAt ? submission.firstSubmittedAt.toISOString().slice(0, 10) : null,
});

/** The campaign page: its stage today, and what is due from whom (the live completeness table). */
export async function getCampaignView(options: { db: Db; user: AuthUser; id: number; today: string }) {
  const { db, user, today } = options;
  const campaign = await requireCampaign(db, options.id);
  const visible = visibleOrganizations(user, campaign.municipalityId);
  // A regional coordinator sees the forms' progress, not the people who answer for them (the heads are teachers).
  const showsContacts = canAccessMunicipality(user, campaign.municipalityId, 'read');
  const [participants, submissionRows, program, reminded] = await inOrder([
    () => findParticipants(db, campaign.id),
    () => findSubmissions(db, campaign.id),
    () => findProgramById(db, campaign.programId),
    () => findLastReminders(db, [campaign.id]),
  ]);
  const byOrg = new Map(submissionRows.map((s) => [s.organizationId, s]));
  const lastReminder = new Map(reminded.map((r) => [r.organizationId, r.sentAt]));
  const isClosed = campaign.status === 'closed';
  const forms = participants.map((p) => participantForm(byOrg.get(p.organizationId)));
  const rows = participants.map((p, i) => {
    const submission = byOrg.get(p.organizationId);
    const form = forms[i];
    // The people behind the contact columns go out only as `contactName` / `contactPhone` below.
    const { responsibleName: _r, responsiblePhone: _rp, headName: _h, phone: _p, ...organization } = p;
    return {
      ...organization,
      state: form.state,
      stateLabel: STATE_LABEL[form.state],
      submittedAt: submission?.submittedAt?.toISOString() ?? null,
      firstSubmittedAt: submission?.firstSubmittedAt?.toISOString() ?? null,
      updatedAt: submission?.updatedAt.toISOString() ?? null,
      reviewComment: submission?.reviewComment ?? null,
      timeliness: timelinessOf(form.firstSentOn, campaign.mainEnd),
      isOverdue: isOverdue(form, campaign.mainEnd, today, isClosed),
      lastReminderAt: lastReminder.get(p.organizationId)?.toISOString() ?? null,
      ...(showsContacts ? contactOf(p) : { contactName: null, contactPhone: null }),
    };
  });
  return {
    campaign: {
      id: campaign.id,
      municipalityId: campaign.municipalityId,
      programId: campaign.programId,
      programTitle: program?.title ?? '',
      title: campaign.title,
      year: campaign.year,
      status: campaign.status,
      dates: datesOf(campaign),
      reminderDaysBefore: campaign.reminderDaysBefore,
      instructions: campaign.instructions ?? '',
      closedAt: campaign.closedAt?.toISOString() ?? null,
      version: campaign.version,
      phase: currentPhase(datesOf(campaign), today),
      today,
      /** Whether it may be deleted: nothing was ever sent and nothing is frozen. */
      isDeletable: !isClosed && forms.every((f) => f.firstSentOn === null),
    },
    stats: visible === null ? completenessOf(forms, campaign.mainEnd) : null,
    organizations: visible === null ? rows : rows.filter((r) => visible.includes(r.organizationId)),
  };
}

/** Who answers for an organization's form and how to call them: its responsible person, else its head. */
export const contactOf = (o: {
  responsibleName: string | null;
  responsiblePhone: string | null;
  headName: string | null;
  phone: string | null;
}) => ({ contactName: o.responsibleName ?? o.headName, contactPhone: o.responsiblePhone ?? o.phone });

/** One row of the completeness table, as the page shows it and the XLSX export writes it. */
export type CompletenessTableRow = Awaited<ReturnType<typeof getCampaignView>>['organizations'][number];

/**
 * Closing freezes the results: the values are computed once more, from the registry and the sent forms, and
 * stored; later registry edits do not change them, and they stay available for comparison over years.
 */
export async function closeCampaign(options: { db: Db; actor: Actor; id: number }) {
  const user = requireUser(options.actor.user);
  return options.db.transaction(async (tx) => {
    const campaign = await requireCampaign(tx, options.id);
    assertDepartment(user, campaign.municipalityId);
    if (campaign.status === 'closed') throw new AppError('conflict', 'Мониторинг уже закрыт.');
    const tree = (await findProgramTree(tx, campaign.programId))!;
    const ctx = contextOf(tree, campaign.year, { campaignId: campaign.id });
    const definitions = definitionsOf(tree);
    const measures = await measureIndicators(tx, ctx, definitions);
    const computed = evaluateIndicators(measures, formValuesOf(await findSubmissions(tx, campaign.id)));
    if (tree.program.regionalProgramId !== null) {
      // What the campaign gives its region's row, frozen with its values (regional/region-row.ts).
      const regional = new Set(tree.indicators.filter((i) => i.isRegional).map((i) => i.code));
      const parts = await measureRegionParts(
        tx,
        ctx,
        measures.parsed.filter((p) => regional.has(p.definition.code)),
        measures.measured,
      );
      await storeRegionParts(tx, campaign.id, parts);
    }
    await insertFrozenResults(
      tx,
      computed.results.map((r) => ({
        campaignId: campaign.id,
        indicatorCode: r.indicator,
        organizationId: r.organization,
        organizationName: r.organizationName,
        value: r.value,
        numerator: r.numerator,
        denominator: r.denominator,
        level: r.level,
        isApplicable: r.isApplicable,
      })),
    );
    const snapshot = {
      criteria: tree.criteria.map((c) => ({ id: c.id, code: c.code, title: c.title })),
      indicators: definitionsOf(tree).map((d, i) => ({ ...d, criterionId: tree.indicators[i].criterionId })),
      period: ctx.period,
      // The month of vacancies the frozen values count, as it was at closing (a later report moves nothing).
      vacanciesAsOf: await vacanciesAsOfTree(tx, tree, ctx),
    };
    await updateIfVersion(tx, campaigns, campaign.id, campaign.version, {
      status: 'closed',
      closedAt: new Date(),
      programSnapshot: snapshot,
    });
    await recordAudit(tx, options.actor, {
      action: 'close',
      entity: 'campaign',
      entityId: campaign.id,
      municipalityId: campaign.municipalityId,
      summary: `Мониторинг «${campaign.title}» закрыт, результаты заморожены (${computed.results.length} значений)`,
    });
  });
}

/** The vacancy month a closed campaign's snapshot keeps; null for one closed before it was kept. */
export function frozenVacanciesAsOf(snapshot: unknown): string | null {
  const value = (snapshot as { vacanciesAsOf?: unknown } | null)?.vacanciesAsOf;
  return typeof value === 'string' ? value : null;
}

/** Results of a campaign: frozen ones once it is closed, otherwise computed now with the forms sent so far. */
export async function getCampaignResults(options: { db: Db; user: AuthUser; id: number }) {
  const { db, user } = options;
  const campaign = await requireCampaign(db, options.id);
  const visible = visibleOrganizations(user, campaign.municipalityId);
  const isVisible = (org: number | null) => visible === null || org === null || visible.includes(org);
  if (campaign.status === 'closed') {
    const frozen = await keptFrozenResults(db, campaign);
    return {
      isFrozen: true,
      // The kept array itself when everything is visible: pages derive from it once (kept-results.ts).
      results: visible === null ? frozen : frozen.filter((r) => isVisible(r.organization)),
      snapshot: campaign.programSnapshot,
      // A campaign closed before the month was kept says no date rather than one its values may not have used.
      vacanciesAsOf: frozenVacanciesAsOf(campaign.programSnapshot),
    };
  }
  // Kept while neither the registry nor the campaign's forms change (kept-results.ts).
  const live = await liveCampaignResults(db, campaign);
  return {
    isFrozen: false,
    results: visible === null ? live.results : live.results.filter((r) => isVisible(r.organization)),
    snapshot: null,
    vacanciesAsOf: live.vacanciesAsOf,
  };
}
