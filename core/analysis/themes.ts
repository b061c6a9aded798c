import { collectCalls, parseFormula, type Condition } from '../formula/index.ts';

/**
 * What an indicator is about, read from its numerator formula — so that conclusions and recommendations
 * can speak the language of the seed documents for any program, including programs written from scratch.
 */
export interface Theme {
  key: string;
  /** «Не разработаны ИОМ», «Нехватка педагогических кадров» — the conclusion for organizations at the problem level. */
  organizationsProblem: string;
  /** The conclusion about the municipality as a whole: `{value}` is the value. */
  municipalProblem: string;
  /** Recommendation to an organization. */
  toOrganization: string;
  /** Recommendation to the department (методический кабинет). */
  toMunicipality: string;
  /** Which organizations count as having the problem: value 0, or the level «низкий». */
  problemIs: 'zero' | 'low' | 'positive';
}

const TOPIC_PHRASE: Record<string, string> = {
  upbringing: 'организации воспитания обучающихся',
  talents: 'выявления, поддержки и развития способностей и талантов у детей и молодёжи',
  quality_assessment: 'оценки качества образования',
  career_guidance: 'самоопределения и профессиональной ориентации обучающихся',
  preschool_quality: 'повышения качества дошкольного образования',
  federal_programs: 'реализации приоритетных федеральных программ',
  low_results: 'работы в школах с низкими образовательными результатами и в сложных социальных условиях',
  digital: 'использования цифровой образовательной среды',
  subject_methods: 'предметной методики',
};

const ACT_PHRASE: Record<string, string> = {
  associations: 'о методических объединениях (профессиональных сообществах)',
  young_teachers: 'о поддержке молодых педагогов',
  mentoring: 'о наставничестве',
  other: '',
};

/** Names and values of the filters used anywhere in a condition tree. */
function filtersOf(condition: Condition | null, out = new Map<string, string[]>()): Map<string, string[]> {
  if (!condition) return out;
  const add = (name: string, value?: string) =>
    out.set(name, [...(out.get(name) ?? []), ...(value ? [value] : [])]);
  switch (condition.kind) {
    case 'and':
    case 'or':
      condition.operands.forEach((c) => filtersOf(c, out));
      break;
    case 'not':
      filtersOf(condition.operand, out);
      break;
    case 'flag':
      add(condition.name);
      break;
    case 'compare':
      add(condition.name, String(condition.value.value));
      break;
    case 'in':
      condition.values.forEach((v) => add(condition.name, String(v.value)));
      break;
    case 'nested':
      add(condition.name);
      filtersOf(condition.filter, out);
      break;
  }
  return out;
}

export function themeOf(numerator: string): Theme {
  const parsed = parseFormula(numerator);
  if (!parsed.ok) return GENERIC;
  const calls = collectCalls(parsed.ast).map((c) => c.call);
  const call = calls[0];
  if (!call || call.name === 'form') return GENERIC;
  const filters = filtersOf(call.filter);
  if (call.name === 'vacancies') return STAFFING_VACANCIES;
  if (call.name === 'positions') return STAFFING;
  if (call.name === 'mentoringPrograms' || call.name === 'mentoringPairs') return MENTORING;
  // «школьные МО» only when the formula counts the organizations' own associations (or any at all).
  if (call.name === 'associations')
    return [...filters.keys()].every((k) => k === 'level') &&
      (filters.get('level') ?? ['institutional']).every((v) => v === 'institutional')
      ? ASSOCIATIONS
      : GENERIC;
  if (call.name === 'acts') return actsTheme(filters.get('kind')?.[0] ?? 'other');
  if (call.name !== 'teachers') return GENERIC;
  if (filters.has('route')) return ROUTES;
  if (filters.has('young') && (filters.has('mentee') || filters.has('event') || filters.has('member')))
    return YOUNG;
  if (filters.has('trained')) {
    const topic = filters.get('topic')?.[0];
    if (topic && TOPIC_PHRASE[topic]) return trainingTheme(topic);
    if (filters.get('type')?.includes('retraining')) return RETRAINING;
    return TRAINING;
  }
  if (filters.has('diagnosed')) return DIAGNOSTICS;
  if (filters.has('member')) return NETWORK;
  if (filters.has('event')) return EVENTS;
  if (filters.has('certified') || filters.has('category')) return CERTIFICATION;
  if (filters.has('educationMatches')) return EDUCATION;
  return GENERIC;
}

