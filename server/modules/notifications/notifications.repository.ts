import { inOrder } from '../../db/in-order.ts';
import { and, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { notifications } from '../../db/schema/index.ts';

/** In-app notifications: the bell in the header. */
export async function notifyUsers(
  db: Db,
  userIds: number[],
  message: { title: string; body: string; link?: string },
) {
  const unique = [...new Set(userIds)];
  if (!unique.length) return;
  await db
    .insert(notifications)
    .values(unique.map((userId) => ({ userId, ...message, link: message.link ?? null })));
}

export async function listNotifications(db: Db, userId: number) {
  const [rows, [{ unread }]] = await inOrder([
    db
      .select()
      .from(notifications)
      .where(eq(notifications.userId, userId))
      .orderBy(desc(notifications.id))
      .limit(50),
    db
      .select({ unread: sql<number>`count(*)::int` })
      .from(notifications)
      .where(and(eq(notifications.userId, userId), isNull(notifications.readAt))),
  ]);
  return {
    unread,
    items: rows.map((n) => ({
      id: n.id,
      createdAt: n.createdAt.toISOString(),
      title: n.title,
      body: n.body,
      link: n.link,
      isRead: n.readAt !== null,
    })),
  };
}

export async function markRead(db: Db, userId: number, ids: number[] | 'all') {
  const own = eq(notifications.userId, userId);
  await db
    .update(notifications)
    .set({ readAt: new Date() })
    .where(
      ids === 'all'
        ? and(own, isNull(notifications.readAt))
        : and(own, inArray(notifications.id, ids.length ? ids : [-1])),
    );
}
