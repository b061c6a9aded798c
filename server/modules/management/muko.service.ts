import { and, inArray, isNotNull } from 'drizzle-orm';
import { countOf, plural } from '../../../core/format.ts';
import { mapInOrder } from '../../db/in-order.ts';
import { mukoRow, type MukoEvidence, type MukoRow } from '../../../core/management/muko.ts';
import { isPublicNow } from '../../../core/publishing/publication.ts';
import type { Db } from '../../db/client.ts';
import { campaignResults } from '../../db/schema/index.ts';
import { assertMunicipalityAccess, type AuthUser } from '../auth/access.ts';
import { findConclusions, findRecommendations, findReport } from '../analysis/analysis.repository.ts';
import { findCampaigns } from '../campaigns/campaigns.repository.ts';
import { findMunicipalityById } from '../municipalities/municipalities.repository.ts';
import { findPrograms, findProgramTree } from '../programs/programs.repository.ts';
import { roadmapEffect } from './effect.service.ts';
import { findDecisions, findMeasureLinks, findMeasures, findRoadmaps } from './management.repository.ts';
import type { MukoAssessment } from './muko.export.ts';

/** Campaigns of these ids that were closed with computed values for at least one organization. */
async function campaignsWithData(db: Db, ids: number[]): Promise<Set<number>> {
  if (!ids.length) return new Set();
  const rows = await db
    .selectDistinct({ campaignId: campaignResults.campaignId })
    .from(campaignResults)
    .where(
      and(
        inArray(campaignResults.campaignId, ids),
        isNotNull(campaignResults.organizationId),
        isNotNull(campaignResults.value),
      ),
    );
  return new Set(rows.map((r) => r.campaignId));
}

/**
 * The МУКО self-assessment of a municipality: each element of the management cycle is scored from evidence
 * of real use, not from what was merely loaded or created — a program counts once a monitoring ran on it, a
 * monitoring once it was closed with computed values, the analysis and the recommendations once they were
 * made on such a monitoring, measures once under way, decisions once linked to conclusions or measures, the
 * effect once an indicator was measured in two different monitorings around a measure. Each element says
 * why it got 1 or 0, with the evidence links an evaluator can open.
 */
