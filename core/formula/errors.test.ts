import { describe, expect, it } from 'vitest';
import type { FormulaError } from './ast.ts';
import { editDistance, nearest } from './errors.ts';
import { parseFormula } from './index.ts';

const errorsOf = (text: string): FormulaError[] => {
  const result = parseFormula(text);
  if (result.ok) expect.fail(`«${text}» was accepted`);
  return result.errors;
};

/** The only error, as [message, position, length]. */
const onlyError = (text: string) => {
  const errors = errorsOf(text);
  expect(errors.map((e) => e.message)).toHaveLength(1);
  return [errors[0].message, errors[0].position, errors[0].length];
};

const LEVELS =
  'Фильтр «level» принимает значения: institutional (институциональный), municipal (муниципальный), ' +
  'regional (региональный), federal (федеральный).';

describe('parseFormula: errors', () => {
  it.each([
    // empty
    ['', 'Пустая формула.', 0, 0],
    ['  # только комментарий\n', 'Пустая формула.', 0, 0],
    // lexical
    [
      'teachers(young;mentee)',
      'Недопустимый символ «;» (строка 1, позиция 15). Условия разделяются запятой.',
      14,
      1,
    ],
    [
      'teachers(experience == 5)',
      'Недопустимый знак «==» (строка 1, позиция 21). Для равенства пишется один знак «=».',
      20,
      2,
    ],
    [
      'teachers(experience <> 5)',
      'Недопустимый знак «<>» (строка 1, позиция 21). Для «не равно» пишется «!=».',
      20,
      2,
    ],
    [
      'teachers(subject = "математика)',
      'Не закрыта строка: нет закрывающей кавычки «"» (строка 1, позиция 20).',
      19,
      12,
    ],
    [
      'teachers() * 1.',
      'Неверная запись числа «1.» (строка 1, позиция 14). Число пишется цифрами, дробная часть — через точку: 0.5.',
      13,
      2,
    ],
    // syntax
    [
      'teachers(young',
      'Ожидалась закрывающая скобка «)», но формула закончилась (строка 1, позиция 15).',
      14,
      0,
    ],
    [
      '(teachers() + 1',
      'Ожидалась закрывающая скобка «)», но формула закончилась (строка 1, позиция 16).',
      15,
      0,
    ],
    ['teachers())', 'Лишняя закрывающая скобка «)» (строка 1, позиция 11).', 10, 1],
    [
      'teachers() *',
      'Ожидалось число, функция или «(», но формула закончилась (строка 1, позиция 13).',
      12,
      0,
    ],
    [
      'teachers() * / 2',
      'Ожидалось число, функция или «(», а встретилось «/» (строка 1, позиция 14).',
      13,
      1,
    ],
    [
      'teachers() teachers()',
      'Ожидался знак действия (+, -, *, /), а встретилось «teachers» (строка 1, позиция 12).',
      11,
      8,
    ],
    [
      'teachers() * 0,5',
      'Лишняя запятая (строка 1, позиция 15). Дробная часть числа отделяется точкой: 0.5, а не 0,5 — ' +
        'запятая в формуле разделяет условия.',
      14,
      1,
    ],
    [
      'teachers(experience < 2,5)',
      'Ожидалось условие, а встретилось «5» (строка 1, позиция 25). Дробная часть числа отделяется точкой: ' +
        '2.5, а не 2,5 — запятая в формуле разделяет условия.',
      24,
      1,
    ],
    [
      'teachers(5)',
      'Ожидалось условие, а встретилось «5» (строка 1, позиция 10). Условие начинается с имени фильтра, ' +
        'например «experience <= 5».',
      9,
      1,
    ],
    [
      'teachers(young mentee)',
      'Ожидалась запятая, «and», «or» или закрывающая скобка «)», а встретилось «mentee» (строка 1, позиция 16).',
      15,
      6,
    ],
    ['teachers(young, )', 'Ожидалось условие, а встретилось «)» (строка 1, позиция 17).', 16, 1],
    ['teachers(young and)', 'Ожидалось условие, а встретилось «)» (строка 1, позиция 19).', 18, 1],
    ['teachers(())', 'Пустые скобки: внутри ожидалось условие (строка 1, позиция 11).', 10, 1],
    [
      'teachers(experience <= )',
      'Ожидалось значение после «<=», а встретилось «)» (строка 1, позиция 24). Значение — код (municipal), ' +
        'число (5) или строка в кавычках ("математика").',
      23,
      1,
    ],
    [
      'teachers(category in first)',
      'После «in» ожидался список значений в скобках, а встретилось «first» (строка 1, позиция 22). ' +
        'Например: «category in (first, highest)».',
      21,
      5,
    ],
    ['teachers(category in ())', 'Пустой список значений после «in» (строка 1, позиция 23).', 22, 1],
    [
      'teachers(category in (first highest))',
      'Ожидалась запятая или закрывающая скобка «)» списка значений, а встретилось «highest» (строка 1, позиция 29).',
      28,
      7,
    ],
    // functions
    [
      'teacher()',
      'Неизвестная функция «teacher» (строка 1, позиция 1). Возможно, имелось в виду «teachers».',
      0,
      7,
    ],
    [
      'Teachers()',
      'Неизвестная функция «Teachers» (строка 1, позиция 1). Возможно, имелось в виду «teachers».',
      0,
      8,
    ],
    [
      'staff()',
      'Неизвестная функция «staff» (строка 1, позиция 1). Доступные функции: teachers, organizations, ' +
        'positions, vacancies, mentoringPrograms, mentoringPairs, associations, events, acts, reserve, practices, websites, staffingNeed, answers, answerSum, form.',
      0,
      5,
    ],
    [
      'young / teachers()',
      'Неизвестная функция «young» (строка 1, позиция 1). «young» — фильтр функции «teachers», ' +
        'он пишется в её скобках: teachers(young).',
      0,
      5,
    ],
    [
      'teachers',
      'После имени функции «teachers» нужны скобки (строка 1, позиция 1). ' +
        'Например: «teachers(young, diagnosed(level = municipal))».',
      0,
      8,
    ],
    [
      'form(staffed)',
      'Функция «form» принимает один аргумент — код поля формы в кавычках (строка 1, позиция 1). ' +
        'Например: «form("staffed_positions")».',
      0,
      13,
    ],
    [
      'form("Staffed-1")',
      'Неверный код поля формы «Staffed-1» (строка 1, позиция 6). Код поля начинается со строчной латинской ' +
        'буквы и состоит из строчных латинских букв, цифр и «_».',
      5,
      11,
    ],
    [
      'vacancies("math")',
      'Функция «vacancies» принимает условия, а не строку в кавычках (строка 1, позиция 11). ' +
        'Например: «vacancies(subject = "математика")».',
      10,
      6,
    ],
    // filters
    [
      'teachers(yung)',
      'Неизвестный фильтр «yung» функции «teachers» (строка 1, позиция 10). Возможно, имелось в виду «young».',
      9,
      4,
    ],
    [
      'teachers(diagnosed(levl = municipal))',
      'Неизвестный фильтр «levl» условия «diagnosed» (строка 1, позиция 20). Возможно, имелось в виду «level».',
      19,
      4,
    ],
    [
      'events(topic = upbringing)',
      'Неизвестный фильтр «topic» функции «events» (строка 1, позиция 8). Доступные фильтры: level, format, type, deficit, byYoung.',
      7,
      5,
    ],
    [
      'teachers(diagnosed(level = munical))',
      `Недопустимое значение «munical» фильтра «level» (строка 1, позиция 28). Возможно, имелось в виду «municipal». ${LEVELS}`,
      27,
      7,
    ],
    [
      'teachers(event(level = 2))',
      `Недопустимое значение «2» фильтра «level» (строка 1, позиция 24). ${LEVELS}`,
      23,
      1,
    ],
    [
      'teachers(diagnosed(level))',
      `Фильтр «level» требует значения (строка 1, позиция 20). Например: «level = municipal». ${LEVELS}`,
      19,
      5,
    ],
    [
      'teachers(event(level < municipal))',
      'Фильтр «level» допускает только «=», «!=», «in» (строка 1, позиция 16). Например: «level = municipal».',
      15,
      5,
    ],
    [
      'teachers(experience = x)',
      'Фильтр «experience» требует числа, а указано «x» (строка 1, позиция 23). Например: «experience <= 5».',
      22,
      1,
    ],
    [
      'teachers(experience = "5")',
      'Фильтр «experience» требует числа, а указано «"5"» (строка 1, позиция 23). Например: «experience <= 5».',
      22,
      3,
    ],
    [
      'teachers(experience < 2.5)',
      'Фильтр «experience» требует целого числа, а указано «2.5» (строка 1, позиция 23). Например: «experience <= 5».',
      22,
      3,
    ],
    [
      'teachers(experience)',
      'Фильтр «experience» требует сравнения с числом (строка 1, позиция 10). Например: «experience <= 5».',
      9,
      10,
    ],
    [
      'teachers(young = 1)',
      'Фильтр «young» — признак и пишется без значения (строка 1, позиция 10). Например: «young» или «not young».',
      9,
      5,
    ],
    [
      'teachers(young(age < 30))',
      'Фильтр «young» не принимает условий в скобках (строка 1, позиция 10). Признак пишется без значения: ' +
        '«young» или «not young».',
      9,
      5,
    ],
    [
      'teachers(experience(young))',
      'Фильтр «experience» не принимает условий в скобках (строка 1, позиция 10). Например: «experience <= 5».',
      9,
      10,
    ],
    [
      'teachers(diagnosed = municipal)',
      'Фильтр «diagnosed» — вложенное условие и пишется без сравнения (строка 1, позиция 10). ' +
        'Например: «diagnosed» или «diagnosed(level = municipal)».',
      9,
      9,
    ],
    [
      'teachers(subject = математика)',
      'Значение фильтра «subject» пишется в двойных кавычках (строка 1, позиция 20). ' +
        'Например: «subject = "математика"».',
      19,
      10,
    ],
    [
      'teachers(subject)',
      'Фильтр «subject» требует значения (строка 1, позиция 10). Например: «subject = "математика"».',
      9,
      7,
    ],
    [
      'teachers(subject > "а")',
      'Фильтр «subject» допускает только «=», «!=», «in» (строка 1, позиция 10). Например: «subject = "математика"».',
      9,
      7,
    ],
    [
      'teachers(subject = " ")',
      'Пустое значение фильтра «subject» (строка 1, позиция 20). Например: «subject = "математика"».',
      19,
      3,
    ],
    [
      'teachers(diagnosed(years > 3))',
      'Фильтр «years» допускает только «=» (строка 1, позиция 20). Например: «years = 3».',
      19,
      5,
    ],
    [
      'teachers(diagnosed(years = 0))',
      'Фильтр «years» требует числа не меньше 1, а указано «0» (строка 1, позиция 28). Например: «years = 3».',
      27,
      1,
    ],
    [
      'teachers(diagnosed(years = 3 or level = municipal))',
      'Фильтр «years» должен стоять на верхнем уровне условия (строка 1, позиция 20). Окно в годах пишется ' +
        'один раз через запятую, не внутри «or» и «not»: «diagnosed(years = 3, level = municipal)».',
      19,
      5,
    ],
    [
      'teachers(trained(years = 3, years = 5))',
      'Фильтр «years» указан второй раз (строка 1, позиция 29). Окно в годах задаётся один раз.',
      28,
      9,
    ],
    // arithmetic
    ['teachers() / 0', 'Деление на ноль в формуле (строка 1, позиция 14).', 13, 1],
    ['teachers() / (2 - 2)', 'Деление на ноль в формуле (строка 1, позиция 15).', 14, 5],
    ['teachers() / -0.0', 'Деление на ноль в формуле (строка 1, позиция 14).', 13, 4],
  ])('rejects %j', (text, message, position, length) => {
    expect(onlyError(text)).toEqual([message, position, length]);
  });

  it('counts lines and columns from 1 across newlines and comments', () => {
    const [error] = errorsOf('# доля\nteachers(young) /\n  teachers(yung)');
    expect(error).toEqual({
      message:
        'Неизвестный фильтр «yung» функции «teachers» (строка 3, позиция 12). Возможно, имелось в виду «young».',
      position: 36,
      line: 3,
      column: 12,
      length: 4,
    });
  });

  it('reports every independent mistake, sorted by position', () => {
    const errors = errorsOf(
      'teacher() + teachers(levl = 1, yung, category = best) / teachers(experience = x)',
    );
    expect(errors.map((e) => [e.position, e.message.slice(0, e.message.indexOf(' ('))])).toEqual([
      [0, 'Неизвестная функция «teacher»'],
      [21, 'Неизвестный фильтр «levl» функции «teachers»'],
      [31, 'Неизвестный фильтр «yung» функции «teachers»'],
      [48, 'Недопустимое значение «best» фильтра «category»'],
      [78, 'Фильтр «experience» требует числа, а указано «x»'],
    ]);
  });

  it('recovers after a broken condition at the next comma and goes on checking', () => {
    const errors = errorsOf('teachers(experience <= , yung, category in (first,, highest), young)');
    expect(errors.map((e) => e.message.slice(0, e.message.indexOf(' (')))).toEqual([
      'Ожидалось значение после «<=», а встретилось «,»',
      'Неизвестный фильтр «yung» функции «teachers»',
      'Ожидалось значение в списке, а встретилось «,»',
    ]);
  });

  it('reports every lexical error and stops before parsing', () => {
    expect(errorsOf('teachers(young; mentee) & 1').map((e) => e.position)).toEqual([14, 24]);
  });
});

describe('suggestions', () => {
  it('measures edit distance', () => {
    expect(editDistance('teacher', 'teachers')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
  });

  it('suggests only close names', () => {
    expect(nearest('experiance', ['experience', 'age'])).toBe('experience');
    expect(nearest('munical', ['institutional', 'municipal'])).toBe('municipal');
    expect(nearest('xyz', ['teachers', 'events'])).toBeNull();
  });
});
