import { and, eq, inArray, isNotNull, isNull, or, sql } from 'drizzle-orm';
import { nextPracticeStatus, practiceStatus, PRACTICE_TRANSITIONS } from '../../../core/practices.ts';
import { checkPracticeScores } from '../../../core/practices.ts';
import { isPublicNow } from '../../../core/publishing/publication.ts';
import type { Db } from '../../db/client.ts';
import {
  associations,
  campaignReports,
  campaigns,
  deficits,
  events,
  practiceAuthors,
  practiceDeficits,
  practiceEvents,
  practiceReviews,
  practices,
  practiceTransitions,
  teachers,
} from '../../db/schema/index.ts';
import { updateIfVersion } from '../../db/versioned.ts';
import { AppError, forbidden, notFound, versionConflict } from '../../errors.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { requireUser, type Actor, type AuthUser } from '../auth/access.ts';
import { notifyUsers } from '../notifications/notifications.repository.ts';
import { findResponsibleUsers } from '../campaigns/campaigns.repository.ts';
import { defaultMunicipality, findOrganizationOwner } from '../registers/shared/ownership.ts';
import {
  availableActions,
  canEditPractice,
  canReadPractice,
  canReviewPractice,
  isAuthorOrganization,
  isPracticeDepartment,
  mayTakeAction,
  type PracticeFacts,
} from './practices.policy.ts';
import {
  authorsOf,
  deficitsOf,
  eventsOf,
  filesOf,
  findPracticeById,
  findPractices,
  findPublicPractices,
  findReviewerCandidates,
  historyOf,
  reviewsOf,
  type PracticeRow,
} from './practices.repository.ts';
import type {
  CreatePracticeInput,
  ListPracticesQuery,
  PracticeOutput,
  PracticeSummary,
  ReviewInput,
  TransitionInput,
  UpdatePracticeInput,
} from './practices.schema.ts';

export const PRACTICE_NOUN = 'Материал банка практик';

/** An entry with what its rules need: its authors and its reviewers. */
export async function loadPractice(db: Db, id: number) {
  const row = await findPracticeById(db, id);
  if (!row) throw notFound(PRACTICE_NOUN);
  const authors = (await authorsOf(db, [id])).get(id) ?? [];
  const reviewers = await db
    .select({ reviewerId: practiceReviews.reviewerId })
    .from(practiceReviews)
    .where(eq(practiceReviews.practiceId, id));
  const facts: PracticeFacts = {
    municipalityId: row.municipalityId,
    organizationId: row.organizationId,
    status: row.status,
    authorTeacherIds: authors.map((a) => a.id),
    reviewerIds: reviewers.map((r) => r.reviewerId),
  };
  return { row, facts, authors };
}

async function loadReadable(db: Db, user: AuthUser, id: number) {
  const loaded = await loadPractice(db, id);
  if (!canReadPractice(user, loaded.facts))
    throw forbidden(
      'Материал видят его организация, эксперты и отдел образования; в каталоге — после публикации.',
    );
  return loaded;
}

export async function presentSummaries(db: Db, rows: PracticeRow[]): Promise<PracticeSummary[]> {
  const ids = rows.map((r) => r.id);
  const authors = await authorsOf(db, ids);
  const deficitList = await deficitsOf(db, ids);
  return rows.map((row) => ({
    id: row.id,
    municipalityId: row.municipalityId,
    organizationId: row.organizationId,
    organizationShortName: row.organizationShortName,
    title: row.title,
    kind: row.kind,
    subject: row.subject,
    stage: row.stage,
    status: row.status,
    authors: authors.get(row.id) ?? [],
    deficits: deficitList.get(row.id) ?? [],
    isPublic: row.isPublic,
    publishedAt: row.publishedAt?.toISOString() ?? null,
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
  }));
}

export async function listPractices(options: { db: Db; user: AuthUser; query: ListPracticesQuery }) {
  const page = await findPractices(options.db, options.user, options.query);
  return { rows: await presentSummaries(options.db, page.rows), total: page.total };
}

