import { Code, Stack, Text, Textarea } from '@mantine/core';
import { useMemo } from 'react';
import { describeFormula, parseFormula } from '../../../../core/formula/index.ts';

/**
 * A formula field that validates as one types: the parser runs in the browser (it is the same code the
 * server uses), errors come with their line and position, and a valid formula gets a Russian description.
 */
export function FormulaInput({
  label,
  value,
  onChange,
  isOptional = false,
  serverError,
}: {
  label: string;
  value: string;
  onChange(value: string): void;
  isOptional?: boolean;
  serverError?: string | null;
}) {
  const check = useMemo(() => {
    if (!value.trim())
      return isOptional ? null : { ok: false as const, message: 'Формула обязательна', description: null };
    const parsed = parseFormula(value);
    return parsed.ok
      ? { ok: true as const, message: null, description: describeFormula(parsed.ast) }
      : { ok: false as const, message: parsed.errors.map((e) => e.message).join(' '), description: null };
  }, [value, isOptional]);
  return (
    <Stack gap={4}>
      <Textarea
        label={label}
        value={value}
        onChange={(e) => onChange(e.currentTarget.value)}
        autosize
        minRows={1}
        maxRows={6}
        styles={{ input: { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, monospace', fontSize: 13 } }}
        error={serverError ?? (check && !check.ok ? check.message : undefined)}
        spellCheck={false}
        aria-label={label}
      />
      {check?.ok && (
        <Text size="xs" c="teal.8" data-testid={`${label}-description`}>
          ✓ {check.description}
        </Text>
      )}
      {!value.trim() && isOptional && (
        <Text size="xs" c="dimmed">
          Без знаменателя значение — числитель × множитель. Пример: <Code>teachers()</Code>
        </Text>
      )}
    </Stack>
  );
}
