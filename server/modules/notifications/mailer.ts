import nodemailer from 'nodemailer';
import { z } from 'zod';
import type { Db } from '../../db/client.ts';
import { AppError } from '../../errors.ts';
import { readSetting } from '../settings/settings.repository.ts';

export const SmtpSettings = z.object({
  host: z.string().trim().min(1, 'укажите адрес SMTP-сервера'),
  port: z.number().int().min(1).max(65535),
  secure: z.boolean().default(false),
  user: z.string().trim().max(200).optional().default(''),
  password: z.string().max(500).optional().default(''),
  from: z.string().trim().min(3, 'укажите адрес отправителя, например «Отдел образования <roo@example.ru>»'),
});
export type SmtpSettings = z.infer<typeof SmtpSettings>;

export const SMTP_KEY = 'smtp';

export interface MailAttachment {
  filename: string;
  content: Buffer;
  contentType: string;
}

/** Sends one e-mail through the SMTP server configured in the settings. */
export async function sendMail(
  db: Db,
  message: { to: string[]; subject: string; text: string; attachments?: MailAttachment[] },
) {
  const smtp = await readSetting<SmtpSettings>(db, SMTP_KEY);
  if (!smtp)
    throw new AppError('conflict', 'Почтовый сервер не настроен: укажите его в разделе «Настройки».');
  const transport = nodemailer.createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.secure,
    auth: smtp.user ? { user: smtp.user, pass: smtp.password } : undefined,
    tls: { rejectUnauthorized: false },
    connectionTimeout: 10_000,
  });
  try {
    await transport.sendMail({
      from: smtp.from,
      to: message.to.join(', '),
      subject: message.subject,
      text: message.text,
      attachments: message.attachments,
    });
  } finally {
    transport.close();
  }
}