export async function getPractice(options: { db: Db; user: AuthUser; id: number }): Promise<PracticeOutput> {
  const { db, user } = options;
  const { row, facts } = await loadReadable(db, user, options.id);
  const [summary] = await presentSummaries(db, [row]);
  const reviews = await reviewsOf(db, row.id);
  const isDepartment = isPracticeDepartment(user, facts);
  // The author sees the scores and comments; another reviewer's scores stay hidden from a reviewer.
  const shownReviews = reviews.filter(
    (r) =>
      isDepartment ||
      isAuthorOrganization(user, facts) ||
      r.reviewerId === user.id ||
      facts.authorTeacherIds.includes(user.teacherId ?? -1),
  );
  return {
    ...summary,
    description: row.description,
    links: row.links,
    reviewBody: row.reviewBody,
    associationId: row.associationId,
    associationName: row.associationName,
    reason: row.reason,
    files: await filesOf(db, row.id),
    events: await eventsOf(db, row.id),
    reviews: shownReviews.map((r) => ({
      id: r.id,
      reviewerId: r.reviewerId,
      reviewerName: r.reviewerName,
      scores: r.scores,
      total: r.total,
      comment: r.comment,
      reviewedAt: r.reviewedAt?.toISOString() ?? null,
    })),
    history: (await historyOf(db, row.id)).map((h) => ({ ...h, at: h.at.toISOString() })),
    can: {
      edit: canEditPractice(user, facts),
      manage: isDepartment,
      review: canReviewPractice(user, facts),
      actions: availableActions(user, facts),
    },
  };
}

/** Authors are teachers of the municipality's registry; the deficits are of its catalog (or system-wide). */
async function checkLinks(db: Db, municipalityId: number, authorIds?: number[], deficitCodes?: string[]) {
  if (authorIds) {
    const found = await db
      .select({ id: teachers.id })
      .from(teachers)
      .where(and(inArray(teachers.id, authorIds), eq(teachers.municipalityId, municipalityId)));
    if (found.length !== new Set(authorIds).size)
      throw new AppError('validation_failed', 'Авторы: выберите педагогов из реестра муниципалитета.', {
        field: 'authorIds',
      });
  }
  if (deficitCodes?.length) {
    const found = await db
      .select({ code: deficits.code })
      .from(deficits)
      .where(
        and(
          inArray(deficits.code, deficitCodes),
          or(isNull(deficits.municipalityId), eq(deficits.municipalityId, municipalityId)),
        ),
      );
    const known = new Set(found.map((d) => d.code));
    const unknown = deficitCodes.filter((c) => !known.has(c));
    if (unknown.length)
      throw new AppError('validation_failed', `Дефициты: нет в каталоге — ${unknown.join(', ')}.`, {
        field: 'deficitCodes',
      });
  }
}

async function writeLinks(db: Db, practiceId: number, authorIds?: number[], deficitCodes?: string[]) {
  if (authorIds) {
    await db.delete(practiceAuthors).where(eq(practiceAuthors.practiceId, practiceId));
    await db
      .insert(practiceAuthors)
      .values([...new Set(authorIds)].map((teacherId) => ({ practiceId, teacherId })));
  }
  if (deficitCodes) {
    await db.delete(practiceDeficits).where(eq(practiceDeficits.practiceId, practiceId));
    if (deficitCodes.length)
      await db
        .insert(practiceDeficits)
        .values([...new Set(deficitCodes)].map((deficitCode) => ({ practiceId, deficitCode })));
  }
}

export async function createPractice(options: { db: Db; actor: Actor; input: CreatePracticeInput }) {
  const { db, actor, input } = options;
  const user = requireUser(actor.user);
  let municipalityId: number | null;
  if (input.organizationId) {
    const owner = await findOrganizationOwner(db, input.organizationId);
    if (!owner)
      throw new AppError('validation_failed', 'Организация: нет такой организации.', {
        field: 'organizationId',
      });
    municipalityId = owner.municipalityId;
    if (
      !isPracticeDepartment(user, owner) &&
      !isAuthorOrganization(user, { organizationId: input.organizationId })
    )
      throw forbidden('Материал в банк практик подаёт организация автора или отдел образования.');
  } else {
    municipalityId = input.municipalityId ?? defaultMunicipality(user);
    if (municipalityId === null || !isPracticeDepartment(user, { municipalityId }))
      throw forbidden('Материал без организации (муниципальный) добавляет отдел образования.');
  }
  await checkLinks(db, municipalityId, input.authorIds, input.deficitCodes);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(practices)
      .values({
        municipalityId: municipalityId!,
        organizationId: input.organizationId ?? null,
        title: input.title,
        kind: input.kind,
        subject: input.subject ?? null,
        stage: input.stage ?? null,
        description: input.description ?? null,
        links: input.links ?? [],
      })
      .returning({ id: practices.id });
    await writeLinks(tx, row.id, input.authorIds, input.deficitCodes ?? []);
    await tx
      .insert(practiceTransitions)
      .values({ practiceId: row.id, toStatus: 'draft', userName: user.fullName });
    await recordAudit(tx, actor, {
      action: 'create',
      entity: 'practice',
      entityId: row.id,
      municipalityId,
      organizationId: input.organizationId ?? null,
      summary: `В банк практик добавлен материал «${input.title}»`,
    });
    return getPractice({ db: tx, user, id: row.id });
  });
}

