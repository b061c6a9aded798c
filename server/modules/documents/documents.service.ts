import { inOrder } from '../../db/in-order.ts';
import JSZip from 'jszip';
import type { Db } from '../../db/client.ts';
import { AppError } from '../../errors.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { requireUser, type Actor, type AuthUser } from '../auth/access.ts';
import {
  findOrganizationsById,
  findRecommendations,
  findRecommendationsOfOrganizations,
  findReport,
} from '../analysis/analysis.repository.ts';
import { findParticipants, type CampaignRow } from '../campaigns/campaigns.repository.ts';
import { requireCampaign } from '../campaigns/campaigns.service.ts';
import { assertConclusionsVerified } from '../analysis/conclusions.service.ts';
import { chartCount, renderReportCharts } from './charts.ts';
import { loadDocumentData, type DocumentData, type DocumentOrganization } from './documents.data.ts';
import { assertMayGetDocument, assertOrganizationOfCampaign, mayGetOwnLetter } from './documents.policy.ts';
import type { DocumentKind, DocumentRequest } from './documents.schema.ts';
import { safeFileName } from './docx-kit.ts';
import type { DocumentFile, Progress } from './jobs.ts';
import { buildGeneralLetterDocx, buildLettersDocx } from './letter-docx.ts';
import {
  generalLetter,
  letterAddressees,
  organizationLetter,
  recommendationsOf,
  type LetterContent,
} from './letter-content.ts';
import { inAudience } from '../../../core/analysis/audience.ts';
import { audienceRecommendationsOf } from '../analysis/recommendations.service.ts';
import { buildReportDocx, REPORT_TITLE } from './report-docx.ts';
import { buildStatFormsXlsx, statFormSheetCount } from './stat-forms-xlsx.ts';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const DESCRIPTIONS: Record<DocumentKind, { title: string; description: string; format: string }> = {
  report: {
    title: REPORT_TITLE,
    description:
      'Реквизиты отдела, цели, методика (показатели, формулы, источники, этапы, полнота сбора), таблицы значений по организациям, диаграммы, описательная статистика, рейтинг, динамика, выводы, рекомендации и эффективность мер.',
    format: 'DOCX',
  },
  letters: {
    title: 'Письмо «Адресные рекомендации»',
    description:
      'Письмо отдела образования руководителю организации по ГОСТ Р 7.0.97-2016: реквизиты, дата и номер, адресат с фамилией руководителя, сначала результаты и рекомендации самой организации (со сроками), затем кратко выводы по муниципалитету и даты мониторинга, подпись и исполнитель. Одной организации или всем — каждой на отдельной странице.',
    format: 'DOCX',
  },
  'general-letter': {
    title: 'Общее письмо «Руководителям ОО»',
    description:
      'Одно письмо всем руководителям образовательных организаций (как в образце Жирновского района): показатели мониторинга, общие выводы и пронумерованные рекомендации — каждая со своими адресатами (все ОО, тип, ШНОР/ШССУ или список), сроком и ответственными.',
    format: 'DOCX',
  },
  'stat-forms': {
    title: 'Статистические формы',
    description:
      'Книга Excel: сводная таблица значений, лист на каждый критерий с числителем, знаменателем, значением и уровнем, все значения одной таблицей для фильтров и сводных таблиц, описание показателей.',
    format: 'XLSX',
  },
  archive: {
    title: 'Все документы одним архивом',
    description:
      'Справка, письма всем организациям (общим файлом и по отдельности) и статистические формы в одном ZIP-архиве.',
    format: 'ZIP',
  },
};

