import { formatQuantity } from '../format.ts';

/** A field of a campaign form, as the program defines it. */
export interface FormFieldRule {
  code: string;
  label: string;
  type: 'number' | 'integer' | 'text' | 'boolean';
  unit?: string | null;
  isRequired: boolean;
  min?: number | null;
  max?: number | null;
  notGreaterThan?: string | null;
}

export type FormValue = number | string | boolean | null;

export interface FormIssue {
  field: string;
  message: string;
}

/** How far from last year a value may move before the form warns (a share of last year's value). */
const FAR_FROM_LAST_YEAR = 0.5;

/**
 * Checks form values: errors block submitting (types, required, ranges, «охвачено ≤ всего»); warnings do
 * not (a value far from last year's). With `isFinal` false, missing required values are not errors yet —
 * a draft can be incomplete.
 */
export function validateFormValues(
  fields: FormFieldRule[],
  values: Record<string, FormValue | undefined>,
  options: { isFinal: boolean; lastYear?: Record<string, FormValue | undefined> } = { isFinal: true },
): { errors: FormIssue[]; warnings: FormIssue[] } {
  const errors: FormIssue[] = [];
  const warnings: FormIssue[] = [];
  const byCode = new Map(fields.map((f) => [f.code, f]));
  for (const code of Object.keys(values)) {
    if (!byCode.has(code)) errors.push({ field: code, message: `Поля «${code}» нет в форме` });
  }
  for (const f of fields) {
    const v = values[f.code];
    const name = `«${f.label}»`;
    if (v === null || v === undefined || v === '') {
      if (f.isRequired && options.isFinal) errors.push({ field: f.code, message: `${name}: заполните поле` });
      continue;
    }
    if (f.type === 'boolean') {
      if (typeof v !== 'boolean') errors.push({ field: f.code, message: `${name}: ответьте «да» или «нет»` });
      continue;
    }
    if (f.type === 'text') {
      if (typeof v !== 'string') errors.push({ field: f.code, message: `${name}: ожидается текст` });
      continue;
    }
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      errors.push({ field: f.code, message: `${name}: ожидается число` });
      continue;
    }
    if (f.type === 'integer' && !Number.isInteger(v))
      errors.push({ field: f.code, message: `${name}: ожидается целое число` });
    if (f.min !== null && f.min !== undefined && v < f.min)
      errors.push({
        field: f.code,
        message: `${name}: не меньше ${formatQuantity(f.min)}`,
      });
    if (f.max !== null && f.max !== undefined && v > f.max)
      errors.push({
        field: f.code,
        message: `${name}: не больше ${formatQuantity(f.max)}`,
      });
    if (f.notGreaterThan) {
      const other = byCode.get(f.notGreaterThan);
      const otherValue = values[f.notGreaterThan];
      if (other && typeof otherValue === 'number' && v > otherValue) {
        errors.push({
          field: f.code,
          message: `${name} не может быть больше, чем «${other.label}» (${formatQuantity(otherValue)})`,
        });
      }
    }
    const previous = options.lastYear?.[f.code];
    if (
      typeof previous === 'number' &&
      previous !== 0 &&
      Math.abs(v - previous) / Math.abs(previous) > FAR_FROM_LAST_YEAR
    ) {
      warnings.push({
        field: f.code,
        message: `${name}: значение сильно отличается от прошлогоднего (было ${formatQuantity(previous)}). Проверьте, нет ли ошибки.`,
      });
    }
  }
  return { errors, warnings };
}
