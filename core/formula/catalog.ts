/**
 * The catalog of the formula language: every function a methodist may call and every filter it accepts.
 * The validator checks formulas against it, the editor autocompletes from it, docs/formulas.md is
 * generated from it, and the server's SQL compiler switches on the same codes.
 */

import { actKind } from '../enums.ts';
import { educationStage, practiceKind, practiceStatus } from '../practices.ts';
import {
  associationFilters,
  type CatalogFunction,
  enumFilter,
  eventFilters,
  type Filter,
  flag,
  type FunctionName,
  organizationKinds,
  numberFilter,
  orgGroupFilter,
  orgKindFilter,
  POINTS,
  stringFilter,
} from './catalog-schema.ts';
import { reserveFilters, teacherFilters } from './catalog-teachers.ts';

export {
  AGGREGATE_NAMES,
  FORM_FIELD_CODE,
  HOURS,
  POINTS,
  YEARS,
  type AggregateFunction,
  type AggregateName,
  type CatalogFunction,
  type EnumFilter,
  type EnumValue,
  type Filter,
  type FilterKind,
  type FlagFilter,
  type FormFieldFunction,
  type FunctionName,
  type NestedFilter,
  type NumberFilter,
  type NumberUnit,
  type StringFilter,
} from './catalog-schema.ts';

// ——— the catalog ———

/** The conditions on an answer of a survey, in `answers(…)` and `answerSum(…)`. */
function surveyFilters(): Filter[] {
  return [
    stringFilter('survey', 'анкета', 'Код анкеты (задаётся при её создании).', 'survey = "satisfaction"'),
    stringFilter(
      'question',
      'вопрос',
      'Код вопроса анкеты; строка матрицы — «вопрос.строка»; балл шкалы опросника выгорания CBI — «cbi.personal», «cbi.work», «cbi.students».',
      'question = "q1"',
    ),
    numberFilter(
      'value',
      'числовой ответ',
      'Числовой ответ: оценка по шкале или число.',
      POINTS,
      'ответ {op} {value} {unit}',
      'value >= 4',
    ),
    stringFilter(
      'answer',
      'вариант ответа',
      'Выбранный вариант ответа, точное совпадение кода.',
      'answer = "yes"',
    ),
    orgKindFilter('отвечавшего'),
  ];
}

const organizationFlags: Filter[] = [
  flag('lowResults', 'ШНОР', 'Школа с низкими образовательными результатами.', 'ШНОР', 'не ШНОР'),
  flag(
    'hardSocial',
    'ШССУ',
    'Школа, функционирующая в неблагоприятных социальных условиях.',
    'ШССУ',
    'не ШССУ',
  ),
];

