import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { ageAt, DEFAULT_YOUNG_TEACHER_RULE, formatRuDate, isYoungTeacher } from '../../../core/dates.ts';
import { checkDefinition, questionsOf, type SurveyDefinition } from '../../../core/surveys/definition.ts';
import { surveyResults, type ResponseForResults } from '../../../core/surveys/results.ts';
import { asksSubscale, CBI_SUBSCALES, highBurnoutShares } from '../../../core/surveys/burnout.ts';
import {
  AGE_GROUP_QUESTION,
  ageGroupOf,
  YOUNG_QUESTION,
  type SurveyAudience,
} from '../../../core/surveys/survey.ts';
import type { Db } from '../../db/client.ts';
import {
  surveyAnswerItems,
  surveyInvitations,
  surveyLinks,
  surveyResponses,
  surveyTokens,
  surveyVersions,
  surveys,
  teachers,
} from '../../db/schema/index.ts';
import { AppError, forbidden, notFound, versionConflict } from '../../errors.ts';
import { municipalityScope, organizationScope, type Actor, type AuthUser } from '../auth/access.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { isDepartmentOf } from '../campaigns/campaigns.policy.ts';
import { findResponsibleUsers } from '../campaigns/campaigns.repository.ts';
import { notifyUsers } from '../notifications/notifications.repository.ts';
import { answerItems, validateAnswers } from './answers.ts';
import { assertTrainingQuestions } from './training-catalog.ts';
import {
  anonymousInvitationText,
  forgetAddresses,
  hashToken,
  issueMailedToken,
  newToken,
} from './anonymous-reminders.ts';
import { mailEach } from './survey-reminders.service.ts';
import * as repo from './surveys.repository.ts';
import type { SurveyInput, SurveyUpdate } from './surveys.schema.ts';

// ——— access ———

/** The organizations of the audience a user heads (org_manager), for the surveys they may follow. */
function ownOrganizations(user: AuthUser, survey: repo.SurveyRow): number[] {
  const scope = organizationScope(user, 'manage');
  return survey.audience.organizationIds.filter((id) => scope.organizationIds.includes(id));
}

/**
 * Who sees a survey: the department of its municipality (everything), the head of an organization of the
 * audience (its own organization's rate, notice and results). Nobody else.
 */
export function surveyAccess(
  user: AuthUser,
  survey: repo.SurveyRow,
): { department: boolean; organizationIds: number[] } {
  if (isDepartmentOf(user, survey.municipalityId)) return { department: true, organizationIds: [] };
  const own = ownOrganizations(user, survey);
  if (!own.length) throw forbidden('Нет доступа к этой анкете.');
  return { department: false, organizationIds: own };
}

function assertSurveyDepartment(user: AuthUser, survey: { municipalityId: number }) {
  if (!isDepartmentOf(user, survey.municipalityId))
    throw forbidden('Анкетирование проводит отдел образования муниципалитета.');
}

export async function requireSurvey(db: Db, id: number) {
  const survey = await repo.findSurvey(db, id);
  if (!survey) throw notFound('Анкета');
  return survey;
}

function assertDefinition(definition: SurveyDefinition) {
  const errors = checkDefinition(definition);
  if (errors.length)
    throw new AppError('validation_failed', `Анкета составлена с ошибками: ${errors.join('; ')}.`, {
      errors,
    });
}

async function assertAudience(db: Db, municipalityId: number, audience: SurveyAudience) {
  const found = await repo.findAudienceOrganizations(db, municipalityId, audience.organizationIds);
  if (found.length !== new Set(audience.organizationIds).size)
    throw new AppError('validation_failed', 'Аудитория: выбраны организации не из этого муниципалитета.');
}

function resolveMunicipality(user: AuthUser, requested: number | undefined): number {
  const scope = municipalityScope(user, 'manage');
  if (requested !== undefined) return requested;
  if (scope.ids.length === 1) return scope.ids[0];
  throw new AppError('validation_failed', 'Укажите муниципалитет анкеты.');
}

// ——— the department's use cases ———

export async function listSurveys(db: Db, user: AuthUser) {
  const scope = municipalityScope(user, 'read');
  const rows = await repo.findSurveys(db, {
    municipalityIds: scope.all ? null : scope.ids,
    organizationIds: [],
  });
  return rows
    .filter((s) => {
      try {
        surveyAccess(user, s);
        return true;
      } catch {
        return false;
      }
    })
    .map(presentSurvey);
}

