import {
  addDays,
  addMonths,
  DEFAULT_YOUNG_TEACHER_RULE,
  experienceAt,
  isoDate,
  isYoungTeacher,
  type IsoDate,
} from '../../core/dates.ts';
import { DEFAULT_DEFICITS } from '../../core/deficits.ts';
import { Random } from '../../core/random.ts';
import type { DemoOrganizationSpec } from './demo-district.ts';
import type { DemoTeacher } from './demo-people.ts';

/** Professional-development history of the demo district over three years, with trends and gaps. */

export const DEMO_PROVIDERS = [
  { name: 'ЦНППМ Ростовской области', kind: 'cnppm' },
  {
    name: 'ГБУ ДПО РО «Ростовский институт повышения квалификации и профессиональной переподготовки работников образования»',
    kind: 'iro',
  },
  { name: 'ФГАОУ ДПО «Академия Минпросвещения России»', kind: 'academy' },
  { name: 'АНО ДПО «Институт современного образования»', kind: 'other' },
] as const;

const COURSES: { title: string; topics: string[]; hours: number; provider: number; preschool?: boolean }[] = [
  {
    title: 'Реализация требований обновлённых ФГОС НОО, ФГОС ООО в работе учителя',
    topics: ['federal_programs'],
    hours: 36,
    provider: 2,
  },
  {
    title: 'Школа современного учителя: достижения российской науки',
    topics: ['federal_programs', 'subject_methods'],
    hours: 60,
    provider: 2,
  },
  {
    title: 'Разговоры о важном: система работы классного руководителя',
    topics: ['upbringing'],
    hours: 58,
    provider: 2,
  },
  {
    title: 'Организация воспитательной работы в образовательной организации',
    topics: ['upbringing'],
    hours: 36,
    provider: 1,
  },
  {
    title: 'Оценка качества образования: ВПР, ОГЭ, ЕГЭ как инструмент управления',
    topics: ['quality_assessment'],
    hours: 72,
    provider: 1,
  },
  {
    title: 'Формирующее оценивание и работа с результатами оценочных процедур',
    topics: ['quality_assessment'],
    hours: 36,
    provider: 0,
  },
  {
    title: 'Повышение качества образования в школах с низкими образовательными результатами',
    topics: ['low_results'],
    hours: 36,
    provider: 0,
  },
  {
    title: 'Выявление, поддержка и развитие способностей и талантов у детей и молодёжи',
    topics: ['talents'],
    hours: 36,
    provider: 1,
  },
  {
    title: 'Профориентационная работа: проект «Билет в будущее»',
    topics: ['career_guidance'],
    hours: 36,
    provider: 2,
  },
  { title: 'Цифровая образовательная среда: ФГИС «Моя школа»', topics: ['digital'], hours: 24, provider: 3 },
  {
    title: 'Функциональная грамотность: методика формирования',
    topics: ['subject_methods'],
    hours: 72,
    provider: 0,
  },
  { title: 'Инклюзивное образование обучающихся с ОВЗ', topics: ['other'], hours: 72, provider: 3 },
  {
    title: 'Реализация ФОП ДО: повышение качества дошкольного образования',
    topics: ['preschool_quality', 'federal_programs'],
    hours: 72,
    provider: 1,
    preschool: true,
  },
  {
    title: 'Развивающая предметно-пространственная среда ДОО',
    topics: ['preschool_quality'],
    hours: 36,
    provider: 3,
    preschool: true,
  },
];

const INSTRUMENTS = {
  municipal: 'Муниципальная диагностика профессиональных дефицитов (РМК)',
  regional: 'Диагностика профессиональных компетенций ЦНППМ',
  federal: 'Оценка предметных и методических компетенций учителей (ФИОКО)',
  institutional: 'Самодиагностика педагога (анкета ШМО)',
} as const;

