import type { z } from 'zod';
import { countOf, formatNumber, formatQuantity } from '../../core/format.ts';

/**
 * The messages of refused request fields, in the words of the person who filled the form: zod's own Russian
 * locale says «ожидалось string, получено число» and «ожидалось, что array будет иметь >=1 элемент». The
 * field's name is added by describeProblem (field-labels.ts); this says only what is wrong with its value.
 */
type Issue = Parameters<z.core.$ZodErrorMap>[0];

const TYPES: Record<string, string> = {
  string: 'ожидался текст',
  number: 'ожидалось число',
  int: 'ожидалось целое число',
  bigint: 'ожидалось целое число',
  boolean: 'ожидалось «да» или «нет»',
  date: 'ожидалась дата',
  array: 'ожидался список',
  tuple: 'ожидался список',
  object: 'ожидался набор полей',
  record: 'ожидался набор полей',
  file: 'ожидался файл',
};

const FORMATS: Record<string, string> = {
  date: 'ожидалась дата в виде ГГГГ-ММ-ДД',
  datetime: 'ожидались дата и время',
  time: 'ожидалось время',
  email: 'некорректный адрес электронной почты',
  url: 'некорректная ссылка',
};

const CHARACTERS = ['символа', 'символов', 'символов'] as const;
const CHARACTERS_EXACT = ['символ', 'символа', 'символов'] as const;
const ITEMS = ['элемента', 'элементов', 'элементов'] as const;

const quoted = (value: unknown) => `«${String(value)}»`;

function bound(issue: Issue & { code: 'too_small' | 'too_big' }): string {
  const small = issue.code === 'too_small';
  const limit = Number(small ? issue.minimum : issue.maximum);
  const inclusive = issue.inclusive !== false;
  switch (issue.origin) {
    case 'string':
      if (small && limit <= 1) return 'не может быть пустым';
      if (issue.exact) return `ровно ${countOf(limit, CHARACTERS_EXACT)}`;
      return small ? `не короче ${countOf(limit, CHARACTERS)}` : `не длиннее ${countOf(limit, CHARACTERS)}`;
    case 'array':
    case 'set':
      if (small && limit <= 1) return 'выберите хотя бы один элемент';
      return small ? `не меньше ${countOf(limit, ITEMS)}` : `не больше ${countOf(limit, ITEMS)}`;
    case 'file':
      return small ? 'файл пуст' : `файл больше ${formatNumber(limit / 1024 / 1024, 0)} МБ`;
    case 'date':
      return small ? 'дата слишком ранняя' : 'дата слишком поздняя';
    default: {
      const n = formatQuantity(limit);
      if (small) return inclusive ? `не меньше ${n}` : `больше ${n}`;
      return inclusive ? `не больше ${n}` : `меньше ${n}`;
    }
  }
}

export function russianIssueMessage(issue: Issue): string {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'обязательное поле';
      if (issue.input === null) return 'не может быть пустым';
      return TYPES[issue.expected] ?? 'некорректное значение';
    case 'too_small':
    case 'too_big':
      return bound(issue);
    case 'invalid_format':
      return FORMATS[issue.format] ?? 'значение не в том формате';
    case 'invalid_value':
      return issue.values.length === 1
        ? `ожидалось значение ${quoted(issue.values[0])}`
        : `ожидалось одно из значений: ${issue.values.map(quoted).join(', ')}`;
    case 'not_multiple_of':
      return issue.divisor === 1 ? TYPES.int : `ожидалось число, кратное ${formatQuantity(issue.divisor)}`;
    case 'unrecognized_keys':
      return issue.keys.length === 1
        ? `неизвестное поле ${quoted(issue.keys[0])}`
        : `неизвестные поля: ${issue.keys.map(quoted).join(', ')}`;
    case 'invalid_union':
      return 'значение не подходит ни под один из допустимых вариантов';
    case 'invalid_key':
      return 'некорректный ключ';
    case 'invalid_element':
      return 'некорректный элемент списка';
    default:
      return issue.message ?? 'некорректное значение';
  }
}

/** Installs the messages for every schema of the process (`z.config({ localeError })`). */
export function installRussianMessages(zod: typeof z) {
  zod.config({ localeError: (issue) => russianIssueMessage(issue) });
}