/** The documents of a campaign the department may generate, with what stands in the way. */
export async function getDocumentCatalog(options: { db: Db; user: AuthUser; campaignId: number }) {
  const { db, user } = options;
  const campaign = await requireCampaign(db, options.campaignId);
  const report = await findReport(db, campaign.id);
  assertMayGetDocument(user, campaign, { kind: 'report' }, { isPublished: report?.isPublished ?? false });
  const [participants, recommendations] = await inOrder([
    () => findParticipants(db, campaign.id),
    () => findRecommendations(db, campaign.id, null),
  ]);
  const members = new Map(
    (
      await findOrganizationsById(
        db,
        participants.map((p) => p.organizationId),
      )
    ).map((o) => [o.id, o]),
  );
  const counts = new Map<number, number>();
  const add = (id: number) => counts.set(id, (counts.get(id) ?? 0) + 1);
  for (const r of recommendations) {
    if (r.organizationId !== null) add(r.organizationId);
    else if (r.audience)
      for (const p of participants) {
        const o = members.get(p.organizationId);
        if (o && inAudience(r.audience, o)) add(o.id);
      }
  }
  const warnings: string[] = [];
  if (campaign.status !== 'closed')
    warnings.push(
      'Мониторинг не закрыт: документы отражают значения на сегодня и изменятся, когда организации отправят формы.',
    );
  if (!counts.size)
    warnings.push(
      'Адресные рекомендации ещё не сформированы: письма будут доступны после вкладки «Рекомендации».',
    );
  if (!report?.letterNumber || !report.letterDate)
    warnings.push(
      'Номер и дата письма не заданы (вкладка «Публикация»): в письмах останутся поля для заполнения.',
    );
  return {
    campaignId: campaign.id,
    isFrozen: campaign.status === 'closed',
    isPublished: report?.isPublished ?? false,
    letterNumber: report?.letterNumber ?? null,
    letterDate: report?.letterDate ?? null,
    documents: (Object.keys(DESCRIPTIONS) as DocumentKind[]).map((kind) => ({ kind, ...DESCRIPTIONS[kind] })),
    addressees: participants
      .filter((p) => counts.has(p.organizationId))
      .map((p) => ({
        id: p.organizationId,
        name: p.organizationName,
        recommendations: counts.get(p.organizationId)!,
      })),
    warnings,
  };
}

/** A prepared generation: the data is read and checked, `total` steps are ahead, `run` makes the file. */
export interface PreparedDocument {
  campaign: CampaignRow;
  kind: DocumentKind;
  total: number;
  run(progress?: Progress): Promise<DocumentFile>;
}

const docxFile = (fileName: string, asciiName: string, data: Buffer): DocumentFile => ({
  fileName: `${safeFileName(fileName)}.docx`,
  asciiName: `${asciiName}.docx`,
  contentType: DOCX,
  data,
});

function lettersFor(data: DocumentData, organizationId: number | undefined): DocumentOrganization[] {
  if (organizationId !== undefined) {
    const organization = data.organizations.find((o) => o.id === organizationId);
    if (!organization) throw new AppError('not_found', 'Организация не участвует в этом мониторинге.');
    if (!recommendationsOf(data, organization).length)
      throw new AppError(
        'conflict',
        `${organization.name}: организации не адресовано ни одной рекомендации — письмо не из чего составить.`,
      );
    return [organization];
  }
  const all = letterAddressees(data);
  if (!all.length)
    throw new AppError(
      'conflict',
      'Адресные рекомендации организациям ещё не сформированы: сформируйте их на вкладке «Рекомендации».',
    );
  return all;
}

/**
 * Reads and checks everything a document needs, so a refusal (no access, no recommendations) answers at
 * once; the returned `run` makes the file, reporting each chart, letter and sheet.
 */