export async function updatePractice(options: {
  db: Db;
  actor: Actor;
  id: number;
  input: UpdatePracticeInput;
}) {
  const { db, actor, input } = options;
  const user = requireUser(actor.user);
  const { row, facts } = await loadPractice(db, options.id);
  const isDepartment = isPracticeDepartment(user, facts);
  const { version, isPublic, authorIds, deficitCodes, ...content } = input;
  const changesContent = Object.values({ ...content, authorIds, deficitCodes }).some((v) => v !== undefined);
  if (isPublic !== undefined && !isDepartment)
    throw forbidden('Показывать ли материал на публичной странице, решает координатор.');
  if (changesContent && !canEditPractice(user, facts))
    throw forbidden(
      isDepartment || isAuthorOrganization(user, facts)
        ? `Материал в статусе «${practiceStatus.label[row.status]}» не редактируется: его меняют в черновике или на доработке.`
        : 'Материал редактирует его организация или отдел образования.',
    );
  await checkLinks(db, row.municipalityId, authorIds, deficitCodes);
  return db.transaction(async (tx) => {
    const patch = Object.fromEntries(
      Object.entries({ ...content, isPublic }).filter(([, v]) => v !== undefined),
    ) as Partial<typeof practices.$inferInsert>;
    if (!(await updateIfVersion(tx, practices, row.id, version, patch))) throw versionConflict();
    await writeLinks(tx, row.id, authorIds, deficitCodes);
    await recordAudit(tx, actor, {
      action: 'update',
      entity: 'practice',
      entityId: row.id,
      municipalityId: row.municipalityId,
      organizationId: row.organizationId,
      summary: `Изменён материал банка практик «${row.title}»`,
      after: { ...patch, authorIds, deficitCodes },
    });
    return getPractice({ db: tx, user, id: row.id });
  });
}

export async function removePractice(options: { db: Db; actor: Actor; id: number }) {
  const { db, actor } = options;
  const user = requireUser(actor.user);
  const { row, facts } = await loadPractice(db, options.id);
  if (!isPracticeDepartment(user, facts) && !isAuthorOrganization(user, facts))
    throw forbidden('Материал удаляет его организация или отдел образования.');
  if (row.status !== 'draft')
    throw new AppError(
      'conflict',
      'Удалить можно только черновик: поданный материал отклоняют с указанием причины.',
      {
        field: 'status',
      },
    );
  await db.transaction(async (tx) => {
    await tx.delete(practices).where(eq(practices.id, row.id));
    await recordAudit(tx, actor, {
      action: 'delete',
      entity: 'practice',
      entityId: row.id,
      municipalityId: row.municipalityId,
      organizationId: row.organizationId,
      summary: `Удалён черновик банка практик «${row.title}»`,
    });
  });
}

/** For «take»: the body that reviews and the reviewers, checked against the municipality. */
async function checkReview(db: Db, row: PracticeRow, input: TransitionInput) {
  if (!input.reviewBody)
    throw new AppError(
      'validation_failed',
      'Кто проводит экспертизу: методическое объединение или методический совет.',
      {
        field: 'reviewBody',
      },
    );
  let associationId: number | null = null;
  if (input.reviewBody === 'association') {
    if (!input.associationId)
      throw new AppError('validation_failed', 'Методическое объединение: выберите объединение из реестра.', {
        field: 'associationId',
      });
    const [association] = await db
      .select({ id: associations.id })
      .from(associations)
      .where(
        and(eq(associations.id, input.associationId), eq(associations.municipalityId, row.municipalityId)),
      );
    if (!association)
      throw new AppError(
        'validation_failed',
        'Методическое объединение: нет такого объединения в муниципалитете.',
        {
          field: 'associationId',
        },
      );
    associationId = association.id;
  }
  const reviewerIds = [...new Set(input.reviewerIds ?? [])];
  if (!reviewerIds.length)
    throw new AppError('validation_failed', 'Эксперты: назначьте хотя бы одного эксперта.', {
      field: 'reviewerIds',
    });
  const candidates = new Set((await findReviewerCandidates(db, row.municipalityId)).map((c) => c.id));
  // The candidates query is limited for the picker; check the given ones exactly.
  const unknown = reviewerIds.filter((id) => !candidates.has(id));
  if (unknown.length) {
    const rows =
      await db.execute(sql`select distinct u.id from users u join user_roles ur on ur.user_id = u.id
      where u.id in ${unknown} and u.is_active and (ur.municipality_id = ${row.municipalityId}
        or ur.organization_id in (select id from organizations where municipality_id = ${row.municipalityId})
        or ur.association_id in (select id from associations where municipality_id = ${row.municipalityId}))`);
    if ((rows as unknown as { rows: unknown[] }).rows.length !== unknown.length)
      throw new AppError('validation_failed', 'Эксперты: выберите пользователей этого муниципалитета.', {
        field: 'reviewerIds',
      });
  }
  return { reviewBody: input.reviewBody, associationId, reviewerIds };
}

