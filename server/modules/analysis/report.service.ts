import type { Db } from '../../db/client.ts';
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

export interface ReportSettings {
  introduction?: string | null;
  letterNumber?: string | null;
  letterDate?: string | null;
  signerPosition?: string | null;
  signerName?: string | null;
}

export async function getReportSettings(options: { db: Db; actor: Actor; campaignId: number }) {
  const campaign = await requireDepartmentCampaign(options.db, options.actor, options.campaignId);
  const municipality = await findMunicipalityById(options.db, campaign.municipalityId);
  const report = await findReport(options.db, campaign.id);
  return {
    campaignId: campaign.id,
    isPublished: report?.isPublished ?? false,
    publishedAt: report?.publishedAt?.toISOString() ?? null,
    introduction: report?.introduction ?? null,
    letterNumber: report?.letterNumber ?? null,
    letterDate: report?.letterDate ?? null,
    signerPosition: report?.signerPosition ?? municipality?.headPosition ?? null,
    signerName: report?.signerName ?? municipality?.headName ?? null,
    publicUrl: `/public/campaigns/${campaign.id}`,
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

/** Published campaigns of every municipality: the public list. */
export async function listPublicReports(db: Db) {
  const all = await findCampaigns(db, null);
  const published = [];
  for (const c of all) {
    const report = await findReport(db, c.id);
    if (report?.isPublished)
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
 * organizations and the municipality, never a teacher. Reachable without login once published.
 */
export async function getPublicReport(db: Db, campaignId: number) {
  const campaign = await requireCampaign(db, campaignId).catch(() => {
    throw notFound('Отчёт');
  });
  const report = await findReport(db, campaign.id);
  if (!report?.isPublished) throw new AppError('not_found', 'Отчёт не опубликован.');
  const reader = systemAdmin('public');
  const analysis = await getAnalysis({ db, user: reader, campaignId: campaign.id, filters: {} });
  const municipality = await findMunicipalityById(db, campaign.municipalityId);
  const participants = await findParticipants(db, campaign.id);
  const conclusions = await findConclusions(db, campaign.id);
  const recommendations = await findRecommendations(db, campaign.id, null);
  const results = (await getCampaignResults({ db, user: reader, id: campaign.id })).results;
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
    introduction: report.introduction,
    publishedAt: report.publishedAt?.toISOString() ?? null,
    participantCount: participants.length,
    indicators: analysis.indicators.map(({ numerator: _n, ...i }) => i),
    organizations: analysis.organizations.map((o) => ({ id: o.id, name: o.name, kind: o.kind })),
    results,
    statistics: analysis.statistics,
    rating: analysis.rating,
    dynamics: analysis.dynamics.map((d) => ({
      year: d.year,
      results: d.results.filter((r) => r.organization === null),
    })),
    conclusions: conclusions.map((c) => c.text),
    recommendations: recommendations.map((r) => ({
      organizationName: r.organizationName,
      addressee: r.addressee,
      text: r.text,
      deadline: r.deadline,
      status: r.status,
    })),
  };
}