export async function assessMuko(options: {
  db: Db;
  user: AuthUser;
  municipalityId: number;
  /** The day of the assessment: a report counts as public once its publication day has come. */
  today: string;
}): Promise<MukoAssessment> {
  const { db, user, municipalityId, today } = options;
  assertMunicipalityAccess(user, municipalityId, 'read');
  const municipality = await findMunicipalityById(db, municipalityId);
  const programs = (await findPrograms(db, [municipalityId])).filter((p) => !p.isArchived);
  const trees = (await mapInOrder(programs, (p) => findProgramTree(db, p.id))).filter((t) => t !== undefined);
  const campaigns = await findCampaigns(db, [municipalityId]);
  const withData = await campaignsWithData(
    db,
    campaigns.filter((c) => c.status === 'closed').map((c) => c.id),
  );
  const closed = campaigns.filter((c) => withData.has(c.id));
  const used = trees.filter((t) => campaigns.some((c) => c.programId === t.program.id));
  // One query after another: the database handle may be a transaction's single client.
  const perCampaign = [];
  for (const c of closed)
    perCampaign.push({
      campaign: c,
      conclusions: await findConclusions(db, c.id),
      recommendations: await findRecommendations(db, c.id, null),
      report: await findReport(db, c.id),
    });
  const roadmaps = await findRoadmaps(db, [municipalityId]);
  const measures = (await mapInOrder(roadmaps, (r) => findMeasures(db, r.id))).flat();
  const links = await findMeasureLinks(
    db,
    measures.map((m) => m.id),
  );
  const linked = measures.filter(
    (m) =>
      links.indicators.some((l) => l.measureId === m.id) ||
      links.recommendations.some((l) => l.measureId === m.id),
  );
  const linkedMeasures = linked.filter((m) => m.status === 'in_progress' || m.status === 'done');
  const allDecisions = await findDecisions(db, [municipalityId]);
  const decisions = allDecisions.filter((d) => d.conclusionIds.length > 0 || d.measureIds.length > 0);
  const effects = await mapInOrder(roadmaps, (r) => roadmapEffect({ db, user, roadmapId: r.id }));
  const judged = effects
    .flatMap((e) => e.measures)
    .filter((m) =>
      m.indicators.some(
        (i) =>
          i.before?.value != null &&
          i.after?.value != null &&
          i.before.campaignId !== i.after.campaignId &&
          withData.has(i.before.campaignId) &&
          withData.has(i.after.campaignId),
      ),
    );

  const programLinks = (n = 5): MukoEvidence[] =>
    used.slice(0, n).map((t) => ({
      title: `Программа мониторинга «${t.program.title}»`,
      url: `/programs/${t.program.id}`,
    }));
  const published = perCampaign.filter((p) => isPublicNow(p.report, today));
  const publicLinks: MukoEvidence[] = published.map((p) => ({
    title: `Публичный отчёт: ${p.campaign.title}`,
    url: `/public/campaigns/${p.campaign.id}`,
  }));
  const goals = used.reduce((n, t) => n + t.program.goals.length, 0);
  const loadedGoals = trees.reduce((n, t) => n + t.program.goals.length, 0);
  const indicators = used.flatMap((t) => t.indicators);
  const notUsed = 'ни по одной программе не проводился мониторинг';
  const withMethods = indicators.filter((i) => i.source?.trim() && i.method?.trim());
  const withConclusions = perCampaign.filter((p) => p.conclusions.length);
  const withRecommendations = perCampaign.filter((p) => p.recommendations.length);

  const rows: MukoRow[] = [
    mukoRow(
      'goals',
      goals > 0,
      goals
        ? `Цели в программах, по которым проводится мониторинг: ${goals}`
        : loadedGoals
          ? `Цели указаны в программах (${loadedGoals}), но ${notUsed}`
          : 'В программах мониторинга не указаны цели',
      programLinks(),
    ),
    mukoRow(
      'indicators',
      indicators.length > 0,
      indicators.length
        ? `Показателей с формулами расчёта в программах, по которым проводится мониторинг: ${indicators.length}`
        : trees.length
          ? `Показатели есть в программах, но ${notUsed}`
          : 'Нет программ мониторинга с показателями',
      programLinks(),
    ),
    mukoRow(
      'methods',
      indicators.length > 0 && withMethods.length === indicators.length,
      indicators.length
        ? `Источник и метод указаны для ${withMethods.length} из ${indicators.length} ${plural(indicators.length, ['показателя', 'показателей', 'показателей'])}`
        : `Нечего оценивать: ${notUsed}`,
      used.map((t) => ({
        title: `Критерии и показатели: источники и методы («${t.program.title}»)`,
        url: `/programs/${t.program.id}?tab=indicators`,
      })),
    ),
    mukoRow(
      'monitoring',
      closed.length > 0,
      closed.length
        ? `Завершено мониторингов с рассчитанными значениями: ${closed.length} (всего создано ${campaigns.length})`
        : campaigns.length
          ? `Создано мониторингов: ${campaigns.length}, но ни один не завершён с рассчитанными значениями`
          : 'Мониторинги не проводились',
      [
        ...closed.map((c) => ({ title: `Мониторинг: ${c.title}`, url: `/campaigns/${c.id}` })),
        ...publicLinks,
      ],
    ),
    mukoRow(
      'analysis',
      withConclusions.length > 0,
      withConclusions.length
        ? `Выводы сформулированы по ${countOf(withConclusions.length, ['мониторингу', 'мониторингам', 'мониторингам'])}`
        : 'Выводы по результатам завершённого мониторинга не сформулированы',
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
      withRecommendations.length
        ? `Адресных рекомендаций по итогам завершённых мониторингов: ${withRecommendations.reduce((n, p) => n + p.recommendations.length, 0)}`
        : 'Адресные рекомендации по итогам завершённого мониторинга не подготовлены',
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
      linkedMeasures.length
        ? `Мероприятий, связанных с показателями и рекомендациями и начатых или выполненных: ${linkedMeasures.length} из ${measures.length}`
        : linked.length
          ? `Мероприятия связаны с показателями и рекомендациями (${linked.length}), но ни одно не начато`
          : `Ни одно из мероприятий (${measures.length}) не связано с показателями и рекомендациями`,
      roadmaps.map((r) => ({ title: `Дорожная карта «${r.title}»`, url: `/roadmaps/${r.id}` })),
    ),
    mukoRow(
      'decisions',
      decisions.length > 0,
      decisions.length
        ? `Управленческих решений, связанных с выводами или мероприятиями: ${decisions.length}`
        : allDecisions.length
          ? `Решения записаны (${allDecisions.length}), но ни одно не связано с выводами или мероприятиями`
          : 'Управленческие решения не записаны',
      decisions.map((d) => ({
        title: `${d.number ? `№ ${d.number} ` : ''}${d.title}`,
        url: d.url ?? (d.fileId ? `/api/files/${d.fileId}` : '/decisions'),
      })),
    ),
    mukoRow(
      'effect',
      judged.length > 0,
      judged.length
        ? `Эффект оценён по ${countOf(judged.length, ['мероприятию', 'мероприятиям', 'мероприятиям'])} (показатели до и после)`
        : 'Нет мероприятий, показатели которых измерены в двух завершённых мониторингах: до и после',
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
    department: {
      name: municipality?.name ?? '',
      regionName: '',
      departmentName: municipality?.departmentName ?? '',
      address: municipality?.departmentAddress ?? null,
      phone: municipality?.departmentPhone ?? null,
      email: municipality?.departmentEmail ?? null,
      requisites: municipality?.departmentRequisites ?? null,
      headName: municipality?.headName ?? null,
      headPosition: municipality?.headPosition ?? null,
    },
    total: rows.reduce((n, r) => n + r.score, 0),
    max: rows.length,
    rows,
  };
}
