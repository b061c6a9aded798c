import { inArray } from 'drizzle-orm';
import type { IsoDate } from '../../../core/dates.ts';
import type { Db } from '../../db/client.ts';
import { organizations } from '../../db/schema/index.ts';
import { AppError, forbidden } from '../../errors.ts';
import type { AuthUser } from '../auth/access.ts';
import { findSpecialistOfUser } from '../registers/specialists/specialists.repository.ts';
import { fullNameOf, loadTeacherContext, type TeacherContext } from '../teachers/teacher-access.ts';
import { findRouteById, findRoutesSupervisedBy, type RouteRow } from './iom.repository.ts';
import type { RouteViewOutput } from './iom.schema.ts';
import { presentRoutes } from './route-view.ts';

export const NOT_A_SPECIALIST_MESSAGE =
  'Сопровождаемые маршруты видит специалист методической службы, у которого есть учётная запись в реестре.';

async function requireSpecialist(db: Db, user: AuthUser) {
  const specialist = user.id > 0 ? await findSpecialistOfUser(db, user.id) : undefined;
  if (!specialist) throw forbidden(NOT_A_SPECIALIST_MESSAGE);
  return specialist;
}

async function organizationNames(db: Db, ids: number[]) {
  if (!ids.length) return new Map<number, string>();
  const rows = await db
    .select({ id: organizations.id, shortName: organizations.shortName })
    .from(organizations)
    .where(inArray(organizations.id, ids));
  return new Map(rows.map((r) => [r.id, r.shortName]));
}

/** Routes with their teacher's name and workplace and the caller's part in them (curator, tutor). */
async function presentSupervised(
  db: Db,
  user: AuthUser,
  specialistId: number,
  rows: RouteRow[],
  today: IsoDate,
) {
  const out: RouteViewOutput[] = [];
  const contexts: TeacherContext[] = [];
  for (const route of rows) {
    const ctx = await loadTeacherContext(db, user, route.teacherId, today);
    contexts.push(ctx);
    out.push((await presentRoutes(db, [route], { user, ctx, today }))[0]);
  }
  const names = await organizationNames(
    db,
    contexts.map((c) => c.organizationId).filter((id): id is number => id !== null),
  );
  return out.map((view, i) => ({
    ...view,
    teacher: {
      id: contexts[i].teacher.id,
      fullName: fullNameOf(contexts[i].teacher),
      organizationShortName: names.get(contexts[i].organizationId ?? 0) ?? null,
    },
    asCurator: rows[i].curatorId === specialistId,
    asTutor: rows[i].tutorId === specialistId,
  }));
}

/** The ИОМ a specialist of the methodical service supervises as curator or tutor: «Мои маршруты». */
export async function listSupervisedRoutes(options: { db: Db; user: AuthUser; today: IsoDate }) {
  const { db, user } = options;
  const specialist = await requireSpecialist(db, user);
  return presentSupervised(
    db,
    user,
    specialist.id,
    await findRoutesSupervisedBy(db, specialist.id),
    options.today,
  );
}

/** One supervised route: its steps, progress and approvals; a route the specialist does not supervise is refused. */
export async function getSupervisedRoute(options: {
  db: Db;
  user: AuthUser;
  routeId: number;
  today: IsoDate;
}) {
  const { db, user } = options;
  const specialist = await requireSpecialist(db, user);
  const route = await findRouteById(db, options.routeId);
  if (!route) throw new AppError('not_found', 'ИОМ не найден: возможно, его уже удалили.');
  if (route.curatorId !== specialist.id && route.tutorId !== specialist.id)
    throw forbidden('Этот маршрут сопровождает другой куратор или тьютор.');
  return (await presentSupervised(db, user, specialist.id, [route], options.today))[0];
}