export const presentSurvey = (s: repo.SurveyRow) => ({
  id: s.id,
  municipalityId: s.municipalityId,
  code: s.code,
  title: s.title,
  kind: s.kind,
  audience: s.audience,
  opensOn: s.opensOn,
  closesOn: s.closesOn,
  status: s.status,
  threshold: s.threshold,
  templateCode: s.templateCode,
  isPublic: s.isPublic,
  version: s.version,
});

export async function createSurvey(db: Db, actor: Actor, user: AuthUser, input: SurveyInput) {
  const municipalityId = resolveMunicipality(user, input.municipalityId);
  assertSurveyDepartment(user, { municipalityId });
  assertDefinition(input.definition);
  if (input.closesOn < input.opensOn)
    throw new AppError('validation_failed', 'Дата окончания раньше даты начала анкетирования.');
  return db.transaction(async (tx) => {
    await assertAudience(tx, municipalityId, input.audience);
    await assertTrainingQuestions(tx, municipalityId, input.definition);
    const [existing] = await tx.select({ id: surveys.id }).from(surveys).where(eq(surveys.code, input.code));
    if (existing && (await repo.findSurvey(tx, existing.id))?.municipalityId === municipalityId)
      throw new AppError('conflict', `Код анкеты «${input.code}» уже занят в муниципалитете.`);
    const [survey] = await tx
      .insert(surveys)
      .values({
        municipalityId,
        code: input.code,
        title: input.title,
        kind: input.kind,
        audience: input.audience,
        opensOn: input.opensOn,
        closesOn: input.closesOn,
        threshold: input.threshold,
        templateCode: input.templateCode ?? null,
      })
      .returning();
    await tx.insert(surveyVersions).values({ surveyId: survey.id, number: 1, definition: input.definition });
    await recordAudit(tx, actor, {
      action: 'create',
      entity: 'survey',
      entityId: survey.id,
      municipalityId,
      summary: `Анкета «${survey.title}» (${survey.kind === 'anonymous' ? 'анонимная' : 'именная'})`,
    });
    return survey;
  });
}

export async function getSurvey(db: Db, user: AuthUser, id: number) {
  const survey = await requireSurvey(db, id);
  const access = surveyAccess(user, survey);
  const version = await repo.findCurrentVersion(db, id);
  const rates = (await repo.findResponseRates(db, survey)).filter(
    (r) => access.department || access.organizationIds.includes(r.organization_id),
  );
  return {
    ...presentSurvey(survey),
    definition: version.definition,
    versionNumber: version.number,
    canManage: access.department,
    rates: rates.map((r) => ({
      organizationId: r.organization_id,
      shortName: r.short_name,
      asked: r.asked,
      issued: r.issued,
      answered: r.answered,
      rate: r.asked ? r.answered / r.asked : null,
    })),
  };
}

/**
 * Edits a survey. A draft's questions are replaced in place; an open survey's questions change only with
 * `confirmNewVersion`: a new version is stored and the answers already given keep the version they
 * answered. A closed survey is not edited.
 */
export async function updateSurvey(db: Db, actor: Actor, user: AuthUser, id: number, input: SurveyUpdate) {
  return db.transaction(async (tx) => {
    const survey = await requireSurvey(tx, id);
    assertSurveyDepartment(user, survey);
    if (survey.version !== input.version) throw versionConflict();
    if (survey.status === 'closed')
      throw new AppError('conflict', 'Анкетирование завершено: анкету не изменить.');
    assertDefinition(input.definition);
    if (input.closesOn < input.opensOn)
      throw new AppError('validation_failed', 'Дата окончания раньше даты начала анкетирования.');
    await assertAudience(tx, survey.municipalityId, input.audience);
    await assertTrainingQuestions(tx, survey.municipalityId, input.definition);
    const current = await repo.findCurrentVersion(tx, id);
    const changed = JSON.stringify(current.definition) !== JSON.stringify(input.definition);
    let versionNumber = current.number;
    if (changed) {
      if (survey.status === 'draft') {
        await tx
          .update(surveyVersions)
          .set({ definition: input.definition })
          .where(eq(surveyVersions.id, current.id));
      } else {
        if (!input.confirmNewVersion)
          throw new AppError(
            'conflict',
            'Анкетирование уже идёт: изменение вопросов создаст новую версию анкеты (данные ответы останутся в прежней). Подтвердите изменение.',
            { requiresConfirmation: true },
          );
        versionNumber = current.number + 1;
        await tx
          .insert(surveyVersions)
          .values({ surveyId: id, number: versionNumber, definition: input.definition });
      }
    }
    const [updated] = await tx
      .update(surveys)
      .set({
        title: input.title,
        audience: survey.status === 'draft' ? input.audience : survey.audience,
        opensOn: input.opensOn,
        closesOn: input.closesOn,
        threshold: input.threshold,
        version: survey.version + 1,
      })
      .where(eq(surveys.id, id))
      .returning();
    await recordAudit(tx, actor, {
      action: 'update',
      entity: 'survey',
      entityId: id,
      municipalityId: survey.municipalityId,
      summary: `Анкета «${updated.title}»${changed && survey.status === 'open' ? `: версия ${versionNumber}` : ''}`,
    });
    return { ...presentSurvey(updated), versionNumber };
  });
}

