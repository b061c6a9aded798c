import type { Enumeration } from '../../../../core/enums.ts';
import { LIST_SEPARATOR } from '../format/cells.ts';
import { LISTS_SHEET, SHEETS, TEACHER_RULE, type SheetSpec } from '../format/sheets.ts';

export interface InstructionLine {
  text: string;
  style?: 'title' | 'heading';
}

/** The allowed values of every enumeration the workbook uses, with the columns that use it. */
export function allowedValues(): { columns: string[]; values: string[] }[] {
  const byEnumeration = new Map<Enumeration<string>, Set<string>>();
  for (const sheet of SHEETS) {
    for (const c of sheet.columns) {
      if (c.type.kind !== 'enum' && c.type.kind !== 'enumList') continue;
      const set = byEnumeration.get(c.type.enumeration) ?? new Set();
      set.add(`«${c.header}» (${sheet.name})`);
      byEnumeration.set(c.type.enumeration, set);
    }
  }
  return [...byEnumeration].map(([e, columns]) => ({
    columns: [...columns],
    values: e.values.map((v) => e.label[v]),
  }));
}

/**
 * What a blank or a missing column means, written once for the instructions and the docs (the required columns
 * of each sheet are listed with it, and the note of a required column's header says so).
 */
export const OPTIONAL_RULE =
  'Обязательные столбцы перечислены ниже для каждого листа и отмечены в примечании к заголовку. Остальные ' +
  'столбцы можно оставить пустыми или удалить из листа: пусто значит «не указано» (у «да/нет» — «нет», у ' +
  '«Основное место работы» — «да», у «Соответствует профилю» — «не указано»). Если столбца нет в строке ' +
  'заголовков, у существующих записей его значения не меняются.';

/** The required columns of a sheet in words; the teacher of a row is named by the rule of TEACHER_RULE. */
export function requiredColumns(sheet: SheetSpec): string {
  const names = sheet.columns.filter((c) => c.required).map((c) => `«${c.header}»`);
  const people = [...new Set(sheet.columns.map((c) => /^(teacher|mentor|mentee)\.name$/.exec(c.key)?.[1]))]
    .filter(Boolean)
    .map((g) => ({ teacher: 'педагог', mentor: 'наставник', mentee: 'наставляемый' })[g as 'teacher']);
  return [...people.map((p) => `${p} (по правилу педагога)`), ...names].join(', ');
}

/** The text of the sheet «Инструкция». */
export function instructionLines(options: {
  organization: { shortName: string; name: string };
  date: string;
  isTemplate: boolean;
}): InstructionLine[] {
  const lines: InstructionLine[] = [
    { text: `Сведения организации для реестра профессионального развития педагогов`, style: 'title' },
    { text: `${options.organization.name} (${options.organization.shortName})` },
    {
      text: options.isTemplate
        ? `Пустой шаблон от ${options.date}: заполните листы и загрузите книгу в разделе «Загрузка и выгрузка».`
        : `Выгружено ${options.date}. Измените данные и загрузите книгу обратно в разделе «Загрузка и выгрузка»: ` +
          'перед применением система покажет, что изменится, и все ошибки.',
    },
    { text: '' },
    { text: 'Как работать с книгой', style: 'heading' },
    { text: '• Добавить запись — заполните новую строку внизу листа; столбцы «ID» оставьте пустыми.' },
    { text: '• Изменить запись — исправьте значения в её строке.' },
    {
      text:
        '• Удалить запись — удалите строку целиком. Запись, которой нет на загруженном листе, будет удалена. ' +
        'Если листа в файле нет совсем, данные этого вида не меняются.',
    },
    {
      text:
        '• Удаление строки на листе «Педагоги» удаляет только должность в этой организации. Педагог, который ' +
        'работает и в других организациях, остаётся в реестре со всеми сведениями; педагог, который больше ' +
        'нигде не работает, удаляется из реестра целиком. Чтобы отметить увольнение, заполните «Дата увольнения» — ' +
        'строка останется в истории организации.',
    },
    {
      text:
        '• Не изменяйте столбцы «ID» (серые): по ним система узнаёт запись. В новой строке они пустые. ' +
        'Строка без ID сопоставляется с записью по ключу, указанному для листа ниже, поэтому повторная ' +
        'загрузка того же файла ничего не меняет.',
    },
    { text: `• ${TEACHER_RULE}` },
    { text: `• ${OPTIONAL_RULE}` },
    {
      text:
        '• На листах сведений о педагогах (образование, аттестация, диагностики и другие) — педагоги, которые ' +
        'работают в организации на дату выгрузки; сведения уволившихся ведёт организация, где они работают.',
    },
    {
      text:
        '• Сведения совместителя принадлежат организации, которая их внесла: записи, внесённые другой ' +
        'организацией, где он работает, эта книга не изменяет и не удаляет — их строки можно оставить как есть ' +
        'или удалить.',
    },
    { text: '' },
    { text: 'Форматы', style: 'heading' },
    {
      text: '• Даты — дд.мм.гггг, например 01.09.2025. Месяц вакансий — мм.гггг или любая дата этого месяца.',
    },
    { text: '• Дробные числа — с десятичной запятой: 0,5; 1,25.' },
    { text: '• «да» или «нет» — из выпадающего списка.' },
    {
      text: `• Несколько значений в одной ячейке (предметы, тематика, области, коды дефицитов) — через «${LIST_SEPARATOR}».`,
    },
    {
      text: '• СНИЛС — 11 цифр, можно с дефисами: 123-456-789 64. Последние две цифры — контрольное число, проверяется.',
    },
    {
      text:
        `• Списки допустимых значений, названий организаций обучения, объединений, программ наставничества и кодов ` +
        `дефицитов — на скрытом листе «${LISTS_SHEET}» (правой кнопкой по ярлыку листа → «Показать»).`,
    },
    { text: '' },
    { text: 'Листы', style: 'heading' },
    ...SHEETS.map((s) => ({
      text:
        `«${s.name}» — ${s.about} Строка без ID находится по ключу: ${s.key}. ` +
        `Обязательные столбцы: ${requiredColumns(s)}.`,
    })),
    { text: '' },
    { text: 'Допустимые значения', style: 'heading' },
    ...allowedValues().map((a) => ({ text: `${a.columns.join(', ')}: ${a.values.join('; ')}.` })),
  ];
  return lines;
}
