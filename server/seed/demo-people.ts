import { addDays, isoDate, type IsoDate } from '../../core/dates.ts';
import type { Random } from '../../core/random.ts';
import { completeSnils } from '../../core/registry/snils.ts';
import {
  ADDITIONAL_POSITIONS,
  COLLEGES,
  PRESCHOOL_POSITIONS,
  SCHOOL_SPECIALISTS,
  SCHOOL_SUBJECTS,
  UNIVERSITIES,
  type DemoOrganizationSpec,
} from './demo-district.ts';
import {
  FATHERS,
  FEMALE_FIRST_NAMES,
  MALE_FIRST_NAMES,
  SURNAMES,
  femaleSurname,
  patronymic,
} from './names.ts';

export interface DemoPosition {
  org: number;
  title: string;
  isMainJob: boolean;
  rate: number;
  startDate: IsoDate;
  endDate: IsoDate | null;
}

export interface DemoTeacher {
  key: number;
  lastName: string;
  firstName: string;
  middleName: string;
  sex: 'male' | 'female';
  birthDate: IsoDate;
  pedagogicalStartDate: IsoDate;
  snils: string;
  qualificationCategory: 'none' | 'compliance' | 'first' | 'highest';
  categoryDate: IsoDate | null;
  isManager: boolean;
  subjects: string[];
  positions: DemoPosition[];
  educations: {
    level: 'higher' | 'secondary_vocational' | 'other';
    institution: string;
    specialty: string;
    graduationYear: number;
    matchesProfile: boolean;
  }[];
  certifications: { date: IsoDate; result: 'compliance' | 'first' | 'highest'; documentNumber: string }[];
}

const yearOf = (d: IsoDate) => Number(d.slice(0, 4));

function randomDate(rng: Random, from: IsoDate, to: IsoDate): IsoDate {
  const a = Date.parse(from);
  const b = Date.parse(to);
  return new Date(a + Math.floor(rng.next() * Math.max(1, b - a))).toISOString().slice(0, 10);
}

/** A valid СНИЛС with its checksum, so imported and exported files look like real ones. */
function snils(rng: Random): string {
  return completeSnils(Array.from({ length: 9 }, () => rng.int(0, 9)).join(''));
}

function person(rng: Random, sexShareFemale: number) {
  const sex: 'male' | 'female' = rng.chance(sexShareFemale) ? 'female' : 'male';
  const surname = rng.pick(SURNAMES);
  return {
    sex,
    lastName: sex === 'female' ? femaleSurname(surname) : surname,
    firstName: rng.pick(sex === 'female' ? FEMALE_FIRST_NAMES : MALE_FIRST_NAMES),
    middleName: patronymic(rng.pick(FATHERS), sex),
  };
}

/** Teachers of the demo district at `today`, with past leavers and recent hires for the three-year history. */
export function generateTeachers(rng: Random, orgs: DemoOrganizationSpec[], today: IsoDate): DemoTeacher[] {
  const teachers: DemoTeacher[] = [];
  const thisYear = yearOf(today);
  orgs.forEach((org, orgIndex) => {
    for (let i = 0; i < org.size; i++) {
      const role =
        i === 0
          ? 'head'
          : org.kind === 'school' && i <= Math.min(3, Math.floor(org.size / 12))
            ? 'deputy'
            : 'staff';
      teachers.push(buildTeacher(rng, teachers.length, org, orgIndex, role, today, thisYear));
    }
  });
  // A few teach part-time in a second organization of the same kind.
  for (const t of rng.sample(teachers, Math.round(teachers.length * 0.04))) {
    const main = t.positions[0];
    const candidates = orgs
      .map((o, i) => ({ o, i }))
      .filter(({ o, i }) => i !== main.org && o.kind === orgs[main.org].kind);
    if (!candidates.length || t.isManager) continue;
    const second = rng.pick(candidates);
    t.positions.push({
      org: second.i,
      title: main.title,
      isMainJob: false,
      rate: rng.pick([0.25, 0.5, 0.5]),
      startDate: isoDate(thisYear - rng.int(0, 3), 9, 1),
      endDate: null,
    });
  }
  // Some left in the previous years: they count in past campaigns, not at today's date.
  for (const t of rng.sample(
    teachers.filter((x) => !x.isManager),
    Math.round(teachers.length * 0.05),
  )) {
    const end = rng.pick([
      isoDate(thisYear - rng.int(1, 2), 6, 30),
      isoDate(thisYear - rng.int(1, 2), 8, 31),
    ]);
    if (t.positions[0].startDate < end) t.positions[0].endDate = end;
  }
  return teachers;
}