const GENERIC: Theme = {
  key: 'generic',
  organizationsProblem: 'Низкий уровень показателя «{name}»',
  municipalProblem: 'Низкий уровень показателя «{name}» по муниципалитету ({value})',
  toOrganization:
    'Проанализировать причины низкого значения показателя «{name}» и включить меры по его улучшению в план методической работы.',
  toMunicipality:
    'Проанализировать причины низкого значения показателя «{name}» и включить меры по его улучшению в дорожную карту.',
  problemIs: 'low',
};

const DIAGNOSTICS: Theme = {
  key: 'diagnostics',
  organizationsProblem: 'Недостаточное выявление профессиональных дефицитов педагогических работников',
  municipalProblem:
    'Недостаточное выявление профессиональных дефицитов педагогических работников и управленческих кадров ({value})',
  toOrganization:
    'Обеспечить участие педагогов в едином мониторинге по выявлению профессиональных дефицитов педагогических работников и управленческих кадров.',
  toMunicipality:
    'Организовать муниципальную диагностику профессиональных дефицитов педагогов, в первую очередь в организациях, где она не проводилась; создать банк затруднений педагогов.',
  problemIs: 'low',
};

const ROUTES: Theme = {
  key: 'routes',
  organizationsProblem:
    'Не разработаны индивидуальные образовательные маршруты (ИОМ) совершенствования профессионального мастерства',
  municipalProblem:
    'Недостаточный учёт индивидуальных образовательных маршрутов, разработанных на основе диагностики ({value})',
  toOrganization:
    'Внедрить ИОМ педагогов, разработанные на основе диагностики профессиональных дефицитов, с куратором и тьютором.',
  toMunicipality:
    'Обеспечить сопровождение ИОМ кураторами ЦНППМ и тьюторами; провести семинар по разработке ИОМ для заместителей руководителей.',
  problemIs: 'zero',
};

const STAFFING_VACANCIES: Theme = {
  key: 'staffing',
  organizationsProblem: 'Нехватка педагогических кадров',
  municipalProblem: 'Сохраняется потребность в педагогических кадрах ({value})',
  toOrganization:
    'Принять меры по устранению кадровых дефицитов: привлечение выпускников педагогических вузов, целевое обучение, наставничество для новых педагогов.',
  toMunicipality:
    'Сформировать муниципальный план устранения кадровых дефицитов, включая целевое обучение и меры поддержки молодых педагогов.',
  problemIs: 'positive',
};

const STAFFING: Theme = {
  ...STAFFING_VACANCIES,
  problemIs: 'low',
  municipalProblem: 'Недостаточная обеспеченность педагогическими кадрами ({value})',
};

const MENTORING: Theme = {
  key: 'mentoring',
  organizationsProblem: 'Не реализуются программы (планы) наставничества',
  municipalProblem: 'Недостаточно программ наставничества ({value})',
  toOrganization:
    'Разработать и утвердить программу наставничества педагогических работников, закрепить наставников за молодыми педагогами.',
  toMunicipality:
    'Оказать организациям методическую помощь в разработке программ наставничества; провести муниципальный семинар наставников.',
  problemIs: 'zero',
};

const YOUNG: Theme = {
  key: 'young',
  organizationsProblem: 'Низкий охват молодых педагогов мероприятиями поддержки и наставничеством',
  municipalProblem: 'Недостаточный охват молодых педагогов мероприятиями поддержки ({value})',
  toOrganization:
    'Закрепить за каждым молодым педагогом наставника; включить молодых педагогов в работу «Школы молодого специалиста».',
  toMunicipality:
    'Организовать работу районной «Школы молодого специалиста» и мероприятия, направленные на помощь молодым специалистам.',
  problemIs: 'low',
};

const NETWORK: Theme = {
  key: 'network',
  organizationsProblem:
    'Низкая включённость педагогов в методические объединения и профессиональные сообщества',
  municipalProblem: 'Недостаточная включённость педагогов в сетевые сообщества ({value})',
  toOrganization:
    'Систематизировать работу школьных методических объединений и учительских клубов по преодолению профессиональных дефицитов с помощью проведения комплекса методических мероприятий.',
  toMunicipality:
    'Расширить сеть районных методических объединений и творческих групп; включить в их планы работу с выявленными дефицитами.',
  problemIs: 'low',
};

