import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../../db/client.ts';
import { AppError } from '../../errors.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import type { AuthUser } from './access.ts';
import {
  deleteSession,
  extendSession,
  findActiveSession,
  findGrantsOfUser,
  findUserForLogin,
  insertSession,
} from './auth.repository.ts';
import { verifyPassword } from './passwords.ts';

export const SESSION_COOKIE = 'pm_session';

/** The id a session is stored under: the SHA-256 of its cookie token (the token itself is never stored). */
export const sessionIdOf = (token: string) => createHash('sha256').update(token).digest('hex');
const hashToken = sessionIdOf;

export async function logIn(options: {
  db: Db;
  login: string;
  password: string;
  ttlHours: number;
  ip?: string;
  userAgent?: string;
  requestId?: string;
}): Promise<{ token: string; expiresAt: Date; user: AuthUser }> {
  const { db } = options;
  const row = await findUserForLogin(db, options.login);
  const isValid = await verifyPassword(row?.passwordHash, options.password);
  if (!row || !isValid || !row.isActive) {
    throw new AppError('invalid_credentials', 'Неверный логин или пароль.');
  }
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + options.ttlHours * 3600_000);
  const roles = await findGrantsOfUser(db, row.id);
  const user: AuthUser = {
    id: row.id,
    login: row.login,
    fullName: row.fullName,
    teacherId: row.teacherId,
    roles,
  };
  await db.transaction(async (tx) => {
    await insertSession(tx, {
      id: hashToken(token),
      userId: row.id,
      expiresAt,
      ip: options.ip,
      userAgent: options.userAgent?.slice(0, 300),
    });
    await recordAudit(
      tx,
      { user, requestId: options.requestId },
      {
        action: 'login',
        entity: 'user',
        entityId: row.id,
        summary: `Вход в систему: ${row.login}`,
      },
    );
  });
  return { token, expiresAt, user };
}

/** The user behind a session cookie, or null. Sliding expiry: activity extends the session. */
export async function resolveSession(options: {
  db: Db;
  token: string;
  ttlHours: number;
}): Promise<AuthUser | null> {
  const id = hashToken(options.token);
  const found = await findActiveSession(options.db, id);
  if (!found) return null;
  const now = Date.now();
  if (now - found.session.lastSeenAt.getTime() > 60_000) {
    await extendSession(options.db, id, new Date(now + options.ttlHours * 3600_000));
  }
  return found.user;
}

export async function logOut(options: { db: Db; token: string; user: AuthUser | null; requestId?: string }) {
  await options.db.transaction(async (tx) => {
    await deleteSession(tx, hashToken(options.token));
    if (options.user) {
      await recordAudit(
        tx,
        { user: options.user, requestId: options.requestId },
        {
          action: 'logout',
          entity: 'user',
          entityId: options.user.id,
          summary: `Выход из системы: ${options.user.login}`,
        },
      );
    }
  });
}