function buildTeacher(
  rng: Random,
  key: number,
  org: DemoOrganizationSpec,
  orgIndex: number,
  role: 'head' | 'deputy' | 'staff',
  today: IsoDate,
  thisYear: number,
): DemoTeacher {
  const femaleShare = org.kind === 'preschool' ? 0.98 : org.kind === 'school' ? 0.84 : 0.7;
  const who = person(rng, femaleShare);
  const isRecentHire = role === 'staff' && rng.chance(0.09);
  let age: number;
  let startAge: number;
  if (isRecentHire) {
    age = rng.int(22, 29);
    startAge = age - rng.int(0, 2);
  } else {
    age = Math.round(rng.normal(role === 'staff' ? 46 : 50, 10, 24, 71));
    startAge = Math.round(rng.normal(23, 2.5, 19, Math.min(age - 1, 40)));
  }
  const birthDate = randomDate(rng, isoDate(thisYear - age - 1, 1, 1), isoDate(thisYear - age, 1, 1));
  const startYear = yearOf(birthDate) + startAge;
  const pedagogicalStartDate = isRecentHire
    ? isoDate(Math.min(thisYear, startYear), rng.pick([8, 9, 9, 9, 10, 1]), rng.pick([1, 1, 15, 20]))
    : isoDate(startYear, rng.pick([8, 9, 9]), rng.pick([1, 1, 15]));
  const safeStart = pedagogicalStartDate > today ? addDays(today, -30) : pedagogicalStartDate;
  const experience = thisYear - yearOf(safeStart);

  const { title, subjects } = chooseJob(rng, org, role);
  const category =
    experience < 2
      ? 'none'
      : rng.weighted<DemoTeacher['qualificationCategory']>([
          ['highest', experience > 10 ? 32 : 8],
          ['first', 35],
          ['compliance', 22],
          ['none', experience > 5 ? 6 : 20],
        ]);
  const categoryDate =
    category === 'none' ? null : randomDate(rng, isoDate(thisYear - 5, 1, 15), addDays(today, -20));
  const higherShare = org.kind === 'preschool' ? 0.62 : 0.9;
  const level = rng.chance(higherShare) ? 'higher' : rng.chance(0.9) ? 'secondary_vocational' : 'other';
  const graduationYear = Math.max(
    yearOf(birthDate) + 19,
    Math.min(thisYear, startYear - (rng.chance(0.7) ? 0 : rng.int(1, 4))),
  );
  const matchesProfile = rng.chance(org.kind === 'additional' ? 0.78 : 0.9);
  const specialty = subjects[0]
    ? `Педагогическое образование (${subjects[0]})`
    : title === 'воспитатель'
      ? 'Дошкольное образование'
      : 'Педагогическое образование';
  const educations: DemoTeacher['educations'] = [
    {
      level,
      institution:
        level === 'higher'
          ? rng.pick(UNIVERSITIES)
          : level === 'secondary_vocational'
            ? rng.pick(COLLEGES)
            : 'ГБПОУ РО «Приреченский аграрный техникум»',
      specialty: matchesProfile
        ? specialty
        : rng.pick(['Экономика', 'Юриспруденция', 'Агрономия', 'Бухгалтерский учёт']),
      graduationYear,
      matchesProfile,
    },
  ];
  if (!matchesProfile && rng.chance(0.3)) {
    // Retraining fixes the profile: a second education record that matches.
    educations.push({
      level: 'other',
      institution: 'ГБУ ДПО РО РИПК и ППРО',
      specialty: `Профессиональная переподготовка: ${specialty}`,
      graduationYear: Math.min(thisYear, graduationYear + rng.int(2, 8)),
      matchesProfile: true,
    });
  }
  const certifications: DemoTeacher['certifications'] = categoryDate
    ? [
        {
          date: categoryDate,
          result: category as 'compliance' | 'first' | 'highest',
          documentNumber: `${rng.int(100, 1999)}`,
        },
      ]
    : [];
  return {
    key,
    ...who,
    birthDate,
    pedagogicalStartDate: safeStart,
    snils: snils(rng),
    qualificationCategory: category,
    categoryDate,
    isManager: role !== 'staff',
    subjects,
    positions: [
      {
        org: orgIndex,
        title,
        isMainJob: true,
        rate: rng.weighted([
          [1, 70],
          [1.5, 15],
          [0.5, 10],
          [1.25, 5],
        ]),
        startDate: isRecentHire ? safeStart : randomDate(rng, safeStart, addDays(today, -400)),
        endDate: null,
      },
    ],
    educations,
    certifications,
  };
}

function chooseJob(rng: Random, org: DemoOrganizationSpec, role: 'head' | 'deputy' | 'staff') {
  if (org.kind === 'school') {
    const subject = rng.weighted(SCHOOL_SUBJECTS);
    if (role === 'head') return { title: 'директор', subjects: [subject] };
    if (role === 'deputy')
      return {
        title: rng.pick(['заместитель директора по УВР', 'заместитель директора по ВР']),
        subjects: [subject],
      };
    if (rng.chance(0.1)) return { title: rng.weighted(SCHOOL_SPECIALISTS), subjects: [] };
    const subjects = [subject];
    if (subject === 'история и обществознание' && rng.chance(0.3)) subjects.push('география');
    if (subject === 'математика' && rng.chance(0.25)) subjects.push('информатика');
    return { title: 'учитель', subjects };
  }
  if (org.kind === 'preschool') {
    if (role === 'head') return { title: 'заведующий', subjects: [] };
    return { title: rng.weighted(PRESCHOOL_POSITIONS), subjects: [] };
  }
  if (role === 'head') return { title: 'директор', subjects: [] };
  const title = rng.weighted(ADDITIONAL_POSITIONS);
  const direction = rng.pick([
    'техническое творчество',
    'художественное',
    'естественнонаучное',
    'туристско-краеведческое',
    'физкультурно-спортивное',
    'социально-гуманитарное',
  ]);
  return { title, subjects: title === 'методист' ? [] : [direction] };
}
