import { eq } from 'drizzle-orm';
import { Random } from '../../core/random.ts';
import type { Db } from '../db/client.ts';
import { municipalities, regions } from '../db/schema/index.ts';
import { AppError } from '../errors.ts';
import { DEMO_REGION } from './demo-district.ts';
import { seedDemoRegionalApproval } from './demo-region-approval.ts';
import { createOrganization, createTeacher } from './factories.ts';
import {
  FATHERS,
  FEMALE_FIRST_NAMES,
  MALE_FIRST_NAMES,
  SURNAMES,
  femaleSurname,
  patronymic,
} from './names.ts';

/**
 * Further municipalities of the demo region (`pedmonitor seed --region`), so that the regional view has
 * several districts to compare: each with schools, a kindergarten and teachers made with the factories the
 * tests use, all drawn from one seeded generator (the same seed gives the same region).
 */
export const DEMO_REGION_MUNICIPALITIES = [
  { name: 'Заречный район', schools: 3, preschools: 1 },
  { name: 'Каменский район', schools: 2, preschools: 1 },
  { name: 'Степной район', schools: 2, preschools: 2 },
] as const;

const SUBJECTS = ['математика', 'русский язык', 'история', 'биология', 'физика', 'английский язык', 'химия'];

export async function seedDemoRegion(options: { db: Db; seed: number }) {
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
  const created: { id: number; name: string; organizations: number; teachers: number }[] = [];
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
    const town = spec.name.split(' ')[0].replace(/ый$|ий$/, '');
    let teachers = 0;
    const orgs = [
      ...Array.from({ length: spec.schools }, (_, i) => ({
        kind: 'school' as const,
        shortName: `МБОУ ${town} СОШ № ${i + 1}`,
        name: `Муниципальное бюджетное общеобразовательное учреждение ${town} средняя общеобразовательная школа № ${i + 1}`,
        isLowResults: i === spec.schools - 1,
      })),
      ...Array.from({ length: spec.preschools }, (_, i) => ({
        kind: 'preschool' as const,
        shortName: `МБДОУ ${town} детский сад № ${i + 1}`,
        name: `Муниципальное бюджетное дошкольное образовательное учреждение ${town} детский сад № ${i + 1}`,
        isLowResults: false,
      })),
    ];
    for (const o of orgs) {
      const org = await createOrganization(db, m.id, {
        ...o,
        address: `${town}, ул. Центральная, д. ${rng.int(1, 60)}`,
      });
      const count = o.kind === 'school' ? rng.int(8, 14) : rng.int(4, 7);
      for (let i = 0; i < count; i++) {
        const female = rng.chance(0.8);
        const surname = pick(SURNAMES);
        const birthYear = rng.int(1962, 2000);
        const startYear = Math.min(2025, birthYear + rng.int(21, 30));
        const category = pick(['first', 'highest', 'none'] as const);
        await createTeacher(db, org, {
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
        teachers++;
      }
    }
    created.push({ id: m.id, name: m.name, organizations: orgs.length, teachers });
  }
  // The first district's results of last year wait in «Приём результатов» of the regional coordinator.
  const approval = await seedDemoRegionalApproval({
    db,
    regionId: region.id,
    municipalityId: created[0].id,
    year: 2025,
  });
  return { regionId: region.id, regionName: region.name, municipalities: created, approval };
}
