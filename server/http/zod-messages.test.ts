import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { installRussianMessages } from './zod-messages.ts';

installRussianMessages(z);

const messageOf = (schema: z.ZodType, value: unknown) => {
  const result = schema.safeParse(value);
  if (result.success) throw new Error('expected a refusal');
  return result.error.issues[0].message;
};

/** zod's own Russian said «ожидалось string, получено число»: a person reads what is wrong in plain words. */
describe('messages of refused fields', () => {
  it.each([
    ['ожидался текст', z.string(), 5],
    ['ожидалось число', z.number(), 'x'],
    ['ожидалось целое число', z.number().int(), 1.5],
    ['ожидалось «да» или «нет»', z.boolean(), 1],
    ['ожидался список', z.array(z.string()), {}],
    ['обязательное поле', z.object({ a: z.string() }), { b: 1 }],
    ['не может быть пустым', z.string(), null],
    ['не может быть пустым', z.string().min(1), ''],
    ['не короче 3 символов', z.string().min(3), 'a'],
    ['не длиннее 1 символа', z.string().max(1), 'ab'],
    ['не длиннее 200 символов', z.string().max(200), 'a'.repeat(201)],
    ['выберите хотя бы один элемент', z.array(z.number()).min(1), []],
    ['не больше 2 элементов', z.array(z.number()).max(2), [1, 2, 3]],
    ['не меньше 0', z.number().min(0), -1],
    ['больше 0', z.number().positive(), 0],
    ['не больше 100', z.number().max(100), 150],
    ['не больше 0,5', z.number().max(0.5), 1],
    ['ожидалась дата в виде ГГГГ-ММ-ДД', z.iso.date(), '01.02.2026'],
    ['некорректный адрес электронной почты', z.email(), 'x'],
    ['ожидалось одно из значений: «school», «kindergarten»', z.enum(['school', 'kindergarten']), 'x'],
    ['ожидалось значение «a»', z.literal('a'), 'b'],
    ['неизвестное поле «b»', z.object({ a: z.string() }).strict(), { a: 'x', b: 1 }],
    ['значение не подходит ни под один из допустимых вариантов', z.union([z.string(), z.number()]), true],
  ])('%s', (expected, schema, value) => {
    expect(messageOf(schema, value)).toBe(expected);
  });

  it('never names a type in English or compares with «>=»', () => {
    for (const [schema, value] of [
      [z.string().min(2), ''],
      [z.array(z.string()).min(2), ['a']],
      [z.number().int().min(1), 0],
      [z.object({ n: z.number() }), { n: 'x' }],
    ] as const) {
      const message = messageOf(schema, value);
      expect(message).not.toMatch(/string|number|array|object|int\b|[<>]=?/);
    }
  });

  it('keeps the message a schema gives itself', () => {
    expect(messageOf(z.string().min(1, 'Укажите фамилию'), '')).toBe('Укажите фамилию');
  });
});
