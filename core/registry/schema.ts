import { z } from 'zod';
import { isValidIsoDate } from '../dates.ts';
import type { FieldDef, RecordKind } from './fields.ts';

/**
 * Builds the zod schema of a record kind. Every message names the field by its Russian label, so the same
 * text serves the API, the form and the workbook import («лист «Педагоги», строка 5: «Дата рождения»: …»).
 */
export function recordSchema(kind: RecordKind, options: { partial?: boolean } = {}) {
  const shape: Record<string, z.ZodType> = {};
  for (const f of kind.fields) shape[f.key] = fieldSchema(f, Boolean(options.partial));
  const object = z.object(shape);
  if (!kind.checks?.length) return object;
  // A rule across fields compares valid values only: a malformed date would otherwise also be reported as
  // «раньше даты рождения», a second message about the same mistake.
  return object.superRefine(
    (values, ctx) => {
      for (const check of kind.checks!) {
        if (!check.isValid(values))
          ctx.addIssue({ code: 'custom', path: [check.field], message: check.message });
      }
    },
    { when: (payload) => payload.issues.length === 0 },
  );
}

const quote = (f: FieldDef) => `«${f.label}»`;

/** Empty strings and null both mean «not filled». */
const blankToNull = (v: unknown) => (v === '' || v === null ? null : v);

export function fieldSchema(f: FieldDef, partial: boolean): z.ZodType {
  const base = baseSchema(f);
  if (partial) {
    if (!f.required) return z.preprocess(blankToNull, base.nullish());
    return z.preprocess(
      blankToNull,
      z
        .custom<unknown>((v) => v !== null, `${quote(f)}: обязательное поле`)
        .pipe(base)
        .optional(),
    );
  }
  if (f.type.kind === 'bool') {
    // A blank cell or an unset checkbox: «не указано» for a nullable flag, its default otherwise.
    if (f.type.nullable)
      return z.preprocess(
        blankToNull,
        base.nullish().transform((v) => v ?? null),
      );
    const fallback = f.type.default ?? false;
    return z.preprocess((v) => (v === '' || v === null ? undefined : v), base.default(fallback));
  }
  if (f.type.kind === 'enumList' || f.type.kind === 'textList') return base.default([]);
  if (!f.required)
    return z.preprocess(
      blankToNull,
      base.nullish().transform((v) => v ?? null),
    );
  return z.preprocess(
    (v) => (v === '' || v === null ? undefined : v),
    z.custom<unknown>((v) => v !== undefined, `${quote(f)}: обязательное поле`).pipe(base),
  );
}

function baseSchema(f: FieldDef): z.ZodType {
  const name = quote(f);
  const t = f.type;
  switch (t.kind) {
    case 'text': {
      let s = z
        .string(`${name}: ожидается текст`)
        .trim()
        .max(t.max ?? 500, `${name}: не длиннее ${t.max ?? 500} символов`);
      if (t.pattern) s = s.regex(t.pattern, `${name}: ${t.patternMessage ?? 'неверный формат'}`);
      if (t.check) {
        const { pattern, check } = t;
        s = s.refine((v) => (pattern && !pattern.test(v)) || check.isValid(v), `${name}: ${check.message}`);
      }
      return f.required ? s.min(1, `${name}: обязательное поле`) : s;
    }
    case 'date':
      return z
        .string(`${name}: ожидается дата`)
        .refine(isValidIsoDate, `${name}: некорректная дата (нужна дата в формате дд.мм.гггг)`);
    case 'month':
      return z
        .string(`${name}: ожидается месяц`)
        .regex(/^\d{4}-\d{2}(-01)?$/, `${name}: укажите месяц (например, 01.03.2026 или 2026-03)`)
        .transform((v) => (v.length === 7 ? `${v}-01` : v))
        .refine(isValidIsoDate, `${name}: некорректный месяц`);
    case 'int':
    case 'number': {
      let n = z.number(`${name}: ожидается число`);
      if (t.kind === 'int') n = n.int(`${name}: ожидается целое число`);
      if (t.min !== undefined) n = n.min(t.min, `${name}: не меньше ${String(t.min).replace('.', ',')}`);
      if (t.max !== undefined) n = n.max(t.max, `${name}: не больше ${String(t.max).replace('.', ',')}`);
      return n;
    }
    case 'bool':
      return z.boolean(`${name}: ожидается «да» или «нет»`);
    case 'enum':
      return z.enum(t.enumeration.values as [string, ...string[]], {
        error: () =>
          `${name}: допустимые значения — ${t.enumeration.values.map((v) => t.enumeration.label[v]).join(', ')}`,
      });
    case 'enumList':
      return z.array(
        z.enum(t.enumeration.values as [string, ...string[]], {
          error: () =>
            `${name}: допустимые значения — ${t.enumeration.values.map((v) => t.enumeration.label[v]).join(', ')}`,
        }),
      );
    case 'textList':
      return z
        .array(z.string().trim().min(1).max(200, `${name}: элемент не длиннее 200 символов`))
        .max(t.max ?? 100, `${name}: не больше ${t.max ?? 100} значений`);
    case 'ref':
      return z.number(`${name}: не выбрано`).int().positive(`${name}: не выбрано`);
  }
}

export type RecordValues = Record<string, unknown>;
