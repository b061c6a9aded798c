import { ActionIcon, Button, Group, NumberInput, Stack, Text } from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import type { Targets } from '../../../../core/indicators/targets.ts';

/**
 * «Целевые значения по годам»: the plan of the program's passport. A campaign is measured against the target
 * of its reporting period's year; a row without a value is not saved.
 */
export function TargetsInput({
  value,
  onChange,
  defaultYear,
  unitLabel,
}: {
  value: Targets;
  onChange(targets: Targets): void;
  defaultYear: number;
  unitLabel: string;
}) {
  const rows = Object.entries(value).sort(([a], [b]) => Number(a) - Number(b));
  const replace = (from: string, year: string, target: number) => {
    const next: Targets = {};
    for (const [y, v] of rows) if (y !== from) next[y] = v;
    next[year] = target;
    onChange(next);
  };
  const remove = (year: string) => onChange(Object.fromEntries(rows.filter(([y]) => y !== year)));
  const nextYear = rows.length ? Math.max(...rows.map(([y]) => Number(y))) + 1 : defaultYear;
  return (
    <Stack gap={4} data-testid="targets-input">
      <Text size="sm" fw={500}>
        Целевые значения по годам ({unitLabel})
      </Text>
      <Text size="xs" c="dimmed">
        План сравнивается со значением мониторинга того же года: года окончания отчётного периода.
      </Text>
      {rows.map(([year, target]) => (
        <Group key={year} gap="xs" align="flex-end">
          <NumberInput
            label="Год"
            aria-label={`Год цели ${year}`}
            value={Number(year)}
            min={2000}
            max={2100}
            allowDecimal={false}
            w={110}
            onChange={(v) => {
              const y = Number(v);
              if (Number.isInteger(y) && y >= 2000 && y <= 2100 && !value[String(y)])
                replace(year, String(y), target);
            }}
          />
          <NumberInput
            label="План"
            aria-label={`План на ${year} год`}
            decimalSeparator=","
            value={target}
            w={140}
            onChange={(v) => typeof v === 'number' && replace(year, year, v)}
          />
          <ActionIcon
            variant="subtle"
            color="red"
            mb={4}
            aria-label={`Удалить цель ${year} года`}
            onClick={() => remove(year)}
          >
            <IconTrash size={16} />
          </ActionIcon>
        </Group>
      ))}
      <Group>
        <Button
          size="compact-sm"
          variant="light"
          onClick={() => onChange({ ...value, [String(nextYear)]: 0 })}
        >
          Добавить год
        </Button>
      </Group>
    </Stack>
  );
}
