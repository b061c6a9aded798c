import type { OrganizationKind } from '../../core/enums.ts';

/** The demo district: a plausible rural Russian municipal district of 25 organizations. */
export const DEMO_REGION = { name: 'Ростовская область', code: '61' };

export const DEMO_MUNICIPALITY = {
  name: 'Приреченский район',
  departmentName: 'Муниципальное учреждение «Отдел образования Администрации Приреченского района»',
  departmentAddress: 'ул. Ленина, д. 12, сл. Приреченская, Приреченский район, Ростовская область, 346800',
  departmentPhone: '8 (86349) 2-14-56',
  departmentEmail: 'roo@prirechensky.example.ru',
  departmentRequisites: 'ОКПО 02106543, ОГРН 1026101234567, ИНН/КПП 6122004567/612201001',
  headName: 'Р.В. Беззубцева',
  headPosition: 'Начальник отдела образования',
};

export interface DemoOrganizationSpec {
  shortName: string;
  name: string;
  kind: OrganizationKind;
  size: number;
  isLowResults?: boolean;
  isHardSocialConditions?: boolean;
  address: string;
  /** Realistic gaps: a school that never runs diagnostics, never writes ИОМ, or is short of staff. */
  neverDiagnoses?: boolean;
  noRoutes?: boolean;
  hasVacancies?: boolean;
}

const school = (
  n: number,
  settlement: string,
  size: number,
  extra: Partial<DemoOrganizationSpec> = {},
): DemoOrganizationSpec => ({
  shortName: `МБОУ СОШ № ${n}`,
  name: `Муниципальное бюджетное общеобразовательное учреждение средняя общеобразовательная школа № ${n} ${settlement}`,
  kind: 'school',
  size,
  address: `${settlement}, ул. ${['Школьная', 'Мира', 'Советская', 'Центральная', 'Садовая'][n % 5]}, д. ${n + 3}`,
  ...extra,
});

const basic = (
  n: number,
  settlement: string,
  size: number,
  extra: Partial<DemoOrganizationSpec> = {},
): DemoOrganizationSpec => ({
  shortName: `МБОУ ООШ № ${n}`,
  name: `Муниципальное бюджетное общеобразовательное учреждение основная общеобразовательная школа № ${n} ${settlement}`,
  kind: 'school',
  size,
  address: `${settlement}, ул. Молодёжная, д. ${n}`,
  ...extra,
});

const kindergarten = (
  n: number,
  title: string,
  settlement: string,
  size: number,
  extra: Partial<DemoOrganizationSpec> = {},
): DemoOrganizationSpec => ({
  shortName: `МБДОУ д/с № ${n} «${title}»`,
  name: `Муниципальное бюджетное дошкольное образовательное учреждение детский сад № ${n} «${title}» ${settlement}`,
  kind: 'preschool',
  size,
  address: `${settlement}, пер. ${['Солнечный', 'Зелёный', 'Степной'][n % 3]}, д. ${n + 1}`,
  ...extra,
});

