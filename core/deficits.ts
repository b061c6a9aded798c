/**
 * The default catalog of professional deficits (профессиональные дефициты), by competence area, as the
 * regional diagnostics (ЦНППМ, оценка предметных и методических компетенций) name them. A municipality
 * can extend it; codes are what diagnostics and ИОМ steps reference.
 */
export interface DeficitDefinition {
  code: string;
  area: 'subject' | 'methodical' | 'assessment' | 'psychological';
  title: string;
}

export const DEFAULT_DEFICITS: DeficitDefinition[] = [
  { code: 'П-01', area: 'subject', title: 'Решение предметных задач повышенного уровня сложности' },
  { code: 'П-02', area: 'subject', title: 'Знание содержания обновлённых ФГОС и ФОП по предмету' },
  { code: 'П-03', area: 'subject', title: 'Межпредметные связи и метапредметные результаты' },
  { code: 'М-01', area: 'methodical', title: 'Проектирование урока в системно-деятельностном подходе' },
  { code: 'М-02', area: 'methodical', title: 'Формирование функциональной грамотности обучающихся' },
  { code: 'М-03', area: 'methodical', title: 'Использование цифровых образовательных ресурсов' },
  { code: 'М-04', area: 'methodical', title: 'Организация проектной и исследовательской деятельности' },
  { code: 'М-05', area: 'methodical', title: 'Работа с одарёнными обучающимися' },
  { code: 'О-01', area: 'assessment', title: 'Разработка контрольно-измерительных материалов' },
  { code: 'О-02', area: 'assessment', title: 'Критериальное оценивание и формирующее оценивание' },
  { code: 'О-03', area: 'assessment', title: 'Анализ результатов оценочных процедур (ВПР, ОГЭ, ЕГЭ)' },
  { code: 'ПП-01', area: 'psychological', title: 'Работа с обучающимися с ОВЗ (инклюзивное образование)' },
  {
    code: 'ПП-02',
    area: 'psychological',
    title: 'Профилактика деструктивного поведения, классное руководство',
  },
  { code: 'ПП-03', area: 'psychological', title: 'Взаимодействие с родителями (законными представителями)' },
  {
    code: 'ПП-04',
    area: 'psychological',
    title: 'Мотивация обучающихся с низкими образовательными результатами',
  },
];