export interface DemoActivity {
  diagnostics: {
    teacher: number;
    date: IsoDate;
    level: keyof typeof INSTRUMENTS;
    instrument: string;
    areas: string[];
    score: number;
    maxScore: number;
    deficitCodes: string[];
  }[];
  trainings: {
    teacher: number;
    type: 'upskilling' | 'retraining';
    title: string;
    provider: number;
    hours: number;
    startDate: IsoDate;
    endDate: IsoDate;
    documentNumber: string;
    topics: string[];
  }[];
  routes: {
    teacher: number;
    diagnostic: number;
    startDate: IsoDate;
    endDate: IsoDate;
    curatorName: string | null;
    tutorName: string | null;
    status: 'approved' | 'in_progress' | 'completed';
    approvedAt: IsoDate;
    steps: {
      deficitCode: string;
      title: string;
      deadline: IsoDate;
      status: 'planned' | 'in_progress' | 'done';
    }[];
  }[];
  programs: { org: number; title: string; startDate: IsoDate; endDate: IsoDate | null }[];
  pairs: {
    program: number;
    org: number;
    mentor: number;
    mentee: number;
    form: string;
    startDate: IsoDate;
    endDate: IsoDate | null;
    outcome: string | null;
  }[];
  associations: {
    org: number | null;
    name: string;
    level: 'institutional' | 'municipal';
    type: string;
    subject: string | null;
    leader: number | null;
    startDate: IsoDate;
  }[];
  members: { association: number; teacher: number; joinedOn: IsoDate }[];
  events: {
    org: number | null;
    title: string;
    level: 'institutional' | 'municipal' | 'regional' | 'federal';
    date: IsoDate;
    format: 'offline' | 'online' | 'mixed';
    /** The kind of event; only the open lessons have one in the demo. */
    type?: 'open_lesson';
  }[];
  participations: { event: number; teacher: number; role: 'participant' | 'speaker' | 'organizer' }[];
  competitions: {
    teacher: number;
    name: string;
    level: 'municipal' | 'regional' | 'federal';
    date: IsoDate;
    result: 'participant' | 'laureate' | 'winner';
  }[];
  vacancies: { org: number; month: IsoDate; position: string; subject: string | null; count: number }[];
  acts: {
    org: number | null;
    kind: 'associations' | 'young_teachers' | 'mentoring' | 'other';
    number: string;
    date: IsoDate;
    title: string;
    url: string | null;
    validFrom: IsoDate;
    validTo: IsoDate | null;
  }[];
}

const isEmployed = (t: DemoTeacher, org: number | null, date: IsoDate) =>
  t.positions.some(
    (p) => (org === null || p.org === org) && p.startDate <= date && (!p.endDate || p.endDate >= date),
  );
const mainOrg = (t: DemoTeacher) => t.positions[0].org;