export const DEMO_ORGANIZATIONS: DemoOrganizationSpec[] = [
  school(1, 'сл. Приреченская', 70, { hasVacancies: true }),
  school(2, 'сл. Приреченская', 55),
  school(3, 'х. Весёлый', 36, { noRoutes: true }),
  school(4, 'с. Красный Яр', 34, { isLowResults: true, hasVacancies: true }),
  school(5, 'х. Калиновка', 26, {
    isLowResults: true,
    isHardSocialConditions: true,
    neverDiagnoses: true,
    noRoutes: true,
  }),
  school(6, 'с. Ольгинка', 31, { noRoutes: true }),
  school(7, 'х. Дубовый', 24, { isHardSocialConditions: true, noRoutes: true }),
  school(8, 'п. Степной', 29),
  school(9, 'с. Андреевка', 38, { noRoutes: true }),
  school(10, 'х. Заречный', 22, {
    isLowResults: true,
    neverDiagnoses: true,
    noRoutes: true,
    hasVacancies: true,
  }),
  basic(11, 'х. Ясный', 15, { noRoutes: true }),
  basic(12, 'х. Луговой', 14, { neverDiagnoses: true, noRoutes: true }),
  basic(13, 'х. Кирпичный', 13, { isHardSocialConditions: true, noRoutes: true }),
  kindergarten(1, 'Солнышко', 'сл. Приреченская', 26),
  kindergarten(2, 'Колокольчик', 'сл. Приреченская', 24, { hasVacancies: true }),
  kindergarten(3, 'Радуга', 'с. Красный Яр', 17),
  kindergarten(4, 'Ромашка', 'х. Весёлый', 13, { neverDiagnoses: true }),
  kindergarten(5, 'Теремок', 'с. Ольгинка', 14),
  kindergarten(6, 'Берёзка', 'с. Андреевка', 12),
  kindergarten(7, 'Ласточка', 'п. Степной', 12, { noRoutes: true }),
  kindergarten(8, 'Золотой ключик', 'х. Калиновка', 11, { neverDiagnoses: true }),
  kindergarten(9, 'Сказка', 'х. Ясный', 9),
  {
    shortName: 'МБУ ДО ДДТ',
    name: 'Муниципальное бюджетное учреждение дополнительного образования Дом детского творчества Приреченского района',
    kind: 'additional',
    size: 28,
    address: 'сл. Приреченская, ул. Ленина, д. 20',
  },
  {
    shortName: 'МБУ ДО ДЮСШ',
    name: 'Муниципальное бюджетное учреждение дополнительного образования Детско-юношеская спортивная школа',
    kind: 'additional',
    size: 19,
    address: 'сл. Приреченская, ул. Спортивная, д. 2',
  },
  {
    shortName: 'МБУ ДО СЮН',
    name: 'Муниципальное бюджетное учреждение дополнительного образования Станция юных натуралистов',
    kind: 'additional',
    size: 10,
    address: 'с. Красный Яр, ул. Садовая, д. 9',
    neverDiagnoses: true,
  },
];

/** School subjects with their share of teaching staff. */
export const SCHOOL_SUBJECTS: [string, number][] = [
  ['начальные классы', 22],
  ['русский язык и литература', 14],
  ['математика', 12],
  ['иностранный язык', 9],
  ['история и обществознание', 7],
  ['физическая культура', 6],
  ['биология', 4],
  ['химия', 3],
  ['физика', 3],
  ['география', 3],
  ['информатика', 3],
  ['технология', 3],
  ['музыка', 2],
  ['изобразительное искусство', 2],
  ['ОБЗР', 2],
];

export const SCHOOL_SPECIALISTS: [string, number][] = [
  ['педагог-психолог', 2],
  ['социальный педагог', 2],
  ['учитель-логопед', 1],
  ['педагог-организатор', 1],
  ['советник директора по воспитанию', 1],
];

export const PRESCHOOL_POSITIONS: [string, number][] = [
  ['воспитатель', 70],
  ['музыкальный руководитель', 8],
  ['инструктор по физической культуре', 6],
  ['учитель-логопед', 6],
  ['педагог-психолог', 5],
  ['старший воспитатель', 5],
];

export const ADDITIONAL_POSITIONS: [string, number][] = [
  ['педагог дополнительного образования', 70],
  ['тренер-преподаватель', 15],
  ['методист', 10],
  ['педагог-организатор', 5],
];

export const UNIVERSITIES = [
  'ФГБОУ ВО «Южный федеральный университет»',
  'ФГБОУ ВО «Ростовский государственный экономический университет (РИНХ)»',
  'Таганрогский институт имени А.П. Чехова (филиал) РГЭУ (РИНХ)',
  'ФГБОУ ВО «Донской государственный технический университет»',
  'ФГБОУ ВО «Волгоградский государственный социально-педагогический университет»',
];

export const COLLEGES = [
  'ГБПОУ РО «Донской педагогический колледж»',
  'ГБПОУ РО «Шахтинский педагогический колледж»',
  'ГБПОУ РО «Зерноградский педагогический колледж»',
];
