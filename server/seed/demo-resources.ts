import type { ResourceKind } from '../../core/iom/builder.ts';

/**
 * The demo district's catalog for the ИОМ builder: for every deficit of the default catalog, what the
 * region and the district offer — courses of the ЦНППМ, the institute and the Academy, municipal seminars,
 * mentoring and consultations, open materials for self-study.
 */
export interface DemoResource {
  code: string;
  kind: ResourceKind;
  title: string;
  provider?: string;
  hours?: number;
  url?: string;
}

const CNPPM = 'ЦНППМ Ростовской области';
const RIPK =
  'ГБУ ДПО РО «Ростовский институт повышения квалификации и профессиональной переподготовки работников образования»';
const ACADEMY = 'ФГАОУ ДПО «Академия Минпросвещения России»';
const ISO = 'АНО ДПО «Институт современного образования»';
const RMK = 'Методический кабинет отдела образования';

export const DEMO_RESOURCES: DemoResource[] = [
  {
    code: 'П-01',
    kind: 'course',
    title: 'Методика решения задач повышенного уровня сложности (подготовка к ЕГЭ)',
    provider: CNPPM,
    hours: 36,
  },
  {
    code: 'П-01',
    kind: 'event',
    title: 'Предметный практикум РМО: разбор заданий с развёрнутым ответом',
    provider: RMK,
  },
  {
    code: 'П-01',
    kind: 'self_study',
    title: 'Открытый банк заданий ЕГЭ и ОГЭ: решение и анализ заданий',
    provider: 'ФГБНУ «ФИПИ»',
    url: 'https://fipi.ru',
  },
  {
    code: 'П-02',
    kind: 'course',
    title: 'Реализация требований обновлённых ФГОС НОО, ФГОС ООО в работе учителя',
    provider: ACADEMY,
    hours: 36,
  },
  {
    code: 'П-02',
    kind: 'event',
    title: 'Вебинар «Обновлённые ФГОС и ФОП: типичные затруднения»',
    provider: RMK,
  },
  {
    code: 'П-02',
    kind: 'self_study',
    title: 'Федеральные образовательные программы и конструктор рабочих программ',
    provider: 'Единое содержание общего образования',
    url: 'https://edsoo.ru',
  },
  {
    code: 'П-03',
    kind: 'course',
    title: 'Формирование метапредметных результатов обучающихся',
    provider: RIPK,
    hours: 72,
  },
  {
    code: 'П-03',
    kind: 'event',
    title: 'Методический семинар «Интегрированный урок: межпредметные связи»',
    provider: RMK,
  },
  {
    code: 'П-03',
    kind: 'mentoring',
    title: 'Взаимопосещение уроков с учителем смежного предмета (межпредметная пара)',
  },
  {
    code: 'М-01',
    kind: 'course',
    title: 'Проектирование современного урока в системно-деятельностном подходе',
    provider: CNPPM,
    hours: 36,
  },
  {
    code: 'М-01',
    kind: 'mentoring',
    title: 'Наставничество: совместное проектирование и анализ уроков с наставником',
  },
  { code: 'М-01', kind: 'event', title: 'Фестиваль открытых уроков', provider: RMK },
  {
    code: 'М-02',
    kind: 'course',
    title: 'Функциональная грамотность: методика формирования',
    provider: CNPPM,
    hours: 72,
  },
  {
    code: 'М-02',
    kind: 'event',
    title: 'Семинар-практикум «Функциональная грамотность на уроке»',
    provider: RMK,
  },
  {
    code: 'М-02',
    kind: 'self_study',
    title: 'Банк заданий по функциональной грамотности «Российской электронной школы»',
    url: 'https://fg.resh.edu.ru',
  },
  {
    code: 'М-03',
    kind: 'course',
    title: 'Цифровая образовательная среда: ФГИС «Моя школа»',
    provider: ISO,
    hours: 24,
  },
  { code: 'М-03', kind: 'event', title: 'Мастер-класс «Цифровые сервисы и ЦОК на уроке»', provider: RMK },
  {
    code: 'М-03',
    kind: 'self_study',
    title: 'Каталог цифрового образовательного контента',
    url: 'https://educont.ru',
  },
  {
    code: 'М-04',
    kind: 'course',
    title: 'Организация проектной и исследовательской деятельности обучающихся',
    provider: RIPK,
    hours: 36,
  },
  {
    code: 'М-04',
    kind: 'mentoring',
    title: 'Консультации руководителя творческой группы по сопровождению проектов',
  },
  {
    code: 'М-04',
    kind: 'event',
    title: 'Муниципальная конференция проектных работ школьников: работа в экспертной группе',
    provider: RMK,
  },
  {
    code: 'М-05',
    kind: 'course',
    title: 'Выявление, поддержка и развитие способностей и талантов у детей и молодёжи',
    provider: RIPK,
    hours: 36,
  },
  {
    code: 'М-05',
    kind: 'event',
    title: 'Семинар «Подготовка обучающихся к олимпиадам: школьный и муниципальный этапы»',
    provider: RMK,
  },
  {
    code: 'М-05',
    kind: 'self_study',
    title: 'Материалы образовательного центра «Сириус» для педагогов',
    url: 'https://sochisirius.ru',
  },
  {
    code: 'О-01',
    kind: 'course',
    title: 'Разработка контрольно-измерительных материалов и оценочных средств',
    provider: CNPPM,
    hours: 36,
  },
  { code: 'О-01', kind: 'mentoring', title: 'Консультации методиста по разработке КИМ' },
  {
    code: 'О-01',
    kind: 'self_study',
    title: 'Демоверсии, спецификации и кодификаторы ФИПИ',
    provider: 'ФГБНУ «ФИПИ»',
    url: 'https://fipi.ru',
  },
  {
    code: 'О-02',
    kind: 'course',
    title: 'Формирующее оценивание и работа с результатами оценочных процедур',
    provider: CNPPM,
    hours: 36,
  },
  { code: 'О-02', kind: 'event', title: 'Мастер-класс «Формирующее оценивание»', provider: RMK },
  { code: 'О-02', kind: 'mentoring', title: 'Взаимопосещение уроков с наставником с фокусом на оценивание' },
  {
    code: 'О-03',
    kind: 'course',
    title: 'Оценка качества образования: ВПР, ОГЭ, ЕГЭ как инструмент управления',
    provider: RIPK,
    hours: 72,
  },
  {
    code: 'О-03',
    kind: 'event',
    title: 'Семинар «Анализ результатов ВПР и коррекция рабочих программ»',
    provider: RMK,
  },
  {
    code: 'О-03',
    kind: 'self_study',
    title: 'Аналитические материалы ФИОКО по результатам оценочных процедур',
    provider: 'ФГБУ «ФИОКО»',
    url: 'https://fioco.ru',
  },
  {
    code: 'ПП-01',
    kind: 'course',
    title: 'Инклюзивное образование обучающихся с ОВЗ',
    provider: ISO,
    hours: 72,
  },
  {
    code: 'ПП-01',
    kind: 'mentoring',
    title: 'Консультации педагога-психолога и учителя-дефектолога психолого-педагогического консилиума',
  },
  {
    code: 'ПП-01',
    kind: 'event',
    title: 'Семинар «Адаптированные образовательные программы: разработка и реализация»',
    provider: RMK,
  },
  {
    code: 'ПП-02',
    kind: 'course',
    title: 'Разговоры о важном: система работы классного руководителя',
    provider: ACADEMY,
    hours: 58,
  },
  {
    code: 'ПП-02',
    kind: 'event',
    title: 'Семинар МО классных руководителей «Профилактика деструктивного поведения»',
    provider: RMK,
  },
  { code: 'ПП-02', kind: 'mentoring', title: 'Консультации социального педагога и педагога-психолога' },
  {
    code: 'ПП-03',
    kind: 'course',
    title: 'Взаимодействие педагога с родителями (законными представителями) обучающихся',
    provider: RIPK,
    hours: 36,
  },
  {
    code: 'ПП-03',
    kind: 'event',
    title: 'Практикум «Родительское собрание: современные формы»',
    provider: RMK,
  },
  {
    code: 'ПП-03',
    kind: 'self_study',
    title: 'Изучение опыта школ района: сценарии родительских собраний (методическая копилка РМК)',
  },
  {
    code: 'ПП-04',
    kind: 'course',
    title: 'Повышение качества образования в школах с низкими образовательными результатами',
    provider: CNPPM,
    hours: 36,
  },
  {
    code: 'ПП-04',
    kind: 'event',
    title: 'Круглый стол «Работа со школами с низкими результатами»',
    provider: RMK,
  },
  {
    code: 'ПП-04',
    kind: 'mentoring',
    title: 'Методический десант: наставничество учителя школы с низкими результатами',
  },
];