export async function prepareDocument(options: {
  db: Db;
  actor: Actor;
  campaignId: number;
  request: DocumentRequest;
  today: string;
}): Promise<PreparedDocument> {
  const { db, actor, request } = options;
  const user = requireUser(actor.user);
  const campaign = await requireCampaign(db, options.campaignId);
  const report = await findReport(db, campaign.id);
  assertMayGetDocument(user, campaign, request, { isPublished: report?.isPublished ?? false });
  if (request.organizationId !== undefined) {
    const [organization] = await findOrganizationsById(db, [request.organizationId]);
    assertOrganizationOfCampaign(campaign, organization);
  }
  // The справка and the letters carry the conclusions: only ones the data bears out.
  if (request.kind !== 'stat-forms') await assertConclusionsVerified(db, campaign);
  const data = await loadDocumentData({
    db,
    user,
    campaign,
    today: options.today,
    withEffect: request.kind === 'report' || request.kind === 'archive',
  });
  const year = data.campaign.year;
  const noop: Progress = async () => {};
  const audit = (summary: string) =>
    recordAudit(db, actor, {
      action: 'export',
      entity: 'documents',
      entityId: campaign.id,
      municipalityId: campaign.municipalityId,
      organizationId: request.organizationId ?? null,
      summary,
    });

  const charts = chartCount(data);
  const sheets = statFormSheetCount(data);
  const makeReport = async (progress: Progress, offset: number, total: number) => {
    const rendered = await renderReportCharts(data, (done, all) =>
      progress(offset + done, total, `Справка: диаграммы ${done} из ${all}`),
    );
    await progress(offset + charts, total, 'Справка: сборка документа');
    return buildReportDocx(data, rendered);
  };
  const makeLetters = (
    organizations: DocumentOrganization[],
    progress: Progress,
    offset: number,
    total: number,
  ) =>
    buildLettersDocx(data, organizations, (done, all) =>
      progress(offset + done, total, `Письма: ${done} из ${all}`),
    );
  const makeForms = (progress: Progress, offset: number, total: number) =>
    buildStatFormsXlsx(data, (done, all) =>
      progress(offset + done, total, `Статистические формы: лист ${done} из ${all}`),
    );

  switch (request.kind) {
    case 'report': {
      const total = charts + 1;
      return {
        campaign,
        kind: request.kind,
        total,
        async run(progress = noop) {
          const file = docxFile(
            `${REPORT_TITLE} ${year}`,
            `report-${campaign.id}`,
            await makeReport(progress, 0, total),
          );
          await audit('Сформирована сводная аналитическая справка');
          return file;
        },
      };
    }
    case 'letters': {
      const organizations = lettersFor(data, request.organizationId);
      const total = organizations.length;
      const single = organizations.length === 1 && request.organizationId !== undefined;
      return {
        campaign,
        kind: request.kind,
        total,
        async run(progress = noop) {
          const buffer = await makeLetters(organizations, progress, 0, total);
          await audit(
            single
              ? `Сформировано письмо с адресными рекомендациями: ${organizations[0].name}`
              : `Сформированы письма с адресными рекомендациями: ${organizations.length}`,
          );
          return single
            ? docxFile(
                `Адресные рекомендации ${year} ${organizations[0].name}`,
                `letter-${campaign.id}-${organizations[0].id}`,
                buffer,
              )
            : docxFile(`Адресные рекомендации ${year} (все организации)`, `letters-${campaign.id}`, buffer);
        },
      };
    }
    case 'general-letter': {
      return {
        campaign,
        kind: request.kind,
        total: 1,
        async run(progress = noop) {
          const buffer = await buildGeneralLetterDocx(data);
          await progress(1, 1, 'Общее письмо');
          await audit('Сформировано общее письмо «Руководителям ОО»');
          return docxFile(
            `Адресные рекомендации ${year} руководителям ОО`,
            `general-letter-${campaign.id}`,
            buffer,
          );
        },
      };
    }
    case 'stat-forms': {
      return {
        campaign,
        kind: request.kind,
        total: sheets,
        async run(progress = noop) {
          const data = await makeForms(progress, 0, sheets);
          await audit('Сформированы статистические формы');
          return {
            fileName: `${safeFileName(`Статистические формы ${year}`)}.xlsx`,
            asciiName: `stat-forms-${campaign.id}.xlsx`,
            contentType: XLSX,
            data,
          };
        },
      };
    }
    case 'archive': {
      const organizations = letterAddressees(data);
      const total = charts + 1 + organizations.length * 2 + 1 + sheets + 1;
      return {
        campaign,
        kind: request.kind,
        total,
        async run(progress = noop) {
          const zip = new JSZip();
          zip.file(`${safeFileName(`${REPORT_TITLE} ${year}`)}.docx`, await makeReport(progress, 0, total));
          let offset = charts + 1;
          if (organizations.length) {
            zip.file(
              `${safeFileName(`Адресные рекомендации ${year} (все организации)`)}.docx`,
              await makeLetters(organizations, progress, offset, total),
            );
            offset += organizations.length;
            const folder = zip.folder('Письма организациям')!;
            for (const [i, o] of organizations.entries()) {
              folder.file(`${safeFileName(o.name)}.docx`, await buildLettersDocx(data, [o]));
              await progress(
                offset + i + 1,
                total,
                `Архив: отдельные письма ${i + 1} из ${organizations.length}`,
              );
            }
            offset += organizations.length;
          }
          zip.file(
            `${safeFileName(`Адресные рекомендации ${year} руководителям ОО`)}.docx`,
            await buildGeneralLetterDocx(data),
          );
          offset += 1;
          await progress(offset, total, 'Архив: общее письмо');
          zip.file(
            `${safeFileName(`Статистические формы ${year}`)}.xlsx`,
            await makeForms(progress, offset, total),
          );
          await progress(total - 1, total, 'Архив: упаковка');
          // The documents are compressed already; storing them again keeps the archive fast to build.
          const buffer = await zip.generateAsync({ type: 'nodebuffer', compression: 'STORE' });
          await audit('Сформирован архив документов мониторинга');
          return {
            fileName: `${safeFileName(`Документы мониторинга ${year}`)}.zip`,
            asciiName: `documents-${campaign.id}.zip`,
            contentType: 'application/zip',
            data: buffer,
          };
        },
      };
    }
  }
}

