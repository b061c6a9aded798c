import type { IsoDate } from '../../../core/dates.ts';
import type { Db } from '../../db/client.ts';
import { notFound } from '../../errors.ts';
import type { AuthUser } from '../auth/access.ts';
import { resolveTeacherAccess, type TeacherAccess, type TeacherFacts } from './teachers.policy.ts';
import { findTeacherById, findTeacherFacts, type TeacherRow } from './teachers.repository.ts';

/**
 * A teacher with what the caller may do with it: the starting point of every card and record use case.
 * «Today» (which jobs are current) comes from the route, as in every module: the configuration may fix it.
 */
export interface TeacherContext {
  teacher: TeacherRow;
  facts: TeacherFacts;
  access: TeacherAccess | null;
  /** The organization the audit log files an entry under: a current job, else any job. */
  organizationId: number | null;
  /** The day the context was judged on: ages, experience and current jobs of the card use it too. */
  today: IsoDate;
}

export async function loadTeacherContext(
  db: Db,
  user: AuthUser,
  teacherId: number,
  today: IsoDate,
): Promise<TeacherContext> {
  const teacher = await findTeacherById(db, teacherId);
  if (!teacher) throw notFound('Педагог');
  const facts = await findTeacherFacts(db, teacher);
  const current = facts.positions.filter((p) => p.endDate === null || p.endDate >= today);
  return {
    teacher,
    facts,
    access: resolveTeacherAccess(user, facts, today),
    organizationId: (current[0] ?? facts.positions[0])?.organizationId ?? null,
    today,
  };
}

export const fullNameOf = (t: Pick<TeacherRow, 'lastName' | 'firstName' | 'middleName'>) =>
  [t.lastName, t.firstName, t.middleName].filter(Boolean).join(' ');

/** «Иванова М. П.» for audit summaries. */
export const shortNameOf = (t: Pick<TeacherRow, 'lastName' | 'firstName' | 'middleName'>) =>
  [t.lastName, `${t.firstName[0]}.`, t.middleName ? `${t.middleName[0]}.` : ''].filter(Boolean).join(' ');
