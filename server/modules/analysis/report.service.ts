import type { Db } from '../../db/client.ts';
import { isValidIsoDate } from '../../../core/dates.ts';
import { describeValues } from '../../../core/analysis/statistics.ts';
import { publicResult } from '../../../core/publishing/suppression.ts';
import { AppError, notFound } from '../../errors.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { systemAdmin, type Actor } from '../auth/access.ts';

import { findCampaigns, findParticipants } from '../campaigns/campaigns.repository.ts';
import {
  getCampaignResults,
  requireCampaign,
  requireDepartmentCampaign,
} from '../campaigns/campaigns.service.ts';
import { findMunicipalityById } from '../municipalities/municipalities.repository.ts';
import { findConclusions, findRecommendations, findReport, upsertReport } from './analysis.repository.ts';
import { getAnalysis } from './analysis.service.ts';
import { assertConclusionsVerified } from './conclusions.service.ts';
import { isPublicNow } from '../../../core/publishing/publication.ts';
import { assertPublicNow, publicDecisionsAndEffects } from '../publishing/publishing.service.ts';

export interface ReportSettings {
  introduction?: string | null;
  letterNumber?: string | null;
  letterDate?: string | null;
  signerPosition?: string | null;
  signerName?: string | null;
  /** The day from which the published report is public; null: at once. */
  publishOn?: string | null;
}

export async function getReportSettings(options: { db: Db; actor: Actor; campaignId: number }) {
  const campaign = await requireDepartmentCampaign(options.db, options.actor, options.campaignId);
  const municipality = await findMunicipalityById(options.db, campaign.municipalityId);
  const report = await findReport(options.db, campaign.id);
  return {
    campaignId: campaign.id,
    isPublished: report?.isPublished ?? false,
    publishedAt: report?.publishedAt?.toISOString() ?? null,
    publishOn: report?.publishOn ?? null,
    introduction: report?.introduction ?? null,
    letterNumber: report?.letterNumber ?? null,
    letterDate: report?.letterDate ?? null,
    signerPosition: report?.signerPosition ?? municipality?.headPosition ?? null,
    signerName: report?.signerName ?? municipality?.headName ?? null,
    publicUrl: `/public/campaigns/${campaign.id}`,
    embedUrl: `/embed/campaigns/${campaign.id}`,
  };
}

export async function updateReportSettings(options: {
  db: Db;
  actor: Actor;
  campaignId: number;
  values: ReportSettings & { isPublished?: boolean };
}) {
  const campaign = await requireDepartmentCampaign(options.db, options.actor, options.campaignId);
  const { isPublished, ...settings } = options.values;
  if (settings.publishOn && !isValidIsoDate(settings.publishOn))
    throw new AppError('validation_failed', '«Дата публикации»: некорректная дата.', { field: 'publishOn' });
  if (isPublished) await assertConclusionsVerified(options.db, campaign);
  await options.db.transaction(async (tx) => {
    const before = await findReport(tx, campaign.id);
    const publishing =
      isPublished === undefined
        ? {}
        : { isPublished, publishedAt: isPublished ? (before?.publishedAt ?? new Date()) : null };
    await upsertReport(tx, campaign.id, { ...settings, ...publishing });
    await recordAudit(tx, options.actor, {
      action: isPublished === undefined ? 'update' : isPublished ? 'publish' : 'unpublish',
      entity: 'report',
      entityId: campaign.id,
      municipalityId: campaign.municipalityId,
      summary:
        isPublished === undefined
          ? 'Изменены реквизиты отчёта'
          : isPublished
            ? 'Отчёт опубликован'
            : 'Публикация отчёта снята',
    });
  });
  return getReportSettings(options);
}

/** Published campaigns of every municipality whose publication day has come: the public list. */
export async function listPublicReports(db: Db, today: string) {
  const all = await findCampaigns(db, null);
  const published = [];
  for (const c of all) {
    const report = await findReport(db, c.id);
    if (isPublicNow(report, today))
      published.push({
        id: c.id,
        title: c.title,
        year: c.year,
        publishedAt: report.publishedAt?.toISOString() ?? null,
      });
  }
  return published;
}

/**
 * The public report page: aggregates, charts' data, conclusions and recommendations — values of
 * organizations and the municipality, never a teacher (shares over small groups hidden: core/publishing),
 * with the decisions and the effect of measures marked public. Reachable without login once published and
 * its publication day has come.
 */
export async function getPublicReport(db: Db, campaignId: number, today: string) {
  const campaign = await requireCampaign(db, campaignId).catch(() => {
    throw notFound('Отчёт');
  });
  const report = await findReport(db, campaign.id);
  assertPublicNow(report, today);
  const reader = systemAdmin('public');
  const analysis = await getAnalysis({ db, user: reader, campaignId: campaign.id, filters: {} });
  const municipality = await findMunicipalityById(db, campaign.municipalityId);
  const participants = await findParticipants(db, campaign.id);
  const conclusions = await findConclusions(db, campaign.id);
  const recommendations = await findRecommendations(db, campaign.id, null);
  const results = (await getCampaignResults({ db, user: reader, id: campaign.id })).results.map((r) =>
    publicResult(r),
  );
  const { decisions, effects } = await publicDecisionsAndEffects(
    db,
    campaign,
    conclusions.map((c) => c.id),
  );
  return {
    municipality: municipality
      ? {
          name: municipality.name,
          departmentName: municipality.departmentName,
          regionName: municipality.regionName,
        }
      : null,
    campaign: {
      id: campaign.id,
      title: campaign.title,
      year: campaign.year,
      status: campaign.status,
      dates: { start: campaign.initialStart, end: campaign.finalEnd },
    },
    introduction: report!.introduction,
    publishedAt: report!.publishedAt?.toISOString() ?? null,
    participantCount: participants.length,
    indicators: analysis.indicators.map(({ numerator: _n, ...i }) => i),
    organizations: analysis.organizations.map((o) => ({ id: o.id, name: o.name, kind: o.kind })),
    results,
    // Over the published values only: a min, max or mean over a hidden value would give it away.
    statistics: Object.fromEntries(
      analysis.indicators.map((i) => [
        i.code,
        describeValues(
          results
            .filter((r) => r.indicator === i.code && r.organization !== null && r.isApplicable)
            .map((r) => r.value),
        ),
      ]),
    ),
    rating: analysis.rating,
    dynamics: analysis.dynamics.map((d) => ({
      year: d.year,
      results: d.results.filter((r) => r.organization === null).map((r) => publicResult(r)),
    })),
    conclusions: conclusions.map((c) => c.text),
    recommendations: recommendations.map((r) => ({
      organizationName: r.organizationName,
      addressee: r.addressee,
      text: r.text,
      deadline: r.deadline,
      status: r.status,
    })),
    decisions,
    effects,
  };
}