export interface DistributionReport {
  organizations: number;
  people: number;
  emailed: number;
  notified: number;
  message: string;
}

/**
 * Opens a draft and distributes it. Anonymous: a link per organization (the notice with its QR code), the
 * audience's count stored for the response rate, the heads notified, every teacher of the audience e-mailed
 * the organization's link (the same for everyone: nothing personal in it). Named: an invitation with a
 * personal one-time link per person, e-mailed and shown in the app to those with an account.
 */
export async function openSurvey(
  db: Db,
  actor: Actor,
  user: AuthUser,
  id: number,
  options: { today: string; baseUrl: string },
): Promise<DistributionReport> {
  const prepared = await db.transaction(async (tx) => {
    const survey = await requireSurvey(tx, id);
    assertSurveyDepartment(user, survey);
    if (survey.status !== 'draft') throw new AppError('conflict', 'Анкетирование уже начато.');
    const people = (
      await repo.findAudience(tx, survey.municipalityId, survey.audience, options.today)
    ).filter(
      (p) =>
        !survey.audience.youngOnly ||
        isYoungTeacher(
          { birthDate: p.birth_date, pedagogicalStartDate: p.pedagogical_start_date },
          options.today,
          DEFAULT_YOUNG_TEACHER_RULE,
        ),
    );
    if (!people.length)
      throw new AppError('conflict', 'В аудитории анкеты нет ни одного человека: проверьте отбор.');
    const letters: { to: string; subject: string; text: string }[] = [];
    const notices: { userId: number; link: string }[] = [];
    const subject = `Анкетирование: ${survey.title}`;
    const until = `до ${formatRuDate(survey.closesOn)}`;
    if (survey.kind === 'anonymous') {
      const links = new Map<number, string>();
      for (const orgId of new Set(people.map((p) => p.organization_id))) {
        const code = randomBytes(9).toString('base64url');
        await tx.insert(surveyLinks).values({
          surveyId: id,
          organizationId: orgId,
          code,
          audienceCount: people.filter((p) => p.organization_id === orgId).length,
        });
        links.set(orgId, `${options.baseUrl}/s/o/${code}`);
      }
      const mailed = new Set<string>();
      for (const p of people) {
        const email = (p.email ?? p.user_email)?.trim().toLowerCase();
        const link = links.get(p.organization_id)!;
        if (email && !mailed.has(email)) {
          // A one-time token of its own per address, so that a reminder goes to those who have not used
          // theirs; the response keeps no token (anonymous-reminders.ts).
          mailed.add(email);
          const token = await issueMailedToken(tx, {
            surveyId: id,
            organizationId: p.organization_id,
            email,
          });
          letters.push({
            to: email,
            subject,
            text: anonymousInvitationText(survey.title, until, `${options.baseUrl}/s/${token}`),
          });
        }
        if (p.user_id) notices.push({ userId: p.user_id, link: `/s/o/${link.split('/s/o/')[1]}` });
      }
      const heads = await findResponsibleUsers(tx, [...links.keys()]);
      for (const h of heads) notices.push({ userId: h.userId, link: `/surveys/${id}` });
    } else {
      for (const p of people) {
        const token = newToken();
        const email = p.email ?? p.user_email;
        await tx.insert(surveyInvitations).values({
          surveyId: id,
          organizationId: p.organization_id,
          teacherId: p.teacher_id,
          userId: p.user_id,
          tokenHash: hashToken(token),
          email,
          invitedOn: options.today,
        });
        if (email)
          letters.push({
            to: email,
            subject,
            text: `Просим ответить на именную анкету «${survey.title}» ${until}: ${options.baseUrl}/s/${token}\nСсылка личная, ответить по ней можно один раз.`,
          });
        if (p.user_id) notices.push({ userId: p.user_id, link: `/s/${token}` });
      }
    }
    await tx
      .update(surveys)
      .set({ status: 'open', version: survey.version + 1 })
      .where(eq(surveys.id, id));
    for (const n of notices)
      await notifyUsers(tx, [n.userId], {
        title: subject,
        body: `Ответьте на анкету ${until}.`,
        link: n.link,
      });
    await recordAudit(tx, actor, {
      action: 'open',
      entity: 'survey',
      entityId: id,
      municipalityId: survey.municipalityId,
      summary: `Анкетирование «${survey.title}» начато: ${people.length} чел.`,
    });
    return {
      letters,
      notified: new Set(notices.map((n) => n.userId)).size,
      people: people.length,
      organizations: new Set(people.map((p) => p.organization_id)).size,
    };
  });
  const mail = await mailEach(db, prepared.letters);
  return {
    organizations: prepared.organizations,
    people: prepared.people,
    emailed: mail.sent,
    notified: prepared.notified,
    message:
      `Анкета разослана: ${prepared.people} чел. в ${prepared.organizations} орг.; писем отправлено ${mail.sent}` +
      (mail.failure ? ` (не отправлены: ${mail.failure})` : '') +
      `, уведомлений в системе ${prepared.notified}.`,
  };
}

