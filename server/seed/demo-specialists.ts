import type { Db } from '../db/client.ts';
import * as s from '../db/schema/index.ts';

type Specialist = typeof s.methodicalSpecialists.$inferInsert;

/**
 * The methodical service of the demo district: ЦНППМ curators, tutors of the district's methodical office, the
 * department's methodists. The curators' and tutors' surnames are those the demo's routes name (demo-activity.ts).
 */
const DEMO_SPECIALISTS: Omit<Specialist, 'municipalityId'>[] = [
  {
    fullName: 'Степанова Ольга Викторовна',
    roles: ['cnppm_curator'],
    workplace: 'ЦНППМ',
    subjects: ['математика', 'информатика'],
    email: 'stepanova@cnppm.example.ru',
    phone: '+7 (84454) 5-10-01',
  },
  {
    fullName: 'Лысенко Анна Андреевна',
    roles: ['cnppm_curator'],
    workplace: 'ЦНППМ',
    subjects: ['русский язык', 'литература'],
    email: 'lysenko@cnppm.example.ru',
  },
  {
    fullName: 'Дорошенко Елена Николаевна',
    roles: ['cnppm_curator', 'methodist'],
    workplace: 'ИРО',
    subjects: ['начальные классы'],
  },
  {
    fullName: 'Гончарова Татьяна Ивановна',
    roles: ['tutor'],
    workplace: 'Районный методический кабинет (ММС)',
    phone: '+7 (84454) 5-12-40',
  },
  {
    fullName: 'Мирошниченко Светлана Петровна',
    roles: ['tutor', 'mentor_expert'],
    workplace: 'Районный методический кабинет (ММС)',
    subjects: ['биология', 'химия'],
  },
  {
    fullName: 'Фомина Галина Сергеевна',
    roles: ['methodist'],
    workplace: 'Управление образования',
    email: 'fomina@uo.example.ru',
  },
  {
    fullName: 'Кравцова Людмила Юрьевна',
    roles: ['other'],
    otherRole: 'педагог-психолог службы сопровождения',
    workplace: 'ППМС-центр',
    isActive: false,
    notes: 'На пенсии с 2025 года.',
  },
];

/** The specialists of the register, and their ids by surname (how the demo's routes name them). */
export async function seedDemoSpecialists(db: Db, municipalityId: number) {
  const rows = await db
    .insert(s.methodicalSpecialists)
    .values(DEMO_SPECIALISTS.map((p) => ({ ...p, municipalityId })))
    .returning({ id: s.methodicalSpecialists.id, fullName: s.methodicalSpecialists.fullName });
  const bySurname = new Map(rows.map((r) => [r.fullName.split(' ')[0], r]));
  /** The specialist a name typed in the demo's generator stands for («Куратор ЦНППМ Степанова О.В.»). */
  const find = (typed: string | null) => {
    if (!typed) return null;
    const surname = typed.split(' ').find((w) => bySurname.has(w));
    return surname ? bySurname.get(surname)! : null;
  };
  return { curator: rows[0], find };
}