/**
 * What a letter says, for the page in the browser: the letter to one organization (its manager, once the
 * results are published, or the department), or without an organization the general letter «Руководителям
 * ОО» (the department). Checked and built as the Word document is: from verified conclusions only.
 */
export async function getLetterContent(options: {
  db: Db;
  actor: Actor;
  campaignId: number;
  organizationId?: number;
  today: string;
}): Promise<LetterContent> {
  const { db, organizationId } = options;
  const user = requireUser(options.actor.user);
  const campaign = await requireCampaign(db, options.campaignId);
  const report = await findReport(db, campaign.id);
  const request: DocumentRequest =
    organizationId === undefined ? { kind: 'general-letter' } : { kind: 'letters', organizationId };
  assertMayGetDocument(user, campaign, request, { isPublished: report?.isPublished ?? false });
  if (organizationId !== undefined) {
    const [organization] = await findOrganizationsById(db, [organizationId]);
    assertOrganizationOfCampaign(campaign, organization);
  }
  await assertConclusionsVerified(db, campaign);
  const data = await loadDocumentData({ db, user, campaign, today: options.today, withEffect: false });
  if (organizationId === undefined) return generalLetter(data);
  return organizationLetter(data, lettersFor(data, organizationId)[0]);
}

/** The letters an organization's manager may download: its own, from campaigns whose results are published. */
export async function listOwnLetters(options: { db: Db; user: AuthUser }) {
  const { db, user } = options;
  const own = user.roles
    .filter((g) => g.role === 'org_manager' && g.organizationId !== null)
    .map((g) => g.organizationId!);
  interface Letter {
    campaignId: number;
    campaignTitle: string;
    campaignYear: number;
    organizationId: number;
    organizationName: string | null;
  }
  const letters = new Map<string, Letter>();
  const add = (r: Letter) => letters.set(`${r.campaignId}|${r.organizationId}`, r);
  for (const r of await findRecommendationsOfOrganizations(db, own))
    if (r.organizationId !== null) add({ ...r, organizationId: r.organizationId });
  // A recommendation to a group (ШНОР, a kind, a list) reaches the school as its letter does (recommendationsOf).
  for (const r of await audienceRecommendationsOf(db, own)) add(r);
  const out = [];
  for (const r of letters.values()) {
    const report = await findReport(db, r.campaignId);
    if (!mayGetOwnLetter(user, r.organizationId, { isPublished: report?.isPublished ?? false })) continue;
    out.push({
      campaignId: r.campaignId,
      campaignTitle: r.campaignTitle,
      campaignYear: r.campaignYear,
      organizationId: r.organizationId,
      organizationName: r.organizationName ?? '',
      url: `/api/campaigns/${r.campaignId}/documents/letters?organizationId=${r.organizationId}`,
    });
  }
  return out.sort((a, b) => b.campaignYear - a.campaignYear);
}