export async function closeSurvey(db: Db, actor: Actor, user: AuthUser, id: number) {
  const survey = await requireSurvey(db, id);
  assertSurveyDepartment(user, survey);
  if (survey.status !== 'open')
    throw new AppError('conflict', 'Завершить можно только идущее анкетирование.');
  await db
    .update(surveys)
    .set({ status: 'closed', version: survey.version + 1 })
    .where(eq(surveys.id, id));
  await forgetAddresses(db, id);
  await recordAudit(db, actor, {
    action: 'close',
    entity: 'survey',
    entityId: id,
    municipalityId: survey.municipalityId,
    summary: `Анкетирование «${survey.title}» завершено`,
  });
  return { ok: true };
}

// ——— answering (no account for anonymous surveys) ———

function assertOpenOn(survey: repo.SurveyRow, today: string) {
  if (survey.status === 'closed' || today > survey.closesOn)
    throw new AppError('conflict', 'Анкетирование завершено: ответы больше не принимаются.');
  if (survey.status !== 'open' || today < survey.opensOn)
    throw new AppError(
      'conflict',
      `Анкетирование ещё не началось: оно откроется ${formatRuDate(survey.opensOn)}.`,
    );
}

const publicSurvey = (survey: repo.SurveyRow, definition: SurveyDefinition, versionNumber: number) => ({
  title: survey.title,
  kind: survey.kind,
  closesOn: survey.closesOn,
  definition,
  versionNumber,
});

/** The per-organization link opened: the survey, and a new one-time token for this device. */
export async function issueToken(db: Db, code: string, today: string) {
  const link = await repo.findLink(db, code);
  if (!link) throw notFound('Анкета по этой ссылке');
  const survey = await requireSurvey(db, link.surveyId);
  assertOpenOn(survey, today);
  const token = newToken();
  await db
    .insert(surveyTokens)
    .values({ tokenHash: hashToken(token), surveyId: survey.id, organizationId: link.organizationId });
  return { token };
}

const USED = () =>
  new AppError('conflict', 'Ответ по этой ссылке уже отправлен: анкету можно заполнить один раз.');

/** What a token opens: an anonymous one-time token or a named invitation. */
async function findByToken(db: Db, token: string) {
  const tokenHash = hashToken(token);
  const anonymous = await repo.findToken(db, tokenHash);
  if (anonymous)
    return { kind: 'anonymous' as const, tokenHash, surveyId: anonymous.surveyId, isUsed: anonymous.isUsed };
  const invitation = await repo.findInvitationByToken(db, tokenHash);
  if (invitation)
    return {
      kind: 'named' as const,
      tokenHash,
      surveyId: invitation.surveyId,
      isUsed: invitation.answeredOn !== null,
    };
  throw notFound('Анкета по этой ссылке');
}

