import { eq, inArray } from 'drizzle-orm';
import { Random } from '../../core/random.ts';
import type { Db } from '../db/client.ts';
import { municipalities, positions, regions, users } from '../db/schema/index.ts';
import { AppError } from '../errors.ts';
import { generatePassword } from '../modules/auth/passwords.ts';
import type { DemoAccount } from './demo.ts';
import { DEMO_REGION } from './demo-district.ts';
import { seedDemoRegionalApproval } from './demo-region-approval.ts';
import { createOrganization, createTeacher, createUser } from './factories.ts';
import {
  FATHERS,
  FEMALE_FIRST_NAMES,
  MALE_FIRST_NAMES,
  SURNAMES,
  femaleSurname,
  patronymic,
} from './names.ts';

/**
 * Further municipalities of the demo region (the first start's demo and `pedmonitor seed --region`), so that
 * the regional view has several districts to compare: each with schools, a kindergarten, teachers made with
 * the factories the tests use, all drawn from one seeded generator (the same seed gives the same region), and
 * a coordinator's account, so a municipality of the region can adopt a regional program and run a monitoring.
 */
export const DEMO_REGION_MUNICIPALITIES = [
  {
    name: 'Заречный район',
    schools: 3,
    preschools: 1,
    place: { school: 'Заречная', preschool: 'Заречный', town: 'п. Заречный' },
    login: 'zarechny',
    coordinator: 'Белова Анна Викторовна',
  },
  {
    name: 'Каменский район',
    schools: 2,
    preschools: 1,
    place: { school: 'Каменская', preschool: 'Каменский', town: 'ст. Каменская' },
    login: 'kamensky',
    coordinator: 'Гусев Олег Павлович',
  },
  {
    name: 'Степной район',
    schools: 2,
    preschools: 2,
    place: { school: 'Степная', preschool: 'Степной', town: 'с. Степное' },
    login: 'stepnoy',
    coordinator: 'Лосева Нина Андреевна',
  },
] as const;

/**
 * Teachers of the first district who also work part-time at a school of the second: each district counts them,
 * the region once, so the demo's regional row shows a share over distinct teachers, not the sum of the rows.
 */
const PART_TIMERS = 2;

const SUBJECTS = ['математика', 'русский язык', 'история', 'биология', 'физика', 'английский язык', 'химия'];