export async function transitionPractice(options: {
  db: Db;
  actor: Actor;
  id: number;
  input: TransitionInput;
}) {
  const { db, actor, input } = options;
  const user = requireUser(actor.user);
  const { row, facts } = await loadReadable(db, user, options.id);
  const transition = PRACTICE_TRANSITIONS[input.action];
  if (!mayTakeAction(user, facts, input.action))
    throw forbidden(
      transition.by === 'author'
        ? 'Подаёт материал на экспертизу его организация или отдел образования.'
        : `«${transition.label}» — решение отдела образования (координатора).`,
    );
  const next = nextPracticeStatus(row.status, input.action);
  if (!next.ok) throw new AppError('conflict', next.message, { field: 'status' });
  const comment = input.comment ?? null;
  if (transition.needsReason && !comment)
    throw new AppError('validation_failed', `Комментарий: укажите причину («${transition.label}»).`, {
      field: 'comment',
    });
  const review = input.action === 'take' ? await checkReview(db, row, input) : null;
  if (input.action === 'recommend') {
    const done = await db
      .select({ id: practiceReviews.id })
      .from(practiceReviews)
      .where(and(eq(practiceReviews.practiceId, row.id), isNotNull(practiceReviews.total)));
    if (!done.length)
      throw new AppError(
        'conflict',
        'Рекомендовать можно после экспертизы: ни один эксперт ещё не выставил оценку.',
        {
          field: 'status',
        },
      );
  }
  const patch: Partial<typeof practices.$inferInsert> = { status: next.to };
  if (transition.needsReason) patch.reason = comment;
  if (input.action === 'submit') patch.reason = null;
  if (input.action === 'publish') patch.publishedAt = new Date();
  if (review) Object.assign(patch, { reviewBody: review.reviewBody, associationId: review.associationId });
  await db.transaction(async (tx) => {
    if (!(await updateIfVersion(tx, practices, row.id, input.version, patch))) throw versionConflict();
    if (review) {
      // A review given before a return stays; reviewers no longer assigned and still silent are dropped.
      await tx
        .delete(practiceReviews)
        .where(and(eq(practiceReviews.practiceId, row.id), isNull(practiceReviews.total)));
      const kept = new Set(
        (
          await tx
            .select({ reviewerId: practiceReviews.reviewerId })
            .from(practiceReviews)
            .where(eq(practiceReviews.practiceId, row.id))
        ).map((r) => r.reviewerId),
      );
      const fresh = review.reviewerIds.filter((id) => !kept.has(id));
      if (fresh.length)
        await tx
          .insert(practiceReviews)
          .values(fresh.map((reviewerId) => ({ practiceId: row.id, reviewerId })));
      await notifyUsers(tx, review.reviewerIds, {
        title: 'Материал на экспертизу',
        body: `Вам направлен на экспертизу материал «${row.title}».`,
        link: `/practices/${row.id}`,
      });
    }
    await tx.insert(practiceTransitions).values({
      practiceId: row.id,
      fromStatus: row.status,
      toStatus: next.to,
      comment,
      userName: user.fullName,
    });
    await recordAudit(tx, actor, {
      action: 'update',
      entity: 'practice',
      entityId: row.id,
      municipalityId: row.municipalityId,
      organizationId: row.organizationId,
      summary: `Материал «${row.title}»: ${practiceStatus.label[row.status]} → ${practiceStatus.label[next.to]}`,
      before: { status: row.status },
      after: patch,
    });
    if (transition.by === 'department' && row.organizationId !== null) {
      const responsible = await findResponsibleUsers(tx, [row.organizationId]);
      await notifyUsers(
        tx,
        responsible.map((u) => u.userId),
        {
          title: 'Банк практик',
          body: `Материал «${row.title}»: ${practiceStatus.label[next.to]}${comment ? `. ${comment}` : ''}`,
          link: `/practices/${row.id}`,
        },
      );
    }
  });
  return getPractice({ db, user, id: row.id });
}