const ASSOCIATIONS: Theme = {
  key: 'associations',
  organizationsProblem: 'Не созданы школьные методические объединения',
  municipalProblem: 'Недостаточно методических объединений и профессиональных сообществ ({value})',
  toOrganization:
    'Создать школьные методические объединения по предметным областям и утвердить планы их работы.',
  toMunicipality:
    'Обеспечить систематическую работу районных методических объединений, «Школы молодого специалиста», творческих групп.',
  problemIs: 'zero',
};

const EVENTS: Theme = {
  key: 'events',
  organizationsProblem: 'Низкое участие педагогов в научно-методических мероприятиях муниципального уровня',
  municipalProblem: 'Невысокое участие педагогов в научно-методических мероприятиях ({value})',
  toOrganization:
    'Обеспечить участие педагогов в муниципальных семинарах, мастер-классах и конференциях, в том числе с выступлениями.',
  toMunicipality:
    'Провести форумы лучших практик (круглые столы, семинары, сессии), в том числе по точечным дефицитам педагогов.',
  problemIs: 'low',
};

const TRAINING: Theme = {
  key: 'training',
  organizationsProblem: 'Низкий охват педагогов повышением квалификации',
  municipalProblem: 'Низкий охват педагогов повышением квалификации ({value})',
  toOrganization:
    'Составить план-график повышения квалификации педагогов на следующий год с учётом выявленных дефицитов.',
  toMunicipality:
    'Сформировать ежегодный план-заказ на повышение квалификации педагогических работников с учётом выявленных дефицитов.',
  problemIs: 'low',
};

const RETRAINING: Theme = {
  ...TRAINING,
  key: 'retraining',
  organizationsProblem: 'Недостаточно педагогов, прошедших профессиональную переподготовку',
  municipalProblem:
    'Невысокий охват профессиональной переподготовкой по программам педагогической направленности ({value})',
  toOrganization:
    'Направить педагогов, работающих не по профилю образования, на профессиональную переподготовку.',
};

function trainingTheme(topic: string): Theme {
  const phrase = TOPIC_PHRASE[topic];
  return {
    key: `training:${topic}`,
    organizationsProblem: `Низкий охват педагогов, повысивших свою квалификацию по вопросам ${phrase}`,
    municipalProblem: `Низкий охват педагогов, повысивших свою квалификацию по вопросам ${phrase} ({value})`,
    toOrganization: `Направить педагогов на курсы повышения квалификации по вопросам ${phrase} (ЦНППМ, ИРО, Академия Минпросвещения).`,
    toMunicipality: `Включить в муниципальный план-заказ повышение квалификации по вопросам ${phrase}.`,
    problemIs: 'low',
  };
}

const CERTIFICATION: Theme = {
  key: 'certification',
  organizationsProblem: 'Низкая доля педагогов, прошедших аттестацию',
  municipalProblem: 'Невысокая доля педагогов, прошедших аттестацию ({value})',
  toOrganization:
    'Спланировать аттестацию педагогов на квалификационные категории, организовать методическое сопровождение аттестующихся.',
  toMunicipality:
    'Провести консультации для педагогов, планирующих аттестацию на квалификационные категории.',
  problemIs: 'low',
};

const EDUCATION: Theme = {
  key: 'education',
  organizationsProblem:
    'Низкая доля педагогов с образованием, соответствующим профилю преподаваемого предмета',
  municipalProblem: 'Часть педагогов работает не по профилю образования ({value})',
  toOrganization:
    'Направить педагогов, работающих не по профилю образования, на профессиональную переподготовку.',
  toMunicipality:
    'Организовать профессиональную переподготовку педагогов, работающих не по профилю образования.',
  problemIs: 'low',
};

function actsTheme(kind: string): Theme {
  const phrase = ACT_PHRASE[kind] ?? '';
  return {
    key: `acts:${kind}`,
    organizationsProblem: `Отсутствует нормативный правовой акт ${phrase}`.trim(),
    municipalProblem: `Не утверждён нормативный правовой акт ${phrase}`.trim(),
    toOrganization:
      `Разработать и утвердить локальный нормативный акт ${phrase}, разместить его на сайте организации.`.replace(
        '  ',
        ' ',
      ),
    toMunicipality:
      `Разработать муниципальный нормативный правовой акт ${phrase}, разместить его на сайте отдела образования.`.replace(
        '  ',
        ' ',
      ),
    problemIs: 'zero',
  };
}