export const CATALOG: readonly CatalogFunction[] = [
  {
    kind: 'aggregate',
    name: 'teachers',
    label: 'Педагоги',
    phrase: 'число педагогов',
    description:
      'Число педагогов (каждый считается один раз), у которых на дату расчёта есть действующая должность ' +
      'в организациях, по которым считается показатель. Условия о должности и организации (orgKind, orgGroup, ' +
      'lowResults, hardSocial, position, mainJob) проверяются по каждой действующей должности: педагог ' +
      'учитывается, если хотя бы одна его должность удовлетворяет всему условию.',
    example: 'teachers(young, diagnosed(level = municipal))',
    filters: teacherFilters,
  },
  {
    kind: 'aggregate',
    name: 'organizations',
    label: 'Организации',
    phrase: 'число организаций',
    description: 'Число действующих образовательных организаций.',
    example: 'organizations(kind = school, lowResults)',
    filters: [
      enumFilter('kind', 'тип ОО', 'Тип образовательной организации.', organizationKinds, 'kind = school'),
      ...organizationFlags,
      orgGroupFilter('которая считается'),
    ],
  },
  {
    kind: 'aggregate',
    name: 'positions',
    label: 'Занятые должности',
    phrase: 'число занятых должностей',
    description:
      'Число педагогических должностей, занятых на дату расчёта. Педагог на двух должностях даёт две ' +
      '(в отличие от teachers, где он считается один раз).',
    example: 'positions(mainJob)',
    filters: [
      flag(
        'mainJob',
        'основное место работы',
        'Должность по основному месту работы.',
        'основные',
        'совместительство',
      ),
      orgKindFilter('где находится должность'),
      orgGroupFilter('где находится должность'),
      stringFilter(
        'position',
        'должность',
        'Наименование должности, точное совпадение.',
        'position = "учитель"',
      ),
    ],
  },
  {
    kind: 'aggregate',
    name: 'vacancies',
    label: 'Вакансии',
    phrase: 'число вакансий',
    description:
      'Сумма вакансий из ежемесячного учёта за последний месяц учёта, не позже даты расчёта ' +
      '(учёт ведётся до 10 числа каждого месяца). Месяц, за который подано «вакансий нет» (количество 0), — ' +
      'тоже месяц учёта: вакансий в нём 0, а не число прошлого месяца.',
    example: 'vacancies(subject = "математика")',
    filters: [
      stringFilter(
        'position',
        'должность',
        'Наименование вакантной должности, точное совпадение.',
        'position = "учитель"',
      ),
      stringFilter('subject', 'предмет', 'Предмет вакансии, точное совпадение.', 'subject = "математика"'),
      orgKindFilter('где открыта вакансия'),
      orgGroupFilter('где открыта вакансия'),
    ],
  },
  {
    kind: 'aggregate',
    name: 'mentoringPrograms',
    label: 'Программы наставничества',
    phrase: 'число программ наставничества',
    description: 'Число программ (планов) наставничества организаций, действующих в отчётном периоде.',
    example: 'mentoringPrograms(orgKind = school)',
    filters: [orgKindFilter('реализующей программу'), orgGroupFilter('реализующей программу')],
  },
  {
    kind: 'aggregate',
    name: 'mentoringPairs',
    label: 'Наставнические пары',
    phrase: 'число наставнических пар',
    description: 'Число наставнических пар, действующих в отчётном периоде.',
    example: 'mentoringPairs(orgKind = school)',
    filters: [
      stringFilter(
        'form',
        'форма наставничества',
        'Форма наставничества, точное совпадение.',
        'form = "педагог — педагог"',
      ),
      orgKindFilter('где сложилась пара'),
      orgGroupFilter('где сложилась пара'),
    ],
  },
  {
    kind: 'aggregate',
    name: 'associations',
    label: 'Методические объединения',
    phrase: 'число МО и сообществ',
    description:
      'Число методических объединений и профессиональных сообществ, действующих в отчётном периоде.',
    example: 'associations(level = municipal)',
    filters: associationFilters(),
  },
  {
    kind: 'aggregate',
    name: 'events',
    label: 'Мероприятия',
    phrase: 'число мероприятий',
    description: 'Число научно-методических мероприятий, проведённых в отчётном периоде.',
    example: 'events(level = municipal)',
    filters: [
      ...eventFilters(),
      flag(
        'byYoung',
        'проведено молодым педагогом',
        'Среди выступающих на мероприятии (роль «выступающий») есть молодой педагог — по правилу программы ' +
          'на дату расчёта. Так считается доля открытых уроков, проведённых молодыми педагогами: ' +
          '`events(type = open_lesson, byYoung) / events(type = open_lesson)`.',
        'проведённых молодыми педагогами',
        'проведённых не молодыми педагогами',
      ),
    ],
  },
  {
    kind: 'aggregate',
    name: 'acts',
    label: 'Нормативные правовые акты',
    phrase: 'число действующих НПА',
    description:
      'Число нормативных правовых актов (НПА), действующих на дату расчёта. Для показателя с единицей ' +
      '«наличие» значение больше нуля означает «есть».',
    example: 'acts(kind = mentoring, level = municipal)',
    filters: [
      enumFilter(
        'kind',
        'вид НПА',
        'О чём акт или что это за документ.',
        actKind,
        'kind = mentoring',
        'НПА {value}',
      ),
      enumFilter(
        'level',
        'уровень',
        'Чей акт: организации или муниципалитета (отдела образования).',
        [
          { code: 'organization', label: 'акт организации' },
          { code: 'municipal', label: 'муниципальный акт' },
        ],
        'level = municipal',
        '{value}',
      ),
    ],
  },
  {
    kind: 'aggregate',
    name: 'reserve',
    label: 'Кадровый резерв',
    phrase: 'число кандидатов кадрового резерва',
    description:
      'Число кандидатов кадрового резерва отчётного периода: включённых в резерв не позже конца периода и не ' +
      'назначенных и не исключённых до его начала. Кандидат относится к выдвинувшей его организации; ' +
      'кандидаты, включённые отделом образования, учитываются только в итоге муниципалитета. С условием ' +
      '`inReserve` — те, кто в резерве на конец периода; `appointed` — назначенные в периоде: доля ' +
      'назначенных — `reserve(appointed) / reserve()`.',
    example: 'reserve(position = head, inReserve)',
    filters: [
      ...reserveFilters,
      flag(
        'fromRegistry',
        'педагог из реестра',
        'Кандидат — педагог из реестра (а не человек со стороны).',
        'педагоги из реестра',
        'не из реестра педагогов',
      ),
      orgKindFilter('выдвинувшей кандидата'),
      orgGroupFilter('выдвинувшей кандидата'),
    ],
  },
  {
    kind: 'aggregate',
    name: 'practices',
    label: 'Банк практик',
    phrase: 'число материалов банка практик',
    description:
      'Число материалов банка практик и методических продуктов, поданных не позже конца отчётного периода, в ' +
      'статусе на конец периода (по истории экспертизы: статус, в который материал перевели последним до этой ' +
      'даты). Материал относится к организации автора; материалы отдела образования учитываются только в итоге ' +
      'муниципалитета. Доля опубликованных из поданных — `practices(status = published) / practices(status != draft)`.',
    example: 'practices(status = published, kind = video_lesson)',
    filters: [
      enumFilter(
        'status',
        'статус',
        'Статус экспертизы на конец периода.',
        practiceStatus,
        'status in (recommended, published)',
        'в статусе «{value}»',
      ),
      enumFilter('kind', 'вид', 'Вид материала.', practiceKind, 'kind = program', 'вид — {value}'),
      enumFilter(
        'stage',
        'уровень образования',
        'Для какого уровня образования.',
        educationStage,
        'stage = noo',
      ),
      stringFilter('subject', 'предмет', 'Предмет материала (точное совпадение).', 'subject = "математика"'),
      orgKindFilter('автора материала'),
    ],
  },
  {
    kind: 'aggregate',
    name: 'websites',
    label: 'Мониторинг сайтов',
    phrase: 'число организаций, на сайтах которых найдено требуемое',
    description:
      'Число организаций, на сайте которых последняя законченная проверка этой организации, начатая не позже ' +
      'конца отчётного периода ' +
      '(страница «Мониторинг сайтов»), нашла требование из перечня отдела; ручная отметка координатора, ' +
      'поставленная не позже конца периода, действует вместо результата проверки (и без проверки). ' +
      'Требование называется кодом из ' +
      'перечня; без него — организации, у которых найдено хоть что-то. Доля ОО, разместивших раздел, — ' +
      '`websites(requirement = "sveden") / organizations()`.',
    example: 'websites(requirement = "employees")',
    filters: [
      stringFilter(
        'requirement',
        'требование',
        'Код требования из перечня «Мониторинг сайтов» (sveden, managers, employees, documents, education, ' +
          'mentoring, monitoring или заданный отделом).',
        'requirement = "sveden"',
      ),
      orgKindFilter('организации'),
      orgGroupFilter('организации'),
    ],
  },
  {
    kind: 'aggregate',
    name: 'staffingNeed',
    label: 'Потребность в кадрах (прогноз)',
    phrase: 'прогноз потребности в педагогах на следующий учебный год',
    description:
      'Прогноз потребности в педагогических кадрах на учебный год, следующий за годом даты расчёта, из реестра ' +
      '(страница «Прогноз кадровой потребности», горизонт 1 год): открытые вакансии последнего месяца учёта + ' +
      'ожидаемое выбытие (педагоги пенсионного возраста по графику 350-ФЗ — с наблюдаемой долей уходящих, ' +
      'остальные — с наблюдаемой долей увольнений за три прошедших учебных года) − ожидаемый приток (молодые ' +
      'педагоги в среднем за год и выпускники целевого обучения этого года). Потребность считается по каждой ' +
      'организации и предмету и не бывает меньше нуля; по нескольким организациям складывается. Значение — ' +
      'дробное (ожидаемое число), до сотых.',
    example: 'staffingNeed(orgKind = school)',
    filters: [orgKindFilter('для которой составлен прогноз')],
  },
  {
    kind: 'aggregate',
    name: 'answers',
    label: 'Ответы анкеты',
    phrase: 'число ответов анкеты',
    description:
      'Число ответов на вопросы анкеты (анкетирование) за отчётный период, по организации отвечавшего. ' +
      '`survey` — код анкеты, `question` — код вопроса (строка матрицы — `вопрос.строка`), `value` — ' +
      'числовой ответ (оценка по шкале, число), `answer` — выбранный вариант ответа. Если на вопрос в ' +
      'организации (для муниципалитета — всего) ответило меньше людей, чем порог анонимности анкеты ' +
      '(обычно 5), значение — «нет данных»: так ни один показатель не раскрывает ответ нескольких человек. ' +
      'Значение муниципалитета учитывает такие скрытые организации, только если в каждом типе организаций их ' +
      'ответивших вместе не меньше порога, иначе считается по показанным организациям — как в итогах анкеты: ' +
      'значение муниципалитета за вычетом показанных не раскрывает скрытую; числитель и знаменатель одного ' +
      'показателя (различаются только `value` и `answer`) оставляют без учёта одни и те же организации. ' +
      'Доля удовлетворённых — `answers(survey = "satisfaction", question = "q1", value >= 4) / ' +
      'answers(survey = "satisfaction", question = "q1")`. Доля педагогов с высоким риском выгорания (шаблон ' +
      'CBI: балл шкалы 50 и больше) — `answers(survey = "burnout", question = "cbi.work", value >= 50) / ' +
      'answers(survey = "burnout", question = "cbi.work")`.',
    example: 'answers(survey = "satisfaction", question = "q1", value >= 4)',
    filters: surveyFilters(),
  },
  {
    kind: 'aggregate',
    name: 'answerSum',
    label: 'Сумма оценок анкеты',
    phrase: 'сумма числовых ответов анкеты',
    description:
      'Сумма числовых ответов (оценок по шкале, чисел) на вопросы анкеты, с теми же условиями и тем же ' +
      'порогом анонимности, что `answers`. Средний балл вопроса — `answerSum(survey = "satisfaction", ' +
      'question = "q1") / answers(survey = "satisfaction", question = "q1")`.',
    example: 'answerSum(survey = "satisfaction", question = "q1")',
    filters: surveyFilters(),
  },
  {
    kind: 'form_field',
    name: 'form',
    label: 'Поле формы сбора',
    phrase: 'значение поля формы',
    description:
      'Числовое значение, которое организации указали в форме сбора текущего мониторинга, по коду поля; ' +
      'по нескольким организациям значения складываются. Код поля — строчные латинские буквы, цифры и «_».',
    example: 'form("staffed_positions")',
  },
];

const byName = new Map(CATALOG.map((fn) => [fn.name, fn]));

/** Names of all functions, in catalog order. */
export const FUNCTION_NAMES: readonly FunctionName[] = CATALOG.map((fn) => fn.name);

/** The catalog entry of a function, or undefined for an unknown name (names are case-sensitive). */
export function findFunction(name: string): CatalogFunction | undefined {
  return byName.get(name as FunctionName);
}

/** The filter of that name among `filters`, or undefined. */
export function findFilter(filters: readonly Filter[], name: string): Filter | undefined {
  return filters.find((f) => f.name === name);
}

/**
 * The catalog entry of the filter a condition names: `path` is the function name followed by the
 * nested filter names leading to it, e.g. `findFilterByPath(['teachers', 'diagnosed', 'level'])`.
 */
export function findFilterByPath(path: readonly string[]): Filter | undefined {
  const fn = findFunction(path[0]);
  if (!fn || fn.kind !== 'aggregate') return undefined;
  let filters: readonly Filter[] = fn.filters;
  let found: Filter | undefined;
  for (const name of path.slice(1)) {
    found = findFilter(filters, name);
    if (!found) return undefined;
    filters = found.kind === 'nested' ? found.filters : [];
  }
  return found;
}