/** An assigned reviewer scores the entry by the published criteria while it is on review. */
export async function reviewPractice(options: { db: Db; actor: Actor; id: number; input: ReviewInput }) {
  const { db, actor, input } = options;
  const user = requireUser(actor.user);
  const { row, facts } = await loadReadable(db, user, options.id);
  if (!facts.reviewerIds.includes(user.id))
    throw forbidden('Оценку выставляет эксперт, назначенный на этот материал.');
  if (row.status !== 'on_review')
    throw new AppError(
      'conflict',
      `Экспертиза закрыта: материал в статусе «${practiceStatus.label[row.status]}».`,
      {
        field: 'status',
      },
    );
  const checked = checkPracticeScores(input.scores);
  if (!checked.ok) throw new AppError('validation_failed', checked.message, { field: 'scores' });
  await db.transaction(async (tx) => {
    await tx
      .update(practiceReviews)
      .set({
        scores: input.scores,
        total: checked.total,
        comment: input.comment ?? null,
        reviewedAt: new Date(),
        version: sql`${practiceReviews.version} + 1`,
      })
      .where(and(eq(practiceReviews.practiceId, row.id), eq(practiceReviews.reviewerId, user.id)));
    await recordAudit(tx, actor, {
      action: 'update',
      entity: 'practice',
      entityId: row.id,
      municipalityId: row.municipalityId,
      organizationId: row.organizationId,
      summary: `Экспертная оценка материала «${row.title}»: ${checked.total} баллов`,
      after: { scores: input.scores, comment: input.comment ?? null },
    });
  });
  return getPractice({ db, user, id: row.id });
}

/** Events that spread a published or recommended entry: the department links them. */
export async function linkPracticeEvent(options: {
  db: Db;
  actor: Actor;
  id: number;
  eventId: number;
  linked: boolean;
}) {
  const { db, actor } = options;
  const user = requireUser(actor.user);
  const { row, facts } = await loadReadable(db, user, options.id);
  if (!isPracticeDepartment(user, facts))
    throw forbidden('Мероприятия, распространяющие практику, связывает отдел образования.');
  const [event] = await db
    .select({ id: events.id, title: events.title })
    .from(events)
    .where(and(eq(events.id, options.eventId), eq(events.municipalityId, row.municipalityId)));
  if (!event)
    throw new AppError('validation_failed', 'Мероприятие: нет такого мероприятия в муниципалитете.', {
      field: 'eventId',
    });
  await db.transaction(async (tx) => {
    if (options.linked)
      await tx.insert(practiceEvents).values({ practiceId: row.id, eventId: event.id }).onConflictDoNothing();
    else
      await tx
        .delete(practiceEvents)
        .where(and(eq(practiceEvents.practiceId, row.id), eq(practiceEvents.eventId, event.id)));
    await recordAudit(tx, actor, {
      action: 'update',
      entity: 'practice',
      entityId: row.id,
      municipalityId: row.municipalityId,
      organizationId: row.organizationId,
      summary: `Материал «${row.title}»: ${options.linked ? 'связан с мероприятием' : 'отвязан от мероприятия'} «${event.title}»`,
    });
  });
  return getPractice({ db, user, id: row.id });
}

export async function listReviewerCandidates(options: { db: Db; user: AuthUser; id: number; q?: string }) {
  const { facts } = await loadPractice(options.db, options.id);
  if (!isPracticeDepartment(options.user, facts)) throw forbidden('Экспертов назначает отдел образования.');
  return findReviewerCandidates(options.db, facts.municipalityId, options.q);
}

/**
 * The public page of a municipality's practices: only when the municipality has a published report (its
 * public page exists), and only the published entries the coordinator showed there, without persons.
 */
export async function listPublicPractices(db: Db, municipalityId: number, today: string) {
  const reports = await db
    .select({ isPublished: campaignReports.isPublished, publishOn: campaignReports.publishOn })
    .from(campaignReports)
    .innerJoin(campaigns, eq(campaigns.id, campaignReports.campaignId))
    .where(and(eq(campaigns.municipalityId, municipalityId), eq(campaignReports.isPublished, true)));
  // A report waiting for its publication day does not open the public page yet: the rule of the report's
  // own public page, on the server's «today».
  if (!reports.some((report) => isPublicNow(report, today)))
    throw notFound('Публичная страница муниципалитета');
  const rows = await findPublicPractices(db, municipalityId);
  return (await presentSummaries(db, rows)).map((p) => ({
    id: p.id,
    title: p.title,
    kind: p.kind,
    subject: p.subject,
    stage: p.stage,
    organizationShortName: p.organizationShortName,
    // No authors' names: a public page names the district and its schools, never a teacher.
    deficits: p.deficits,
    publishedAt: p.publishedAt,
  }));
}
