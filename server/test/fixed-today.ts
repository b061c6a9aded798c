import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { positions } from '../db/schema/index.ts';
import { createTeacher } from '../seed/factories.ts';

/**
 * A fixed «today» (config.fixedToday) before the real date, for tests that what is current is read on the
 * server's today and not on the database's date.
 */
export const FIXED_TODAY = '2026-11-01';

/**
 * A teacher whose main job at `organization` ends on 15.11.2026 — after FIXED_TODAY, before the real date —
 * with a second job (педагог-организатор, 0,5 ставки) at `secondOrganizationId` since 2020: on the fixed today
 * the workplace is the main job; on the database's date only the second job would be left.
 */
export async function createTeacherLeavingAfterToday(
  db: Db,
  organization: { id: number; municipalityId: number },
  secondOrganizationId: number,
  overrides: { lastName: string; title: string },
) {
  const teacher = await createTeacher(db, organization, overrides);
  await db.update(positions).set({ endDate: '2026-11-15' }).where(eq(positions.teacherId, teacher.id));
  await db.insert(positions).values({
    teacherId: teacher.id,
    organizationId: secondOrganizationId,
    title: 'педагог-организатор',
    isMainJob: false,
    rate: 0.5,
    startDate: '2020-09-01',
  });
  return teacher;
}
