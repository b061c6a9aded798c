import { isoDate, type IsoDate } from '../../core/dates.ts';
import type { Db } from '../db/client.ts';
import { systemAdmin, type Actor } from '../modules/auth/access.ts';
import { findRecommendations } from '../modules/analysis/analysis.repository.ts';
import { generateConclusions } from '../modules/analysis/conclusions.service.ts';
import {
  addRecommendation,
  generateRecommendations,
  updateRecommendation,
} from '../modules/analysis/recommendations.service.ts';
import { updateReportSettings } from '../modules/analysis/report.service.ts';
import { createDecision } from '../modules/management/decisions.service.ts';
import {
  createRoadmapFromTemplate,
  getRoadmap,
  updateMeasure,
} from '../modules/management/roadmaps.service.ts';

const actor: Actor = { user: systemAdmin('seed'), requestId: 'seed' };

/**
 * The management cycle of the demo: the analysis of the closed campaigns (conclusions, recommendations, a
 * published report), seed 001's roadmap linked to the program's indicators with measures carried out
 * between the two campaigns, and the decisions that followed — so the effect analysis shows something real.
 */
export async function seedDemoManagement(options: {
  db: Db;
  municipalityId: number;
  programId: number;
  closedCampaigns: { id: number; year: number }[];
}) {
  const { db, municipalityId } = options;
  const closed = [...options.closedCampaigns].sort((a, b) => a.year - b.year);
  if (!closed.length) return;
  for (const c of closed) {
    await generateConclusions({ db, actor, campaignId: c.id });
    await generateRecommendations({ db, actor, campaignId: c.id });
  }
  const [first] = closed;
  const last = closed[closed.length - 1];
  // A recommendation to a group of organizations, as seed 002 addresses its own: the schools of ШНОР and ШССУ.
  await addRecommendation({
    db,
    actor,
    campaignId: last.id,
    values: {
      organizationId: null,
      audience: { kinds: ['school'], groups: ['lowResults', 'hardSocial'] },
      text: 'Обеспечить повышение квалификации педагогов по вопросам работы со школами с низкими образовательными результатами и функционирующими в неблагоприятных социальных условиях.',
      deadline: isoDate(last.year + 1, 12, 1),
      responsible: 'руководители ОО, заместители руководителей по учебно-воспитательной работе',
    },
  });
  await updateReportSettings({
    db,
    actor,
    campaignId: last.id,
    values: {
      isPublished: true,
      letterNumber: '768',
      letterDate: isoDate(last.year + 1, 7, 12),
      introduction: `Итоги мониторинга системы обеспечения профессионального развития педагогических работников за ${last.year} год: значения показателей по району и организациям, выводы и адресные рекомендации.`,
    },
  });

  // Seed 001's roadmap from the first campaign's autumn; measures done between the two campaigns.
  const roadmap = await createRoadmapFromTemplate({
    db,
    actor,
    municipalityId,
    programId: options.programId,
    startYear: first.year,
  });
  const view = await getRoadmap({ db, user: actor.user!, id: roadmap.id });
  const between = (month: number, day: number): IsoDate => isoDate(first.year + 1, month, day);
  const done: Record<string, { doneOn: IsoDate; evidence: { title: string; url: string }[] }> = {
    'I.1': {
      doneOn: between(8, 25),
      evidence: [
        {
          title: 'Приказ № 305 «О мерах поддержки молодых педагогов»',
          url: 'https://prirechensky.example.ru/docs/305',
        },
      ],
    },
    'IV.1': {
      doneOn: between(3, 15),
      evidence: [
        {
          title: 'Банк профессиональных дефицитов педагогов',
          url: 'https://prirechensky.example.ru/metod/deficits',
        },
      ],
    },
    'II.5': {
      doneOn: between(4, 20),
      evidence: [
        {
          title: 'Муниципальная конференция «Лучшие педагогические практики»',
          url: 'https://prirechensky.example.ru/news/conference',
        },
      ],
    },
    'II.6': {
      doneOn: between(10, 10),
      evidence: [
        { title: 'Семинар по точечным дефицитам', url: 'https://prirechensky.example.ru/news/seminar' },
      ],
    },
  };
  const toDepartment = (await findRecommendations(db, first.id, null)).filter(
    (r) => r.organizationId === null,
  );
  const fulfilled = new Map<number, string>();
  for (const m of view.measures) {
    const plan = done[m.number];
    const linked = toDepartment
      .filter((r) => m.indicators.some((i) => i.indicatorCode === r.indicatorCode))
      .map((r) => r.id);
    if (plan) {
      await updateMeasure({
        db,
        actor,
        id: m.id,
        values: {
          status: 'done',
          doneOn: plan.doneOn,
          evidence: plan.evidence,
          recommendationIds: linked,
          version: m.version,
        },
      });
      for (const id of linked) fulfilled.set(id, m.number);
    } else if (m.deadlineKind === 'whole_period') {
      await updateMeasure({
        db,
        actor,
        id: m.id,
        values: { status: 'in_progress', recommendationIds: linked, version: m.version },
      });
    }
  }

  for (const [id, number] of fulfilled) {
    const rec = (await findRecommendations(db, first.id, null)).find((r) => r.id === id)!;
    await updateRecommendation({
      db,
      actor,
      id,
      values: {
        status: 'done',
        report: `Выполнено в рамках мероприятия ${number} дорожной карты.`,
        version: rec.version,
      },
    });
  }

  await createDecision({
    db,
    actor,
    values: {
      municipalityId,
      kind: 'order',
      number: '472',
      date: isoDate(first.year, 9, 21),
      title:
        'Об утверждении комплекса мер («дорожной карты») по развитию муниципальной системы обеспечения профессионального развития педагогических работников',
      url: 'https://prirechensky.example.ru/docs/472',
      measureIds: view.measures.map((m) => m.id),
    },
  });
  await createDecision({
    db,
    actor,
    values: {
      municipalityId,
      kind: 'protocol',
      number: '3',
      date: between(7, 28),
      title: `Совещание руководителей образовательных организаций по итогам мониторинга за ${first.year} год`,
      url: 'https://prirechensky.example.ru/docs/protocol-3',
      measureIds: view.measures.filter((m) => done[m.number]).map((m) => m.id),
    },
  });
  await createDecision({
    db,
    actor,
    values: {
      municipalityId,
      kind: 'publication',
      date: isoDate(last.year + 1, 7, 15),
      title: `Публичный отчёт по итогам мониторинга за ${last.year} год`,
      url: `/public/campaigns/${last.id}`,
    },
  });
}
