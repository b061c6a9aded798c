import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { todayOf } from '../../config.ts';
import { forbidden } from '../../errors.ts';
import { hasRole, isGlobalAdmin, municipalityScope, requireUser } from '../auth/access.ts';
import { writeSetting, readSetting } from '../settings/settings.repository.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { SMTP_KEY, SmtpSettings, sendMail } from './mailer.ts';
import { listNotifications, markRead } from './notifications.repository.ts';
import { IdParams } from '../../http/fields.ts';
import { assertDepartment } from '../campaigns/campaigns.policy.ts';
import { RemindInput } from '../campaigns/campaigns.schema.ts';
import { requireCampaign } from '../campaigns/campaigns.service.ts';
import { AppError } from '../../errors.ts';
import { remindOrganizations, runReminders } from './reminders.ts';

export async function notificationsRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/notifications',
    { schema: { tags: ['Уведомления'], summary: 'Уведомления пользователя' } },
    async (req) => listNotifications(app.db, requireUser(req.user).id),
  );

  r.post(
    '/api/notifications/read',
    {
      schema: {
        tags: ['Уведомления'],
        summary: 'Отметить прочитанными',
        body: z.object({ ids: z.array(z.number().int()).optional(), all: z.boolean().optional() }),
      },
    },
    async (req) => {
      await markRead(app.db, requireUser(req.user).id, req.body.all ? 'all' : (req.body.ids ?? []));
      return { ok: true };
    },
  );

  const requireSystemAdmin = (user: ReturnType<typeof requireUser>) => {
    if (!isGlobalAdmin(user)) throw forbidden('Настройки почты меняет администратор системы.');
  };

  r.get(
    '/api/settings/smtp',
    { schema: { tags: ['Настройки'], summary: 'Почтовый сервер для напоминаний (пароль не возвращается)' } },
    async (req) => {
      requireSystemAdmin(requireUser(req.user));
      const smtp = await readSetting<SmtpSettings>(app.db, SMTP_KEY);
      return smtp ? { ...smtp, password: smtp.password ? '********' : '' } : null;
    },
  );

  r.put(
    '/api/settings/smtp',
    { schema: { tags: ['Настройки'], summary: 'Задать почтовый сервер', body: SmtpSettings } },
    async (req) => {
      requireSystemAdmin(requireUser(req.user));
      const previous = await readSetting<SmtpSettings>(app.db, SMTP_KEY);
      const password = req.body.password === '********' ? (previous?.password ?? '') : req.body.password;
      await writeSetting(app.db, SMTP_KEY, { ...req.body, password });
      await recordAudit(app.db, req.actor, {
        action: 'update',
        entity: 'settings',
        entityId: SMTP_KEY,
        summary: `Почтовый сервер: ${req.body.host}:${req.body.port}`,
      });
      return { ok: true };
    },
  );

  r.post(
    '/api/settings/smtp/test',
    {
      schema: {
        tags: ['Настройки'],
        summary: 'Отправить пробное письмо',
        body: z.object({ to: z.string().email('некорректный адрес') }),
      },
    },
    async (req) => {
      requireSystemAdmin(requireUser(req.user));
      await sendMail(app.db, {
        to: [req.body.to],
        subject: 'pedmonitor: пробное письмо',
        text: 'Почтовый сервер настроен: напоминания о сроках мониторинга будут приходить на этот адрес.',
      });
      return { ok: true };
    },
  );

  r.post(
    '/api/reminders/run',
    {
      schema: {
        tags: ['Уведомления'],
        summary: 'Разослать напоминания о сроках сейчас (обычно — раз в час автоматически)',
      },
    },
    async (req) => {
      const user = requireUser(req.user);
      if (!hasRole(user, 'admin', 'coordinator'))
        throw forbidden('Рассылку запускает администратор или координатор.');
      // A coordinator reminds the schools of its own municipality, not those of its neighbours.
      const scope = municipalityScope(user, 'manage');
      return runReminders({
        db: app.db,
        today: todayOf(app.config),
        municipalityIds: scope.all ? null : scope.ids,
      });
    },
  );

  r.post(
    '/api/campaigns/:id/remind',
    {
      schema: {
        tags: ['Уведомления'],
        summary:
          'Напомнить выбранным организациям о форме сейчас (по электронной почте и в системе; одной организации — не чаще раза в день)',
        params: IdParams,
        body: RemindInput,
      },
    },
    async (req) => {
      const user = requireUser(req.user);
      const campaign = await requireCampaign(app.db, req.params.id);
      assertDepartment(user, campaign.municipalityId);
      if (campaign.status !== 'active')
        throw new AppError('conflict', 'Мониторинг закрыт: напоминать о форме уже поздно.');
      const report = await remindOrganizations({
        db: app.db,
        campaign,
        organizationIds: req.body.organizationIds,
        today: todayOf(app.config),
        baseUrl: `${req.protocol}://${req.host}`,
      });
      await recordAudit(app.db, req.actor, {
        action: 'remind',
        entity: 'campaign',
        entityId: campaign.id,
        municipalityId: campaign.municipalityId,
        summary: `Напоминания по мониторингу «${campaign.title}»: ${report.message}`,
      });
      return report;
    },
  );
}
