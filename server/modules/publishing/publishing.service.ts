import { and, eq } from 'drizzle-orm';
import { formatRuDate } from '../../../core/dates.ts';
import { findResult } from '../../../core/indicators/find-result.ts';
import { isPublicNow, type ReportPublication } from '../../../core/publishing/publication.ts';
import { publicResult, PUBLIC_MIN_GROUP } from '../../../core/publishing/suppression.ts';
import type { Db } from '../../db/client.ts';
import { mapInOrder } from '../../db/in-order.ts';
import { decisions } from '../../db/schema/index.ts';
import { AppError } from '../../errors.ts';
import { indicatorsOf } from '../analysis/analysis.service.ts';
import { findReport } from '../analysis/analysis.repository.ts';
import { systemAdmin } from '../auth/access.ts';
import { findCampaigns, findParticipants } from '../campaigns/campaigns.repository.ts';
import { getCampaignResults, requireCampaign } from '../campaigns/campaigns.service.ts';
import { DECISION_KIND_LABEL } from '../management/decisions.service.ts';
import { roadmapEffect } from '../management/effect.service.ts';
import { findMeasures, findRoadmaps } from '../management/management.repository.ts';
import { findMunicipalityById } from '../municipalities/municipalities.repository.ts';
import { findOrganizationById } from '../organizations/organizations.repository.ts';

/**
 * What the public sees of a municipality's monitoring: a published report once its publication day has come,
 * an organization's own aggregates of those reports, the decisions and the effect of measures the
 * department marked public. No person is named; shares over small groups are hidden (core/publishing).
 */

/** A report the public may not see yet is «not found», with the day when one is set. */
export function assertPublicNow(report: ReportPublication | null | undefined, today: string) {
  if (isPublicNow(report, today)) return;
  if (report?.isPublished && report.publishOn)
    throw new AppError('not_found', `Отчёт будет опубликован ${formatRuDate(report.publishOn)}.`);
  throw new AppError('not_found', 'Отчёт не опубликован.');
}

/** The municipality's campaigns whose reports the public sees today, newest first. */
async function publicCampaignsOf(db: Db, municipalityId: number, today: string) {
  const all = await findCampaigns(db, [municipalityId]);
  const reports = await mapInOrder(all, (c) => findReport(db, c.id));
  return all
    .map((c, k) => ({ campaign: c, report: reports[k] }))
    .filter((x) => isPublicNow(x.report, today))
    .sort((a, b) => b.campaign.year - a.campaign.year || b.campaign.id - a.campaign.id);
}

/**
 * An organization's public page: its values in every published campaign it took part in beside the
 * municipality's, without numerators and denominators, a share over fewer than the threshold hidden.
 */
export async function getPublicOrganization(db: Db, id: number, today: string) {
  const organization = await findOrganizationById(db, id);
  if (!organization || !organization.isActive) throw new AppError('not_found', 'Организация не найдена.');
  const reader = systemAdmin('public');
  const published = await publicCampaignsOf(db, organization.municipalityId, today);
  const campaigns = [];
  for (const { campaign: c, report } of published) {
    const participants = await findParticipants(db, c.id);
    if (!participants.some((p) => p.organizationId === id)) continue;
    const campaign = await requireCampaign(db, c.id);
    const indicators = await indicatorsOf(db, campaign);
    const { results } = await getCampaignResults({ db, user: reader, id: c.id });
    campaigns.push({
      id: c.id,
      title: c.title,
      year: c.year,
      publishedAt: report?.publishedAt?.toISOString() ?? null,
      indicators: indicators.map((i) => {
        const own = findResult(results, i.code, id);
        const municipal = findResult(results, i.code, null);
        const shown = own ? publicResult(own) : null;
        return {
          code: i.code,
          name: i.name,
          unit: i.unit,
          direction: i.direction,
          criterionTitle: i.criterionTitle,
          value: shown?.isApplicable === false ? null : (shown?.value ?? null),
          level: shown?.isApplicable === false ? null : (shown?.level ?? null),
          isApplicable: shown?.isApplicable ?? true,
          isSuppressed: shown?.isSuppressed ?? false,
          municipal: municipal ? publicResult(municipal).value : null,
        };
      }),
    });
  }
  if (!campaigns.length)
    throw new AppError(
      'not_found',
      'Публичных данных об организации нет: отчёты мониторинга с её участием ещё не опубликованы.',
    );
  const municipality = await findMunicipalityById(db, organization.municipalityId);
  return {
    organization: {
      id: organization.id,
      name: organization.name,
      shortName: organization.shortName,
      kind: organization.kind,
    },
    municipality: municipality
      ? {
          name: municipality.name,
          departmentName: municipality.departmentName,
          regionName: municipality.regionName,
        }
      : null,
    threshold: PUBLIC_MIN_GROUP,
    campaigns,
  };
}

/**
 * The decisions and the effect of measures a public report shows: the decisions marked public that answer
 * one of the campaign's conclusions, and the measures marked public whose effect this campaign measured (it
 * is the «after» campaign of a linked indicator) — the municipality's values only, before and after.
 */
export async function publicDecisionsAndEffects(
  db: Db,
  campaign: { id: number; municipalityId: number },
  conclusionIds: number[],
) {
  const marked = await db
    .select()
    .from(decisions)
    .where(and(eq(decisions.municipalityId, campaign.municipalityId), eq(decisions.isPublic, true)));
  const answering = marked
    .filter((d) => d.conclusionIds.some((c) => conclusionIds.includes(c)))
    .sort((a, b) => a.date.localeCompare(b.date) || a.id - b.id)
    .map((d) => ({
      kind: d.kind,
      kindLabel: DECISION_KIND_LABEL[d.kind],
      number: d.number,
      date: d.date,
      title: d.title,
      url: d.url,
    }));
  const reader = systemAdmin('public');
  const effects = [];
  for (const roadmap of await findRoadmaps(db, [campaign.municipalityId])) {
    const publicIds = new Set(
      (await findMeasures(db, roadmap.id)).filter((m) => m.isPublic).map((m) => m.id),
    );
    if (!publicIds.size) continue;
    const effect = await roadmapEffect({ db, user: reader, roadmapId: roadmap.id });
    for (const m of effect.measures) {
      if (!publicIds.has(m.measureId)) continue;
      const measured = m.indicators.filter((i) => i.after?.campaignId === campaign.id);
      if (!measured.length) continue;
      effects.push({
        roadmapTitle: roadmap.title,
        number: m.number,
        title: m.title,
        status: m.status,
        date: m.date,
        indicators: measured.map((i) => ({
          code: i.indicatorCode,
          name: i.name,
          unit: i.unit,
          before: i.before ? { year: i.before.year, value: i.before.value } : null,
          after: i.after ? { year: i.after.year, value: i.after.value } : null,
          verdict: i.verdict,
        })),
      });
    }
  }
  return { decisions: answering, effects };
}