export function generateActivity(
  rng: Random,
  orgs: DemoOrganizationSpec[],
  teachers: DemoTeacher[],
  today: IsoDate,
): DemoActivity {
  const a: DemoActivity = {
    diagnostics: [],
    trainings: [],
    routes: [],
    programs: [],
    pairs: [],
    associations: [],
    members: [],
    events: [],
    participations: [],
    competitions: [],
    vacancies: [],
    acts: [],
  };
  const year = Number(today.slice(0, 4));
  const years = [year - 2, year - 1, year];
  const until = (d: IsoDate) => (d > today ? today : d);

  // Diagnostics: coverage grows year to year (the effect of the department's measures); some organizations never diagnose.
  const coverage = [0.28, 0.46, 0.55];
  years.forEach((y, yi) => {
    const campaignDate = isoDate(y, 10, 12);
    if (campaignDate > today) return;
    for (const t of teachers) {
      const org = orgs[mainOrg(t)];
      if (org.neverDiagnoses || !isEmployed(t, null, campaignDate)) continue;
      const kindFactor = org.kind === 'school' ? 1 : 0.6;
      if (rng.chance(coverage[yi] * kindFactor))
        a.diagnostics.push(
          diagnostic(rng, t.key, until(addDays(campaignDate, rng.int(-20, 25))), 'municipal'),
        );
      if (rng.chance(0.08))
        a.diagnostics.push(
          diagnostic(
            rng,
            t.key,
            until(isoDate(y, rng.pick([3, 4, 11]), rng.int(1, 28))),
            rng.pick(['regional', 'federal', 'institutional']),
          ),
        );
    }
  });

  // ИОМ: built from diagnostics with deficits, except in organizations that do not write routes.
  a.diagnostics.forEach((d, index) => {
    const t = teachers[d.teacher];
    if (orgs[mainOrg(t)].noRoutes || !d.deficitCodes.length || !rng.chance(0.7)) return;
    const start = addDays(d.date, rng.int(7, 30));
    if (start > today) return;
    const end = addMonths(start, 12);
    const done = end < today;
    a.routes.push({
      teacher: d.teacher,
      diagnostic: index,
      startDate: start,
      endDate: end,
      curatorName: rng.chance(0.6)
        ? rng.pick([
            'Куратор ЦНППМ Степанова О.В.',
            'Куратор ЦНППМ Лысенко А.А.',
            'Куратор ЦНППМ Дорошенко Е.Н.',
          ])
        : null,
      tutorName: rng.chance(0.45)
        ? rng.pick(['Тьютор РМК Гончарова Т.И.', 'Тьютор РМК Мирошниченко С.П.'])
        : null,
      status: done ? 'completed' : 'in_progress',
      approvedAt: addDays(start, 3),
      steps: d.deficitCodes.map((code, i) => {
        const deadline = addMonths(start, 3 * (i + 1));
        const status = deadline < today ? (rng.chance(0.85) ? 'done' : 'in_progress') : 'planned';
        return { deficitCode: code, title: stepTitle(code), deadline, status };
      }),
    });
  });

  // Trainings: roughly every third year for each teacher; воспитание grows after the department's measure.
  years.forEach((y, yi) => {
    for (const t of teachers) {
      const preschool = orgs[mainOrg(t)].kind === 'preschool';
      if (!rng.chance(0.36)) continue;
      const pool = COURSES.filter((c) =>
        preschool ? c.preschool || c.topics.includes('upbringing') : !c.preschool,
      );
      const weighted = pool.map(
        (c) =>
          [
            c,
            c.topics.includes('upbringing')
              ? [1, 3, 4][yi]
              : c.topics.includes('talents')
                ? [1, 1, 2][yi]
                : 2,
          ] as const,
      );
      const course = rng.weighted(weighted);
      const end = isoDate(y, rng.pick([2, 3, 4, 5, 10, 11, 12]), rng.int(1, 28));
      if (end > today || !isEmployed(t, null, end)) continue;
      a.trainings.push({
        teacher: t.key,
        type: 'upskilling',
        title: course.title,
        provider: course.provider,
        hours: course.hours,
        startDate: addDays(end, -rng.int(10, 40)),
        endDate: end,
        documentNumber: `6124${rng.int(10000000, 99999999)}`,
        topics: [...course.topics],
      });
    }
    for (const t of rng.sample(teachers, Math.round(teachers.length * 0.025))) {
      const end = isoDate(y, 6, rng.int(1, 28));
      if (end > today) continue;
      a.trainings.push({
        teacher: t.key,
        type: 'retraining',
        title: 'Педагогическое образование: учитель (профессиональная переподготовка)',
        provider: 3,
        hours: 520,
        startDate: addMonths(end, -8),
        endDate: end,
        documentNumber: `6125${rng.int(10000000, 99999999)}`,
        topics: ['other'],
      });
    }
  });

  // Mentoring: programs in most organizations each academic year, pairs for the young. From September the
  // school year that has begun is added as well, with pairs still running, so «в наставничестве» is not 0
  // all autumn; it draws from its own stream so that every other record of the history stays as it was.
  const mentoringYear = (random: Random, orgIndex: number, y: number) => {
    const org = orgs[orgIndex];
    const start = isoDate(y - 1, 9, 1);
    if (start > today || !random.chance(org.kind === 'school' ? 0.8 : 0.55)) return;
    const program =
      a.programs.push({
        org: orgIndex,
        title: `Программа наставничества на ${y - 1}/${y} учебный год`,
        startDate: start,
        endDate: isoDate(y, 8, 31),
      }) - 1;
    const staff = teachers.filter((t) => mainOrg(t) === orgIndex && isEmployed(t, orgIndex, start));
    const young = staff.filter((t) => experienceAt(t.pedagogicalStartDate, start) < 3);
    const seniors = staff.filter(
      (t) => experienceAt(t.pedagogicalStartDate, start) > 10 && t.qualificationCategory !== 'none',
    );
    for (const mentee of young) {
      if (!seniors.length || !random.chance(0.75)) continue;
      a.pairs.push({
        program,
        org: orgIndex,
        mentor: random.pick(seniors).key,
        mentee: mentee.key,
        form: random.weighted([
          ['педагог — педагог', 8],
          ['руководитель — педагог', 2],
        ]),
        startDate: addDays(start, random.int(0, 20)),
        endDate: isoDate(y, 6, 30) < today ? isoDate(y, 6, 30) : null,
        outcome:
          isoDate(y, 6, 30) < today
            ? random.pick([
                'адаптация завершена',
                'подготовлен открытый урок',
                'участие в конкурсе «Педагогический дебют»',
              ])
            : null,
      });
    }
  };
  orgs.forEach((_, orgIndex) => years.forEach((y) => mentoringYear(rng, orgIndex, y)));
  if (isoDate(year, 9, 1) <= today) {
    const current = rng.fork(year);
    orgs.forEach((_, orgIndex) => mentoringYear(current, orgIndex, year + 1));
  }

  // Associations: РМО by subject and the «Школа молодого специалиста» at municipal level, ШМО in schools.
  const start0 = isoDate(year - 3, 9, 1);
  const rmoSubjects = [
    'математика',
    'русский язык и литература',
    'начальные классы',
    'иностранный язык',
    'история и обществознание',
    'физическая культура',
    'биология',
  ];
  const leaderFor = (filter: (t: DemoTeacher) => boolean) => {
    const pool = teachers.filter(
      (t) => filter(t) && t.qualificationCategory === 'highest' && !t.positions[0].endDate,
    );
    return pool.length ? rng.pick(pool).key : null;
  };
  for (const subject of rmoSubjects) {
    const leader = leaderFor((t) => t.subjects.includes(subject));
    a.associations.push({
      org: null,
      name: `РМО учителей: ${subject}`,
      level: 'municipal',
      type: 'rmo',
      subject,
      leader,
      startDate: start0,
    });
  }
  a.associations.push({
    org: null,
    name: 'РМО воспитателей ДОУ',
    level: 'municipal',
    type: 'rmo',
    subject: null,
    leader: leaderFor(
      (t) => t.positions[0].title === 'старший воспитатель' || t.positions[0].title === 'воспитатель',
    ),
    startDate: start0,
  });
  const youngSchool =
    a.associations.push({
      org: null,
      name: '«Школа молодого специалиста»',
      level: 'municipal',
      type: 'young_school',
      subject: null,
      leader: null,
      startDate: start0,
    }) - 1;
  const creative =
    a.associations.push({
      org: null,
      name: 'Творческая группа «Функциональная грамотность»',
      level: 'municipal',
      type: 'creative_group',
      subject: null,
      leader: null,
      startDate: isoDate(year - 1, 9, 1),
    }) - 1;
  orgs.forEach((org, orgIndex) => {
    if (org.kind !== 'school' || org.size < 20) return;
    for (const shmo of [
      'ШМО учителей начальных классов',
      'ШМО учителей гуманитарного цикла',
      'ШМО учителей естественно-математического цикла',
      'ШМО классных руководителей',
    ]) {
      a.associations.push({
        org: orgIndex,
        name: shmo,
        level: 'institutional',
        type: 'shmo',
        subject: null,
        leader: null,
        startDate: start0,
      });
    }
  });
  a.associations.forEach((assoc, assocIndex) => {
    for (const t of teachers) {
      const join = isoDate(year - rng.int(1, 3), 9, rng.int(1, 20));
      let p = 0;
      if (assoc.type === 'rmo')
        p = assoc.subject
          ? t.subjects.includes(assoc.subject)
            ? 0.55
            : 0
          : orgs[mainOrg(t)].kind === 'preschool'
            ? 0.45
            : 0;
      else if (assoc.type === 'shmo') p = mainOrg(t) === assoc.org ? 0.7 / 3 : 0;
      else if (assocIndex === youngSchool) p = experienceAt(t.pedagogicalStartDate, today) < 4 ? 0.65 : 0;
      else if (assocIndex === creative) p = orgs[mainOrg(t)].kind === 'school' ? 0.04 : 0;
      if (p && rng.chance(p))
        a.members.push({
          association: assocIndex,
          teacher: t.key,
          joinedOn: join < t.pedagogicalStartDate ? t.pedagogicalStartDate : join,
        });
    }
  });

  // Methodological events and participation, municipal participation growing year to year.
  // Each event in months its name allows: the «Августовское педагогическое совещание» in late August.
  const ANY_MONTH = [2, 3, 4, 8, 10, 11, 12];
  const EVENTS: { title: string; months: number[]; days: [number, number] }[] = [
    { title: 'Семинар-практикум «Функциональная грамотность на уроке»', months: ANY_MONTH, days: [1, 28] },
    { title: 'Мастер-класс «Формирующее оценивание»', months: ANY_MONTH, days: [1, 28] },
    { title: 'Муниципальная конференция «Лучшие педагогические практики»', months: ANY_MONTH, days: [1, 28] },
    { title: 'Круглый стол «Работа со школами с низкими результатами»', months: ANY_MONTH, days: [1, 28] },
    { title: 'Методический десант в ШНОР', months: ANY_MONTH, days: [1, 28] },
    { title: 'Фестиваль открытых уроков', months: ANY_MONTH, days: [1, 28] },
    { title: 'Вебинар «Обновлённые ФГОС: типичные затруднения»', months: ANY_MONTH, days: [1, 28] },
    { title: 'Августовское педагогическое совещание', months: [8], days: [24, 30] },
  ];
  const participation = [0.22, 0.34, 0.4];
  years.forEach((y, yi) => {
    for (const { title, months, days } of EVENTS) {
      const date = isoDate(y, rng.pick(months), rng.int(...days));
      if (date > today) continue;
      const event =
        a.events.push({
          org: null,
          title,
          level: 'municipal',
          date,
          format: rng.weighted([
            ['offline', 6],
            ['online', 2],
            ['mixed', 2],
          ]),
        }) - 1;
      const speakers = rng.int(1, 3);
      let spoken = 0;
      for (const t of teachers) {
        if (!isEmployed(t, null, date) || !rng.chance(participation[yi] / 3)) continue;
        a.participations.push({
          event,
          teacher: t.key,
          role: spoken++ < speakers ? 'speaker' : 'participant',
        });
      }
    }
    const regional = isoDate(y, 11, 15);
    if (regional <= today) {
      const event =
        a.events.push({
          org: null,
          title: 'Региональный форум «Учитель будущего»',
          level: 'regional',
          date: regional,
          format: 'online',
        }) - 1;
      for (const t of rng.sample(teachers, Math.round(teachers.length * 0.1)))
        if (isEmployed(t, null, regional))
          a.participations.push({ event, teacher: t.key, role: 'participant' });
    }
  });

  // Professional competitions.
  years.forEach((y) => {
    for (const [name, kind] of [
      ['Учитель года', 'school'],
      ['Воспитатель года', 'preschool'],
      ['Сердце отдаю детям', 'additional'],
    ] as const) {
      const date = isoDate(y, 2, rng.int(5, 25));
      if (date > today) continue;
      const pool = teachers.filter((t) => orgs[mainOrg(t)].kind === kind && isEmployed(t, null, date));
      rng.sample(pool, kind === 'school' ? 6 : 3).forEach((t, i) => {
        a.competitions.push({
          teacher: t.key,
          name,
          level: 'municipal',
          date,
          result: i === 0 ? 'winner' : i < 3 ? 'laureate' : 'participant',
        });
        if (i === 0)
          a.competitions.push({
            teacher: t.key,
            name,
            level: 'regional',
            date: addMonths(date, 2) > today ? date : addMonths(date, 2),
            result: rng.chance(0.3) ? 'laureate' : 'participant',
          });
      });
    }
  });

  // Vacancies by month (the snapshot taken by the 10th) in the few organizations short of staff.
  orgs.forEach((org, orgIndex) => {
    if (!org.hasVacancies) return;
    const subject =
      org.kind === 'school'
        ? rng.pick(['математика', 'физика', 'иностранный язык', 'русский язык и литература'])
        : null;
    const position = org.kind === 'school' ? 'учитель' : 'воспитатель';
    for (let m = addMonths(isoDate(year - 2, 1, 1), 0); m <= today; m = addMonths(m, 1)) {
      const count = Number(m.slice(5, 7)) >= 6 && Number(m.slice(5, 7)) <= 9 ? rng.int(1, 3) : rng.int(0, 2);
      if (count > 0) a.vacancies.push({ org: orgIndex, month: m, position, subject, count });
    }
  });

  // Normative acts: the municipality's three, and those of organizations.
  a.acts.push(
    {
      org: null,
      kind: 'associations',
      number: '412',
      date: isoDate(year - 3, 8, 28),
      title: 'Об утверждении Положения о районных методических объединениях',
      url: 'https://prirechensky.example.ru/docs/412',
      validFrom: isoDate(year - 3, 9, 1),
      validTo: null,
    },
    {
      org: null,
      kind: 'mentoring',
      number: '57',
      date: isoDate(year - 2, 1, 20),
      title: 'Об утверждении Положения о системе наставничества педагогических работников',
      url: 'https://prirechensky.example.ru/docs/57',
      validFrom: isoDate(year - 2, 1, 20),
      validTo: null,
    },
    {
      org: null,
      kind: 'young_teachers',
      number: '305',
      date: isoDate(year - 1, 8, 25),
      title: 'О мерах поддержки молодых педагогов Приреченского района',
      url: 'https://prirechensky.example.ru/docs/305',
      validFrom: isoDate(year - 1, 9, 1),
      validTo: null,
    },
  );
  orgs.forEach((org, orgIndex) => {
    if (rng.chance(0.75))
      a.acts.push({
        org: orgIndex,
        kind: 'mentoring',
        number: `${rng.int(10, 199)}-о`,
        date: isoDate(year - 2, 9, rng.int(1, 15)),
        title: 'Об утверждении Положения о наставничестве',
        url: null,
        validFrom: isoDate(year - 2, 9, 15),
        validTo: null,
      });
    if (org.kind === 'school' && rng.chance(0.65))
      a.acts.push({
        org: orgIndex,
        kind: 'associations',
        number: `${rng.int(10, 199)}-о`,
        date: isoDate(year - 3, 8, 30),
        title: 'Об утверждении Положения о школьных методических объединениях',
        url: null,
        validFrom: isoDate(year - 3, 9, 1),
        validTo: null,
      });
  });
  addOpenLessons(a, orgs, teachers, today, years);
  return a;
}