export async function seedDemoRegion(options: {
  db: Db;
  seed: number;
  /** The accounts' password; absent: a generated one each, printed once. */
  password?: string;
}) {
  const { db } = options;
  const rng = new Random(options.seed * 7919 + 17);
  const pick = <T>(list: readonly T[]) => rng.pick(list);
  let [region] = await db.select().from(regions).where(eq(regions.name, DEMO_REGION.name)).limit(1);
  if (!region) [region] = await db.insert(regions).values(DEMO_REGION).returning();
  const existing = await db.select().from(municipalities).where(eq(municipalities.regionId, region.id));
  const clash = DEMO_REGION_MUNICIPALITIES.find((m) => existing.some((e) => e.name === m.name));
  if (clash)
    throw new AppError(
      'conflict',
      `Муниципалитет «${clash.name}» демонстрационного региона уже есть в базе.`,
    );
  const taken = await db
    .select({ login: users.login })
    .from(users)
    .where(
      inArray(
        users.login,
        DEMO_REGION_MUNICIPALITIES.map((m) => m.login),
      ),
    );
  if (taken.length)
    throw new AppError(
      'conflict',
      `Учётная запись «${taken[0].login}» демонстрационного региона уже есть в базе.`,
    );
  const created: { id: number; name: string; organizations: number; teachers: number }[] = [];
  const accounts: DemoAccount[] = [];
  /** Per municipality: its first school and the teachers of it, for the part-timers. */
  const firstSchools: { id: number; teacherIds: number[] }[] = [];
  for (const spec of DEMO_REGION_MUNICIPALITIES) {
    const [m] = await db
      .insert(municipalities)
      .values({
        regionId: region.id,
        name: spec.name,
        departmentName: `Отдел образования Администрации ${spec.name.replace('район', 'района')}`,
        headName: `${pick(SURNAMES)} ${pick(MALE_FIRST_NAMES)[0]}. ${pick(FATHERS)[0]}.`,
        headPosition: 'Начальник отдела образования',
      })
      .returning();
    const { place } = spec;
    let teachers = 0;
    const first = { id: 0, teacherIds: [] as number[] };
    const orgs = [
      ...Array.from({ length: spec.schools }, (_, i) => ({
        kind: 'school' as const,
        shortName: `МБОУ ${place.school} СОШ № ${i + 1}`,
        name: `Муниципальное бюджетное общеобразовательное учреждение ${place.school} средняя общеобразовательная школа № ${i + 1}`,
        isLowResults: i === spec.schools - 1,
      })),
      ...Array.from({ length: spec.preschools }, (_, i) => ({
        kind: 'preschool' as const,
        shortName: `МБДОУ ${place.preschool} детский сад № ${i + 1}`,
        name: `Муниципальное бюджетное дошкольное образовательное учреждение ${place.preschool} детский сад № ${i + 1}`,
        isLowResults: false,
      })),
    ];
    for (const [index, o] of orgs.entries()) {
      const org = await createOrganization(db, m.id, {
        ...o,
        address: `${place.town}, ул. Центральная, д. ${rng.int(1, 60)}`,
      });
      const count = o.kind === 'school' ? rng.int(8, 14) : rng.int(4, 7);
      for (let i = 0; i < count; i++) {
        const female = rng.chance(0.8);
        const surname = pick(SURNAMES);
        const birthYear = rng.int(1962, 2000);
        const startYear = Math.min(2025, birthYear + rng.int(21, 30));
        const category = pick(['first', 'highest', 'none'] as const);
        const teacher = await createTeacher(db, org, {
          lastName: female ? femaleSurname(surname) : surname,
          firstName: pick(female ? FEMALE_FIRST_NAMES : MALE_FIRST_NAMES),
          middleName: patronymic(pick(FATHERS), female ? 'female' : 'male'),
          sex: female ? 'female' : 'male',
          birthDate: `${birthYear}-0${rng.int(1, 9)}-1${rng.int(0, 9)}`,
          pedagogicalStartDate: `${startYear}-09-01`,
          qualificationCategory: category,
          categoryDate: category === 'none' ? null : `${rng.int(2021, 2025)}-12-20`,
          title: o.kind === 'school' ? 'учитель' : 'воспитатель',
          subjects: o.kind === 'school' ? [pick(SUBJECTS)] : [],
        });
        if (index === 0) first.teacherIds.push(teacher.id);
        teachers++;
      }
      if (index === 0) first.id = org.id;
    }
    firstSchools.push(first);
    created.push({ id: m.id, name: m.name, organizations: orgs.length, teachers });
    const password = options.password ?? generatePassword();
    await createUser(db, {
      login: spec.login,
      password,
      fullName: spec.coordinator,
      grants: [{ role: 'coordinator', municipalityId: m.id }],
    });
    accounts.push({
      login: spec.login,
      password,
      role: 'coordinator',
      description: `координатор: ${spec.name} (демонстрационный регион)`,
    });
  }
  await db.insert(positions).values(
    firstSchools[0].teacherIds.slice(0, PART_TIMERS).map((teacherId) => ({
      teacherId,
      organizationId: firstSchools[1].id,
      title: 'учитель',
      isMainJob: false,
      rate: 0.5,
      startDate: '2024-09-01',
    })),
  );
  // The first district's results of last year wait in «Приём результатов» of the regional coordinator, the
  // second's are closed beside them (the region compares two), the third adopted the program and has not begun.
  const approval = await seedDemoRegionalApproval({
    db,
    regionId: region.id,
    sentBy: created[0].id,
    closedBy: [created[1].id],
    adoptedBy: [created[2].id],
    year: 2025,
  });
  return { regionId: region.id, regionName: region.name, municipalities: created, accounts, approval };
}
