import { findResult } from '../../../core/indicators/find-result.ts';
import { effectCampaigns, overallVerdict, verdictOf, type Verdict } from '../../../core/management/effect.ts';
import { reportingPeriod } from '../../../core/indicators/period.ts';
import type { Db } from '../../db/client.ts';
import { notFound } from '../../errors.ts';
import { assertMunicipalityAccess, type AuthUser } from '../auth/access.ts';
import { findCampaigns } from '../campaigns/campaigns.repository.ts';
import { getCampaignResults } from '../campaigns/campaigns.service.ts';
import { findProgramById, findProgramTree } from '../programs/programs.repository.ts';
import { findMeasureLinks, findMeasures, findRoadmap, type MeasureRow } from './management.repository.ts';

/** The day a measure counts from: when it was done, else the end of its deadline. */
export const measureDate = (m: Pick<MeasureRow, 'doneOn' | 'deadlineTo' | 'deadlineFrom'>) =>
  m.doneOn ?? m.deadlineTo ?? m.deadlineFrom;

interface IndicatorEffect {
  programId: number;
  indicatorCode: string;
  name: string;
  unit: string;
  before: { campaignId: number; year: number; value: number | null } | null;
  after: { campaignId: number; year: number; value: number | null } | null;
  verdict: Verdict;
  organizations: {
    organizationId: number;
    name: string;
    before: number | null;
    after: number | null;
    verdict: Verdict;
  }[];
}

/**
 * The effect of measures (анализ эффективности принятых мер): each measure's linked indicators in the
 * closed campaign before the measure against the closed campaign after it (the rule: `effectCampaigns`
 * in core/management/effect.ts) — for every organization and the municipality, with a verdict.
 */
export async function roadmapEffect(options: { db: Db; user: AuthUser; roadmapId: number }) {
  const { db, user } = options;
  const roadmap = await findRoadmap(db, options.roadmapId);
  if (!roadmap) throw notFound('Дорожная карта');
  assertMunicipalityAccess(user, roadmap.municipalityId, 'read');
  const measures = await findMeasures(db, roadmap.id);
  const links = await findMeasureLinks(
    db,
    measures.map((m) => m.id),
  );
  const campaigns = await findCampaigns(db, [roadmap.municipalityId]);
  const resultsCache = new Map<number, Awaited<ReturnType<typeof getCampaignResults>>['results']>();
  const resultsOf = async (campaignId: number) => {
    if (!resultsCache.has(campaignId))
      resultsCache.set(campaignId, (await getCampaignResults({ db, user, id: campaignId })).results);
    return resultsCache.get(campaignId)!;
  };
  const programs = new Map<number, Awaited<ReturnType<typeof findProgramTree>>>();
  const out = [];
  for (const m of measures) {
    const date = measureDate(m);
    const own = links.indicators.filter((l) => l.measureId === m.id);
    const effects: IndicatorEffect[] = [];
    for (const link of own) {
      if (!programs.has(link.programId))
        programs.set(link.programId, await findProgramTree(db, link.programId));
      const tree = programs.get(link.programId);
      const indicator = tree?.indicators.find((i) => i.code === link.indicatorCode);
      if (!tree || !indicator) continue;
      const program = (await findProgramById(db, link.programId))!;
      const runs = campaigns
        .filter((c) => c.programId === link.programId)
        .map((c) => ({
          ...c,
          isClosed: c.status === 'closed',
          closedAt: c.closedAt?.toISOString() ?? null,
          periodEnd: reportingPeriod(program.parameters, c.year).end,
        }));
      const { before, after } = effectCampaigns(runs, { start: m.deadlineFrom, end: date });
      const beforeResults = before ? await resultsOf(before.id) : [];
      const afterResults = after ? await resultsOf(after.id) : [];
      const valueIn = (results: typeof beforeResults, org: number | null) =>
        findResult(results, indicator.code, org)?.value ?? null;
      const organizations = [
        ...new Map(
          afterResults
            .filter((r) => r.organization !== null)
            .map((r) => [r.organization!, r.organizationName]),
        ).entries(),
      ].map(([organizationId, name]) => {
        const b = valueIn(beforeResults, organizationId);
        const a = valueIn(afterResults, organizationId);
        return {
          organizationId,
          name,
          before: b,
          after: a,
          verdict: verdictOf(b, a, indicator.unit, indicator.direction),
        };
      });
      const b = before ? valueIn(beforeResults, null) : null;
      const a = after ? valueIn(afterResults, null) : null;
      effects.push({
        programId: link.programId,
        indicatorCode: indicator.code,
        name: indicator.name,
        unit: indicator.unit,
        before: before ? { campaignId: before.id, year: before.year, value: b } : null,
        after: after ? { campaignId: after.id, year: after.year, value: a } : null,
        verdict: verdictOf(b, a, indicator.unit, indicator.direction),
        organizations,
      });
    }
    out.push({
      measureId: m.id,
      number: m.number,
      title: m.title,
      status: m.status,
      date,
      indicators: effects,
      verdict: overallVerdict(effects.map((e) => e.verdict)),
    });
  }
  return { roadmapId: roadmap.id, title: roadmap.title, measures: out };
}