export async function surveyByToken(db: Db, token: string, today: string) {
  const found = await findByToken(db, token);
  const survey = await requireSurvey(db, found.surveyId);
  if (found.isUsed) throw USED();
  assertOpenOn(survey, today);
  const version = await repo.findCurrentVersion(db, survey.id);
  return publicSurvey(survey, version.definition, version.number);
}

/**
 * Stores a response. The token is marked used in the same statement that checks it (a second request with
 * it gets 409). An anonymous response keeps the organization, the version, the answers and the day only.
 */
export async function submitResponse(db: Db, token: string, raw: Record<string, unknown>, today: string) {
  return db.transaction(async (tx) => {
    const found = await findByToken(tx, token);
    const survey = await requireSurvey(tx, found.surveyId);
    if (found.isUsed) throw USED();
    assertOpenOn(survey, today);
    const version = await repo.findCurrentVersion(tx, survey.id);
    const { answers, errors } = validateAnswers(version.definition, raw);
    if (errors.length) throw new AppError('validation_failed', errors.join('; '), { errors });
    let organizationId: number;
    let teacherId: number | null = null;
    let ageGroup: string | null = null;
    let isYoung: boolean | null = null;
    if (found.kind === 'anonymous') {
      const used = await repo.useToken(tx, found.tokenHash);
      if (!used) throw USED();
      organizationId = used.organizationId;
      ageGroup =
        typeof answers[AGE_GROUP_QUESTION] === 'string' ? (answers[AGE_GROUP_QUESTION] as string) : null;
      const young = answers[YOUNG_QUESTION];
      isYoung = young === 'yes' ? true : young === 'no' ? false : null;
    } else {
      const invitation = await repo.useInvitation(tx, found.tokenHash, today);
      if (!invitation) throw USED();
      organizationId = invitation.organizationId;
      teacherId = invitation.teacherId;
      const [teacher] = await tx.select().from(teachers).where(eq(teachers.id, teacherId));
      if (teacher) {
        ageGroup = ageGroupOf(ageAt(teacher.birthDate, today));
        isYoung = isYoungTeacher(teacher, today, DEFAULT_YOUNG_TEACHER_RULE);
      }
    }
    const [response] = await tx
      .insert(surveyResponses)
      .values({
        surveyId: survey.id,
        versionId: version.id,
        organizationId,
        teacherId,
        answeredOn: today,
        ageGroup,
        isYoung,
        answers,
      })
      .returning({ id: surveyResponses.id });
    const items = answerItems(version.definition, answers);
    if (items.length)
      await tx
        .insert(surveyAnswerItems)
        .values(items.map((i) => ({ ...i, responseId: response.id, surveyId: survey.id, organizationId })));
    return { ok: true, message: 'Спасибо! Ответ принят.' };
  });
}

// ——— results ———

/**
 * The results a user may see: the department — all organizations (or one chosen), a head — their own
 * organization only. Cells below the threshold are hidden by core/surveys/results.ts.
 */
export async function getResults(db: Db, user: AuthUser, id: number, organizationId?: number) {
  const survey = await requireSurvey(db, id);
  const access = surveyAccess(user, survey);
  if (!access.department) {
    if (organizationId && !access.organizationIds.includes(organizationId))
      throw forbidden('Нет доступа к результатам этой организации.');
    organizationId = organizationId ?? access.organizationIds[0];
  }
  const version = await repo.findCurrentVersion(db, id);
  const rows = await repo.findResponsesForResults(db, id, organizationId);
  const responses: ResponseForResults[] = rows.map((r) => ({
    organizationId: r.organization_id,
    organizationName: r.short_name,
    orgKind: r.kind,
    ageGroup: r.age_group,
    isYoung: r.is_young,
    answers: r.answers,
  }));
  return {
    survey: presentSurvey(survey),
    definition: version.definition,
    organizationId: organizationId ?? null,
    results: surveyResults(version.definition, responses, survey.threshold),
    // The share at high risk of burnout per CBI subscale, when the survey asks one (hidden below the threshold).
    burnout: CBI_SUBSCALES.some((sub) => asksSubscale(questionsOf(version.definition), sub))
      ? highBurnoutShares(
          responses.map((r) => r.answers),
          survey.threshold,
        )
      : null,
    rows,
    access,
  };
}
