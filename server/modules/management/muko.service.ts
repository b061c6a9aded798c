import { mapInOrder } from '../../db/in-order.ts';
import { mukoRow, type MukoEvidence, type MukoRow } from '../../../core/management/muko.ts';
import type { Db } from '../../db/client.ts';
import { assertMunicipalityAccess, type AuthUser } from '../auth/access.ts';
import { findConclusions, findRecommendations, findReport } from '../analysis/analysis.repository.ts';
import { findCampaigns } from '../campaigns/campaigns.repository.ts';
import { findMunicipalityById } from '../municipalities/municipalities.repository.ts';
import { findPrograms, findProgramTree } from '../programs/programs.repository.ts';
import { roadmapEffect } from './effect.service.ts';
import { findDecisions, findMeasureLinks, findMeasures, findRoadmaps } from './management.repository.ts';

const plural = (n: number, one: string, few: string, many: string) => {
  const a = n % 10;
  const b = n % 100;
  return `${n} ${b >= 11 && b <= 19 ? many : a === 1 ? one : a >= 2 && a <= 4 ? few : many}`;
};

/**
 * The МУКО self-assessment of a municipality: each element of the management cycle is scored from what
 * exists in pedmonitor, with the evidence links an evaluator can open.
 */
export async function assessMuko(options: {
  db: Db;
  user: AuthUser;
  municipalityId: number;
}): Promise<{ municipality: string; total: number; max: number; rows: MukoRow[] }> {
  const { db, user, municipalityId } = options;
  assertMunicipalityAccess(user, municipalityId, 'read');
  const municipality = await findMunicipalityById(db, municipalityId);
  const programs = (await findPrograms(db, [municipalityId])).filter((p) => !p.isArchived);
  const trees = (await mapInOrder(programs, (p) => findProgramTree(db, p.id))).filter((t) => t !== undefined);
  const campaigns = await findCampaigns(db, [municipalityId]);
  const closed = campaigns.filter((c) => c.status === 'closed');
  const perCampaign = await mapInOrder(campaigns, async (c) => ({
    campaign: c,
    conclusions: await findConclusions(db, c.id),
    recommendations: await findRecommendations(db, c.id, null),
    report: await findReport(db, c.id),
  }));
  const roadmaps = await findRoadmaps(db, [municipalityId]);
  const measures = (await mapInOrder(roadmaps, (r) => findMeasures(db, r.id))).flat();
  const links = await findMeasureLinks(
    db,
    measures.map((m) => m.id),
  );
  const linkedMeasures = measures.filter(
    (m) =>
      links.indicators.some((l) => l.measureId === m.id) ||
      links.recommendations.some((l) => l.measureId === m.id),
  );
  const decisions = await findDecisions(db, [municipalityId]);
  const effects = await mapInOrder(roadmaps, (r) => roadmapEffect({ db, user, roadmapId: r.id }));
  const judged = effects
    .flatMap((e) => e.measures)
    .filter((m) => m.indicators.some((i) => i.before && i.after));

  const programLinks = (n = 5): MukoEvidence[] =>
    trees.slice(0, n).map((t) => ({
      title: `Программа мониторинга «${t.program.title}»`,
      url: `/programs/${t.program.id}`,
    }));
  const published = perCampaign.filter((p) => p.report?.isPublished);
  const publicLinks: MukoEvidence[] = published.map((p) => ({
    title: `Публичный отчёт: ${p.campaign.title}`,
    url: `/public/campaigns/${p.campaign.id}`,
  }));
  const goals = trees.reduce((n, t) => n + t.program.goals.length, 0);
  const indicators = trees.flatMap((t) => t.indicators);
  const withMethods = indicators.filter((i) => i.source?.trim() && i.method?.trim());
  const withConclusions = perCampaign.filter((p) => p.conclusions.length);
  const withRecommendations = perCampaign.filter((p) => p.recommendations.length);

  const rows: MukoRow[] = [
    mukoRow(
      'goals',
      goals > 0,
      goals ? `Цели в программах мониторинга: ${goals}` : 'В программах не указаны цели',
      programLinks(),
    ),
    mukoRow(
      'indicators',
      indicators.length > 0,
      `Показателей с формулами расчёта: ${indicators.length}`,
      programLinks(),
    ),
    mukoRow(
      'methods',
      indicators.length > 0 && withMethods.length === indicators.length,
      `Источник и метод указаны для ${withMethods.length} из ${indicators.length} показателей`,
      trees.map((t) => ({
        title: `Критерии и показатели: источники и методы («${t.program.title}»)`,
        url: `/programs/${t.program.id}?tab=indicators`,
      })),
    ),
    mukoRow(
      'monitoring',
      campaigns.length > 0,
      `Проведено мониторингов: ${campaigns.length}, из них завершено ${closed.length}`,
      [
        ...campaigns.map((c) => ({ title: `Мониторинг: ${c.title}`, url: `/campaigns/${c.id}` })),
        ...publicLinks,
      ],
    ),
    mukoRow(
      'analysis',
      withConclusions.length > 0,
      withConclusions.length
        ? `Выводы сформулированы по ${plural(withConclusions.length, 'мониторингу', 'мониторингам', 'мониторингам')}`
        : 'Выводы по результатам мониторинга не сформулированы',
      [
        ...publicLinks,
        ...withConclusions.map((p) => ({
          title: `Аналитическая справка: ${p.campaign.title}`,
          url: `/api/campaigns/${p.campaign.id}/documents/report.docx`,
        })),
        ...withConclusions.map((p) => ({
          title: `Анализ: ${p.campaign.title}`,
          url: `/campaigns/${p.campaign.id}?tab=analysis`,
        })),
      ],
    ),
    mukoRow(
      'recommendations',
      withRecommendations.length > 0,
      `Адресных рекомендаций: ${withRecommendations.reduce((n, p) => n + p.recommendations.length, 0)}`,
      [
        ...withRecommendations.map((p) => ({
          title: `Письмо «Адресные рекомендации»: ${p.campaign.title}`,
          url: `/api/campaigns/${p.campaign.id}/documents/letters.docx`,
        })),
        ...withRecommendations.map((p) => ({
          title: `Рекомендации: ${p.campaign.title}`,
          url: `/campaigns/${p.campaign.id}?tab=recommendations`,
        })),
        ...publicLinks,
      ],
    ),
    mukoRow(
      'measures',
      linkedMeasures.length > 0,
      `Мероприятий дорожных карт, связанных с показателями и рекомендациями: ${linkedMeasures.length} из ${measures.length}`,
      roadmaps.map((r) => ({ title: `Дорожная карта «${r.title}»`, url: `/roadmaps/${r.id}` })),
    ),
    mukoRow(
      'decisions',
      decisions.length > 0,
      `Управленческих решений: ${decisions.length}`,
      decisions.map((d) => ({
        title: `${d.number ? `№ ${d.number} ` : ''}${d.title}`,
        url: d.url ?? (d.fileId ? `/api/files/${d.fileId}` : '/decisions'),
      })),
    ),
    mukoRow(
      'effect',
      judged.length > 0,
      judged.length
        ? `Эффект оценён по ${plural(judged.length, 'мероприятию', 'мероприятиям', 'мероприятиям')} (показатели до и после)`
        : 'Нет мероприятий с показателями, измеренными до и после',
      [
        ...roadmaps.map((r) => ({
          title: `Анализ эффективности мер: «${r.title}»`,
          url: `/roadmaps/${r.id}?tab=effect`,
        })),
        ...closed.map((c) => ({
          title: `Аналитическая справка с разделом об эффективности мер: ${c.title}`,
          url: `/api/campaigns/${c.id}/documents/report.docx`,
        })),
      ],
    ),
  ];
  return {
    municipality: municipality?.name ?? '',
    total: rows.reduce((n, r) => n + r.score, 0),
    max: rows.length,
    rows,
  };
}
