import { and, asc, eq, inArray, isNotNull, isNull, lt, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import { isOverdue, STATE_LABEL } from '../../../core/campaigns/completeness.ts';
import { daysBetween } from '../../../core/dates.ts';
import { ORGANIZATION_FORMS, countOf, plural } from '../../../core/format.ts';
import type { Db } from '../../db/client.ts';
import { campaigns, organizations, recommendations } from '../../db/schema/index.ts';
import { forbidden } from '../../errors.ts';
import { hasRole, municipalityScope, type AuthUser } from '../auth/access.ts';
import { assertDepartment } from '../campaigns/campaigns.policy.ts';
import {
  findActiveCampaigns,
  findLastReminders,
  findParticipants,
  findResponsibleUsers,
  findSubmissions,
} from '../campaigns/campaigns.repository.ts';
import { contactOf, participantForm } from '../campaigns/campaigns.service.ts';
import { groupAddressees } from '../analysis/group-reports.service.ts';

/** «проверить 1 форму / 2 формы / 5 форм»: the accusative after the verb. */
const FORMS_TO_CHECK = ['форму', 'формы', 'форм'] as const;
const RECOMMENDATION_FORMS = ['рекомендация', 'рекомендации', 'рекомендаций'] as const;
const REPORT_FORMS = ['отчёт', 'отчёта', 'отчётов'] as const;

/**
 * The methodist's day: what the department of a municipality has to do now. Forms sent and waiting for
 * review; organizations that have not sent the form of a running campaign after its deadline (who answers
 * for it and how to call them); recommendations whose deadline has passed and which are not done; reports
 * on recommendations waiting to be accepted. Late and on time are those of core/campaigns/completeness.ts.
 */
export async function getTodo(options: { db: Db; user: AuthUser; today: string; municipalityId?: number }) {
  const { db, user, today } = options;
  if (!hasRole(user, 'admin', 'coordinator'))
    throw forbidden('«Нужно сделать» — список дел муниципального координатора.');
  let municipalityIds: number[] | null;
  if (options.municipalityId !== undefined) {
    assertDepartment(user, options.municipalityId);
    municipalityIds = [options.municipalityId];
  } else {
    const scope = municipalityScope(user, 'manage');
    municipalityIds = scope.all ? null : scope.ids;
  }
  const active = await findActiveCampaigns(db, municipalityIds);
  const reminded = await findLastReminders(
    db,
    active.map((c) => c.id),
  );
  const lastReminder = new Map(reminded.map((r) => [`${r.campaignId}:${r.organizationId}`, r.sentAt]));

  const reviews = [];
  const late = [];
  for (const campaign of active.sort((a, b) => a.mainEnd.localeCompare(b.mainEnd) || a.id - b.id)) {
    const participants = await findParticipants(db, campaign.id);
    const byOrg = new Map((await findSubmissions(db, campaign.id)).map((s) => [s.organizationId, s]));
    const lateHere = [];
    for (const p of participants) {
      const submission = byOrg.get(p.organizationId);
      const form = participantForm(submission);
      if (form.state === 'submitted')
        reviews.push({
          campaignId: campaign.id,
          campaignTitle: campaign.title,
          organizationId: p.organizationId,
          organizationName: p.organizationName,
          submittedAt: submission!.submittedAt?.toISOString() ?? null,
          link: `/campaigns/${campaign.id}/organizations/${p.organizationId}`,
        });
      if (isOverdue(form, campaign.mainEnd, today, false)) lateHere.push({ p, form });
    }
    const people = await findResponsibleUsers(
      db,
      lateHere.map((x) => x.p.organizationId),
    );
    for (const { p, form } of lateHere) {
      const accounts = people.filter((x) => x.organizationId === p.organizationId);
      const remindedAt = lastReminder.get(`${campaign.id}:${p.organizationId}`) ?? null;
      late.push({
        campaignId: campaign.id,
        campaignTitle: campaign.title,
        deadline: campaign.mainEnd,
        daysLate: daysBetween(campaign.mainEnd, today),
        organizationId: p.organizationId,
        organizationName: p.organizationName,
        kind: p.kind,
        state: form.state,
        stateLabel: STATE_LABEL[form.state],
        reopenedUntil: p.reopenedUntil,
        ...contactOf(p),
        /** Whether a reminder would reach anyone by e-mail. */
        hasEmail: accounts.some((a) => Boolean(a.email)),
        lastReminderAt: remindedAt?.toISOString() ?? null,
        link: `/campaigns/${campaign.id}/organizations/${p.organizationId}`,
      });
    }
  }
  reviews.sort((a, b) => (a.submittedAt ?? '').localeCompare(b.submittedAt ?? ''));

  const inScope = municipalityIds
    ? inArray(campaigns.municipalityId, municipalityIds.length ? municipalityIds : [-1])
    : undefined;
  const recommendationColumns = {
    id: recommendations.id,
    campaignId: recommendations.campaignId,
    campaignTitle: campaigns.title,
    organizationId: recommendations.organizationId,
    organizationName: organizations.shortName,
    addressee: recommendations.addressee,
    text: recommendations.text,
    deadline: recommendations.deadline,
    status: recommendations.status,
    reportedAt: recommendations.reportedAt,
    reportedBy: recommendations.reportedBy,
  };
  const recommendationsWhere = (where: SQL | undefined, order: SQL | PgColumn) =>
    db
      .select(recommendationColumns)
      .from(recommendations)
      .innerJoin(campaigns, eq(campaigns.id, recommendations.campaignId))
      .leftJoin(organizations, eq(organizations.id, recommendations.organizationId))
      .where(and(inScope, where))
      .orderBy(asc(order), asc(recommendations.id));
  // A recommendation to a group: each organization of it reports for itself, so each is overdue or
  // waiting to be accepted by itself (its own report), not the recommendation's row.
  const overdueRows = await recommendationsWhere(
    and(
      isNull(recommendations.audience),
      inArray(recommendations.status, ['planned', 'in_progress']),
      lt(recommendations.deadline, today),
    ),
    recommendations.deadline,
  );
  const reportedRows = await recommendationsWhere(
    and(isNull(recommendations.audience), eq(recommendations.status, 'reported')),
    recommendations.reportedAt,
  );
  const groupRows = await db
    .select({ id: recommendations.id, deadline: recommendations.deadline })
    .from(recommendations)
    .innerJoin(campaigns, eq(campaigns.id, recommendations.campaignId))
    .where(
      and(
        inScope,
        isNotNull(recommendations.audience),
        inArray(recommendations.status, ['planned', 'in_progress', 'reported']),
      ),
    );
  const addressees = await groupAddressees(db, { recommendationIds: groupRows.map((r) => r.id) });
  const ofGroup = (a: (typeof addressees)[number]) => ({
    id: a.id,
    campaignId: a.campaignId,
    campaignTitle: a.campaignTitle,
    organizationId: a.organizationId as number | null,
    organizationName: a.organizationName as string | null,
    addressee: a.addressee,
    text: a.text,
    deadline: a.deadline,
    status: a.state.status,
    reportedAt: a.state.reportedAt,
    reportedBy: a.state.reportedBy,
  });
  overdueRows.push(
    ...addressees
      .filter(
        (a) =>
          a.deadline !== null &&
          a.deadline < today &&
          (a.state.status === 'planned' || a.state.status === 'in_progress'),
      )
      .map(ofGroup),
  );
  overdueRows.sort((a, b) => a.deadline!.localeCompare(b.deadline!) || a.id - b.id);
  reportedRows.push(...addressees.filter((a) => a.state.status === 'reported').map(ofGroup));
  reportedRows.sort((a, b) => (a.reportedAt?.getTime() ?? 0) - (b.reportedAt?.getTime() ?? 0) || a.id - b.id);
  const link = (campaignId: number) => `/campaigns/${campaignId}?tab=recommendations`;
  const overdueRecommendations = overdueRows.map((r) => ({
    ...r,
    reportedAt: r.reportedAt?.toISOString() ?? null,
    daysOverdue: daysBetween(r.deadline!, today),
    link: link(r.campaignId),
  }));
  const reportedRecommendations = reportedRows.map((r) => ({
    ...r,
    reportedAt: r.reportedAt?.toISOString() ?? null,
    link: link(r.campaignId),
  }));
  const counts = {
    reviews: reviews.length,
    late: late.length,
    overdueRecommendations: overdueRecommendations.length,
    reportedRecommendations: reportedRecommendations.length,
  };
  return {
    today,
    counts,
    total: Object.values(counts).reduce((a, b) => a + b, 0),
    summary: todoSummary(counts),
    reviews,
    late,
    overdueRecommendations,
    reportedRecommendations,
  };
}

/**
 * «Нужно сделать: проверить 2 формы; напомнить 3 организациям …» in one sentence, or that nothing is due.
 * The counts go through the one plural helper (core/format.ts).
 */
export function todoSummary(c: {
  reviews: number;
  late: number;
  overdueRecommendations: number;
  reportedRecommendations: number;
}): string {
  const parts = [
    c.reviews && `проверить ${countOf(c.reviews, FORMS_TO_CHECK)}`,
    c.late &&
      `${countOf(c.late, ORGANIZATION_FORMS)} не ${plural(c.late, ['отправила', 'отправили', 'отправили'])} форму в срок`,
    c.overdueRecommendations &&
      `${countOf(c.overdueRecommendations, RECOMMENDATION_FORMS)} с истёкшим сроком`,
    c.reportedRecommendations &&
      `принять ${countOf(c.reportedRecommendations, REPORT_FORMS)} о выполнении рекомендаций`,
  ].filter(Boolean);
  return parts.length ? `Нужно сделать: ${parts.join('; ')}.` : 'Всё сделано: срочных дел нет.';
}