/**
 * Open lessons in every school, school year by school year: institutional events of type open_lesson with
 * the teacher who gave the lesson as its speaker — a young teacher about a third of the time where the
 * school has one — so that seed 000's 3.3 (`events(type = open_lesson, byYoung) / events(type = open_lesson)`)
 * has a value. A random stream of its own keeps every other part of the demo as it was.
 */
function addOpenLessons(
  a: DemoActivity,
  orgs: DemoOrganizationSpec[],
  teachers: DemoTeacher[],
  today: IsoDate,
  years: number[],
) {
  const rng = new Random(0x0be17e55);
  orgs.forEach((org, orgIndex) => {
    if (org.kind !== 'school') return;
    for (const y of years) {
      for (let i = 0, n = rng.int(3, 7); i < n; i++) {
        // October…April of the school year that ends in y.
        const month = rng.pick([10, 11, 12, 2, 3, 4]);
        const date = isoDate(month >= 10 ? y - 1 : y, month, rng.int(5, 25));
        if (date > today) continue;
        const staff = teachers.filter((t) => isEmployed(t, orgIndex, date));
        if (!staff.length) continue;
        const young = staff.filter((t) => isYoungTeacher(t, date, DEFAULT_YOUNG_TEACHER_RULE));
        const teacher = young.length && rng.chance(0.35) ? rng.pick(young) : rng.pick(staff);
        const event =
          a.events.push({
            org: orgIndex,
            title: `Открытый урок: ${teacher.subjects[0] ?? 'внеурочная деятельность'}`,
            level: 'institutional',
            date,
            format: 'offline',
            type: 'open_lesson',
          }) - 1;
        a.participations.push({ event, teacher: teacher.key, role: 'speaker' });
      }
    }
  });
}

function diagnostic(
  rng: Random,
  teacher: number,
  date: IsoDate,
  level: keyof typeof INSTRUMENTS,
): DemoActivity['diagnostics'][number] {
  const areas = rng.sample(['subject', 'methodical', 'assessment', 'psychological'], rng.int(1, 3));
  const maxScore = 100;
  const score = Math.round(rng.normal(68, 14, 25, 100));
  const pool = DEFAULT_DEFICITS.filter((d) => areas.includes(d.area));
  const deficitCount = score > 85 ? 0 : score > 70 ? rng.int(0, 1) : rng.int(1, 3);
  return {
    teacher,
    date,
    level,
    instrument: INSTRUMENTS[level],
    areas,
    score,
    maxScore,
    deficitCodes: rng.sample(pool, deficitCount).map((d) => d.code),
  };
}

function stepTitle(code: string): string {
  const d = DEFAULT_DEFICITS.find((x) => x.code === code);
  return d
    ? `Курсы и методическое сопровождение: ${d.title.toLowerCase()}`
    : 'Самообразование по выявленному дефициту';
}
