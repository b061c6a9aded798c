import { allowedValues } from '../workbook/instructions.ts';
import { listSheetColumns } from '../workbook/write.ts';
import { LIST_SEPARATOR, type CellType } from './cells.ts';
import { INSTRUCTIONS_SHEET, LISTS_SHEET, SHEETS, TEACHER_RULE, type ColumnSpec } from './sheets.ts';

/**
 * The reference part of docs/exchange-format.md, generated from the sheet specs so the page cannot drift from
 * the workbook the server writes and reads (format-doc.test.ts compares them).
 */
export const FORMAT_DOC_BEGIN =
  '<!-- exchange-format:begin (generated from server/modules/exchange/format) -->';
export const FORMAT_DOC_END = '<!-- exchange-format:end -->';

const NAME_LISTS: Record<Extract<CellType, { kind: 'name' }>['list'], string> = {
  providers: 'Организации, проводящие обучение',
  associations: 'Методические объединения',
  programs: 'Программы наставничества',
};

const cellText = (text: string) => text.replace(/\|/g, '\\|').replace(/\s+/g, ' ').trim();

function valueOf(type: CellType): string {
  switch (type.kind) {
    case 'id':
      return 'номер записи в системе (целое число)';
    case 'text':
      return 'текст';
    case 'snils':
      return 'СНИЛС: 11 цифр с верным контрольным числом, дефисы и пробел не обязательны';
    case 'date':
      return 'дата дд.мм.гггг (или дата Excel)';
    case 'month':
      return 'месяц мм.гггг (или любая дата этого месяца)';
    case 'int':
      return 'целое число';
    case 'number':
      return 'число с десятичной запятой';
    case 'bool':
      return '«да» или «нет»';
    case 'enum':
      return `одно из: ${type.enumeration.values.map((v) => `«${type.enumeration.label[v]}»`).join(', ')}`;
    case 'enumList':
      return (
        `несколько через «${LIST_SEPARATOR}» из: ` +
        type.enumeration.values.map((v) => `«${type.enumeration.label[v]}»`).join(', ')
      );
    case 'textList':
      return `несколько значений через «${LIST_SEPARATOR}»`;
    case 'name':
      return `название из столбца «${NAME_LISTS[type.list]}» листа «${LISTS_SHEET}»`;
  }
}

function requiredOf(c: ColumnSpec): string {
  if (/^(teacher|mentor|mentee)\.(name|snils|birthDate)$/.test(c.key)) return 'см. правило педагога';
  return c.required ? 'да' : 'нет';
}

const LIST_NOTE = `несколько значений через «${LIST_SEPARATOR}»`;

function columnRow(c: ColumnSpec): string {
  // The list separator is in the value column already.
  const own = c.note?.startsWith(LIST_NOTE) ? c.note.slice(LIST_NOTE.length).replace(/^;\s*/, '') : c.note;
  const note = [own, c.isId ? 'не изменяйте' : null].filter(Boolean).join('; ');
  return `| ${[`«${c.header}»`, requiredOf(c), valueOf(c.type), note].map(cellText).join(' | ')} |`;
}

/** The generated section: sheets in workbook order with every column, the lists sheet, the allowed values. */
export function formatMarkdown(): string {
  const lines: string[] = [];
  const push = (...more: string[]) => lines.push(...more);
  push('## Листы книги', '');
  push(
    `Книга состоит из листов в таком порядке: «${INSTRUCTIONS_SHEET}», ` +
      `${SHEETS.map((s) => `«${s.name}»`).join(', ')} и скрытый лист «${LISTS_SHEET}».`,
    '',
  );
  push('| лист | строка без ID находится по ключу |', '| --- | --- |');
  for (const s of SHEETS) push(`| ${[`«${s.name}»`, s.key].map(cellText).join(' | ')} |`);
  push('', `**Правило педагога.** ${TEACHER_RULE}`, '');
  for (const s of SHEETS) {
    push(`### «${s.name}»`, '', s.about, '');
    push(`Строка без ID находится по ключу: ${s.key}.`, '');
    push('| столбец | обязательный | значение | пояснение |', '| --- | --- | --- | --- |');
    for (const c of s.columns) push(columnRow(c));
    push('');
  }
  push(`## Скрытый лист «${LISTS_SHEET}»`, '');
  push(
    'Из столбцов этого листа берутся выпадающие списки. При загрузке лист не читается: значения проверяются ' +
      'по данным системы на момент загрузки.',
    '',
  );
  push('| столбец | откуда значения |', '| --- | --- |');
  for (const l of listSheetColumns()) push(`| ${[`«${l.title}»`, l.source].map(cellText).join(' | ')} |`);
  push('', '## Допустимые значения', '');
  push(
    'Значение списка пишется так, как в таблице (регистр и буква «ё» не важны). Столбцы, которые его принимают:',
    '',
  );
  push('| столбцы | значения |', '| --- | --- |');
  for (const a of allowedValues())
    push(`| ${[a.columns.join(', '), a.values.map((v) => `«${v}»`).join(', ')].map(cellText).join(' | ')} |`);
  return lines.join('\n');
}
