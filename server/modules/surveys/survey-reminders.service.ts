import { eq } from 'drizzle-orm';
import { formatRuDate } from '../../../core/dates.ts';
import type { Db } from '../../db/client.ts';
import { surveyInvitations, surveys } from '../../db/schema/index.ts';
import { AppError, forbidden, notFound } from '../../errors.ts';
import type { AuthUser } from '../auth/access.ts';
import { isDepartmentOf } from '../campaigns/campaigns.policy.ts';
import { findResponsibleUsers } from '../campaigns/campaigns.repository.ts';
import { sendMail } from '../notifications/mailer.ts';
import { notifyUsers } from '../notifications/notifications.repository.ts';
import { unusedAddressLetters } from './anonymous-reminders.ts';
import * as repo from './surveys.repository.ts';

/** Letters one by one; stops at the first sign that no SMTP server is configured. */
export async function mailEach(db: Db, letters: { to: string; subject: string; text: string }[]) {
  let sent = 0;
  let failure: string | null = null;
  for (const letter of letters) {
    try {
      await sendMail(db, { to: [letter.to], subject: letter.subject, text: letter.text });
      sent++;
    } catch (error) {
      failure = error instanceof Error ? error.message : String(error);
      if (error instanceof AppError) break; // no SMTP server configured: no point trying the others
    }
  }
  return { sent, failure };
}

/**
 * A reminder, at most one a day per survey. Named: those who have not answered, by e-mail and in the app.
 * Anonymous: what anyone answered is not known — the addresses whose e-mailed one-time token is still
 * unused get a letter with that token again, and the heads of organizations below full response are
 * reminded in the app, to pass the notice on again.
 */
export async function remindSurvey(
  db: Db,
  user: AuthUser,
  id: number,
  options: { today: string; baseUrl: string },
) {
  const survey = await repo.findSurvey(db, id);
  if (!survey) throw notFound('Анкета');
  if (!isDepartmentOf(user, survey.municipalityId))
    throw forbidden('Анкетирование проводит отдел образования муниципалитета.');
  if (survey.status !== 'open')
    throw new AppError('conflict', 'Напоминать можно только об идущем анкетировании.');
  if (survey.remindedOn === options.today)
    throw new AppError('conflict', 'Сегодня напоминание по этой анкете уже отправлено.');
  await db.update(surveys).set({ remindedOn: options.today }).where(eq(surveys.id, id));
  const subject = `Напоминание: анкета «${survey.title}» до ${formatRuDate(survey.closesOn)}`;
  if (survey.kind === 'anonymous') {
    const rates = await repo.findResponseRates(db, survey);
    const behind = rates.filter((r) => r.answered < r.asked).map((r) => r.organization_id);
    const heads = await findResponsibleUsers(db, behind);
    const letters = await unusedAddressLetters(db, {
      survey,
      subject,
      baseUrl: options.baseUrl,
      today: options.today,
    });
    const mail = await mailEach(db, letters);
    await notifyUsers(
      db,
      heads.map((h) => h.userId),
      {
        title: subject,
        body: 'Ответили ещё не все: напомните педагогам о ссылке или QR-коде.',
        link: `/surveys/${id}`,
      },
    );
    return {
      emailed: mail.sent,
      notified: new Set(heads.map((h) => h.userId)).size,
      message:
        `Напомнили руководителям ${behind.length} орг.; писем тем, кто ещё не воспользовался своей ссылкой, — ${mail.sent}` +
        (mail.failure ? ` (не отправлены: ${mail.failure})` : '') +
        '.',
    };
  }
  const pending = await repo.findUnanswered(db, id);
  await db
    .update(surveyInvitations)
    .set({ remindedOn: options.today })
    .where(eq(surveyInvitations.surveyId, id));
  await notifyUsers(
    db,
    pending.flatMap((p) => (p.userId ? [p.userId] : [])),
    { title: subject, body: 'Вы ещё не ответили на анкету: ссылка — в первом уведомлении и в письме.' },
  );
  const mail = await mailEach(
    db,
    pending.flatMap((p) =>
      p.email ? [{ to: p.email, subject, text: `${subject}. Ссылка на анкету — в письме-приглашении.` }] : [],
    ),
  );
  return {
    emailed: mail.sent,
    notified: pending.filter((p) => p.userId).length,
    message: `Напомнили ${pending.length} чел.`,
  };
}
