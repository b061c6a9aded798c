import { and, desc, eq, ilike, isNull, lte } from 'drizzle-orm';
import { AlignmentType, Document } from 'docx';
import { formatRuDate } from '../../../core/dates.ts';
import { countOf, ORGANIZATION_FORMS } from '../../../core/format.ts';
import type { Db } from '../../db/client.ts';
import { municipalities, normativeActs, regions } from '../../db/schema/index.ts';
import { notFound } from '../../errors.ts';
import { type AuthUser } from '../auth/access.ts';
import { assertDepartment } from '../campaigns/campaigns.policy.ts';
import { findParticipants } from '../campaigns/campaigns.repository.ts';
import { requireCampaign } from '../campaigns/campaigns.service.ts';
import { findProgramTree } from '../programs/programs.repository.ts';
import {
  documentStyles,
  GOST_MARGINS,
  heading,
  letterhead,
  numbered,
  packDocx,
  pageNumberFooter,
  para,
  table,
  TEXT_WIDTH,
} from './docx-kit.ts';

/**
 * The announcement letter of a campaign (информационное письмо о мониторинге, seed 000): to the heads of the
 * participating organizations, on the basis of the department's order, with the goal, the dates, the
 * indicators asked for, how to fill the form in pedmonitor, who answers at the department, and the
 * participants. Its text is built first (so a test reads exactly what the document says), then laid out.
 */

export interface AnnouncementContent {
  letterhead: {
    name: string;
    regionName: string;
    departmentName: string;
    address: string | null;
    phone: string | null;
    email: string | null;
    requisites: string | null;
  };
  addressee: string;
  title: string;
  paragraphs: string[];
  indicators: { criterion: string; code: string; name: string; asked: string }[];
  participants: string[];
  signer: { position: string; name: string };
  executor: string;
}

export async function buildAnnouncementContent(options: {
  db: Db;
  user: AuthUser;
  campaignId: number;
  /** The address of pedmonitor the heads open (the request's origin). */
  appUrl: string;
}): Promise<AnnouncementContent> {
  const { db, user } = options;
  const campaign = await requireCampaign(db, options.campaignId);
  assertDepartment(user, campaign.municipalityId);
  const [municipality] = await db
    .select({ m: municipalities, regionName: regions.name })
    .from(municipalities)
    .innerJoin(regions, eq(regions.id, municipalities.regionId))
    .where(eq(municipalities.id, campaign.municipalityId));
  if (!municipality) throw notFound('Муниципалитет');
  const tree = await findProgramTree(db, campaign.programId);
  if (!tree) throw notFound('Программа мониторинга');
  const participants = await findParticipants(db, campaign.id);
  const [order] = await db
    .select()
    .from(normativeActs)
    .where(
      and(
        eq(normativeActs.municipalityId, campaign.municipalityId),
        isNull(normativeActs.organizationId),
        ilike(normativeActs.title, '%мониторинг%'),
        lte(normativeActs.date, campaign.initialStart),
      ),
    )
    .orderBy(desc(normativeActs.date), desc(normativeActs.id))
    .limit(1);
  const m = municipality.m;
  const basis = order
    ? `приказа ${m.departmentName} от ${formatRuDate(order.date)} № ${order.number} «${order.title}»`
    : `приказа ${m.departmentName} от «___» ________ ${campaign.year} г. № ____`;
  const goals = tree.program.goals?.length ? tree.program.goals : [];
  const criterionOf = new Map(tree.criteria.map((c) => [c.id, c.title]));
  const fields = new Map(tree.formFields.map((f) => [f.code, f.label]));
  const asked = (numerator: string, denominator: string | null) => {
    const codes = [...`${numerator} ${denominator ?? ''}`.matchAll(/form\("([a-z0-9_]+)"\)/g)].map(
      (x) => x[1],
    );
    const labels = [...new Set(codes)].map((c) => fields.get(c) ?? c);
    return labels.length
      ? `в форме: ${labels.join('; ')}`
      : 'рассчитывается по реестру педагогов — проверьте актуальность сведений';
  };
  const paragraphs = [
    `${m.departmentName} на основании ${basis} проводит мониторинг «${campaign.title}» (программа «${tree.program.title}»).`,
    ...(goals.length
      ? [`Цель мониторинга: ${goals.join('; ')}.`]
      : tree.program.description
        ? [`Цель мониторинга: ${tree.program.description}`]
        : []),
    `Сроки: начало мониторинга — ${formatRuDate(campaign.initialStart)}; сбор данных — с ${formatRuDate(campaign.mainStart)} по ${formatRuDate(campaign.mainEnd)} (форму необходимо отправить не позднее ${formatRuDate(campaign.mainEnd)}); обработка и анализ результатов — до ${formatRuDate(campaign.finalEnd)}.`,
    `Прошу обеспечить заполнение формы мониторинга в системе pedmonitor (${options.appUrl}): войдите под учётной записью организации, откройте раздел «Мониторинг», выберите «${campaign.title}», проверьте сведения о педагогах в реестре, заполните поля формы и нажмите «Отправить». После отправки форму проверит муниципальный координатор; при возврате исправьте отмеченные поля и отправьте форму повторно.`,
    `Показатели мониторинга (${tree.indicators.length}) и что требуется от организации приведены в таблице. Участвуют ${countOf(participants.length, ORGANIZATION_FORMS)} (список прилагается).`,
    'По итогам мониторинга будут подготовлены аналитическая справка, адресные рекомендации организациям и управленческие решения.',
    `Ответственный в отделе образования: ${user.fullName}${m.departmentPhone ? `, тел. ${m.departmentPhone}` : ''}${m.departmentEmail ? `, ${m.departmentEmail}` : ''}.`,
  ];
  return {
    letterhead: {
      name: m.name,
      regionName: municipality.regionName,
      departmentName: m.departmentName,
      address: m.departmentAddress,
      phone: m.departmentPhone,
      email: m.departmentEmail,
      requisites: m.departmentRequisites,
    },
    addressee: 'Руководителям образовательных организаций',
    title: `О проведении мониторинга «${campaign.title}»`,
    paragraphs,
    indicators: tree.indicators.map((i) => ({
      criterion: criterionOf.get(i.criterionId) ?? '',
      code: i.code,
      name: i.name,
      asked: asked(i.numerator, i.denominator),
    })),
    participants: participants.map((p) => p.organizationName),
    signer: { position: m.headPosition ?? 'Начальник отдела образования', name: m.headName ?? '' },
    executor: user.fullName,
  };
}

const SIZE = 26;

export async function buildAnnouncementDocx(content: AnnouncementContent): Promise<Buffer> {
  const document = new Document({
    title: content.title,
    creator: 'pedmonitor',
    styles: documentStyles(SIZE),
    sections: [
      {
        properties: { page: { margin: GOST_MARGINS } },
        footers: { default: pageNumberFooter() },
        children: [
          ...letterhead(content.letterhead),
          para(content.addressee, { align: AlignmentType.RIGHT, before: 240, after: 240, size: SIZE }),
          para(content.title, { bold: true, align: AlignmentType.LEFT, after: 240, size: SIZE }),
          para('Уважаемые руководители!', { align: AlignmentType.CENTER, after: 120, size: SIZE }),
          ...content.paragraphs.map((p) => para(p, { indent: true, size: SIZE })),
          heading('Показатели мониторинга', 2),
          table(
            ['Критерий', 'Код', 'Показатель', 'Что требуется от организации'],
            content.indicators.map((i) => [i.criterion, i.code, i.name, i.asked]),
            [
              Math.round(TEXT_WIDTH * 0.22),
              Math.round(TEXT_WIDTH * 0.1),
              Math.round(TEXT_WIDTH * 0.38),
              Math.round(TEXT_WIDTH * 0.3),
            ],
          ),
          heading('Участники мониторинга', 2),
          ...content.participants.map((name, i) => numbered(i + 1, name, SIZE)),
          para(`${content.signer.position}\t${content.signer.name}`, {
            before: 480,
            align: AlignmentType.LEFT,
            size: SIZE,
          }),
          para(`Исп.: ${content.executor}`, { before: 600, align: AlignmentType.LEFT, size: 20 }),
        ],
      },
    ],
  });
  return packDocx(document, []);
}
