import {
  Accordion,
  Alert,
  Badge,
  Box,
  Group,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { IconAlertTriangle, IconArrowRight, IconInfoCircle } from '@tabler/icons-react';
import { useState } from 'react';
import { countOf } from '../../../../core/format.ts';
import type { ImportChange, ImportCounts, ImportError, ImportPreview, ImportSheetPreview } from './api.ts';

const ERROR_FORMS = ['ошибка', 'ошибки', 'ошибок'] as const;
const RECORD_FORMS = ['запись', 'записи', 'записей'] as const;
const ENCODINGS: Record<string, string> = {
  'utf-8': 'UTF-8',
  'utf-8-bom': 'UTF-8',
  'windows-1251': 'Windows-1251',
};

const hasChanges = (c: ImportCounts) => c.added + c.changed + c.removed > 0;

export function formatDescription(p: Pick<ImportPreview, 'format' | 'encoding'>) {
  return p.format === 'xlsx'
    ? 'книга Excel'
    : `лист CSV, кодировка ${ENCODINGS[p.encoding ?? ''] ?? p.encoding ?? 'не определена'}`;
}

function Stat({ label, value, color }: { label: string; value: number; color: string }) {
  return (
    <Paper withBorder p="md">
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text size="xl" fw={700} c={value ? color : 'dimmed'} aria-label={`${label}: ${value}`}>
        {value}
      </Text>
    </Paper>
  );
}

export function Totals({ totals }: { totals: ImportCounts }) {
  return (
    <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm">
      <Stat label="Добавится" value={totals.added} color="teal.7" />
      <Stat label="Изменится" value={totals.changed} color="blue.7" />
      <Stat label="Удалится" value={totals.removed} color="red.7" />
      <Stat label="Без изменений" value={totals.unchanged} color="gray.7" />
    </SimpleGrid>
  );
}

const where = (row: number) => (row ? String(row) : '—');

/** Every error with its sheet, row and column, as the file names them; filterable by sheet. */
export function ErrorList({ errors, errorCount }: { errors: ImportError[]; errorCount: number }) {
  const [sheet, setSheet] = useState<string | null>(null);
  const sheets = [...new Set(errors.map((e) => e.sheet))];
  const shown = sheet ? errors.filter((e) => e.sheet === sheet) : errors;
  return (
    <Stack gap="sm">
      <Alert
        color="red"
        icon={<IconAlertTriangle size={18} />}
        title={`В файле ${countOf(errorCount, ERROR_FORMS)}`}
      >
        Файл не применён, данные не изменились. Исправьте ошибки в файле (лист, строка и столбец указаны ниже)
        и загрузите его снова.
      </Alert>
      <Group justify="space-between" align="flex-end">
        <Title order={4}>Ошибки</Title>
        {sheets.length > 1 && (
          <Select
            aria-label="Лист"
            placeholder="Все листы"
            data={sheets.map((s) => ({
              value: s,
              label: `${s} (${errors.filter((e) => e.sheet === s).length})`,
            }))}
            value={sheet}
            onChange={setSheet}
            clearable
            w={280}
          />
        )}
      </Group>
      <Paper withBorder>
        <Table.ScrollContainer minWidth={720} mah={480}>
          <Table striped verticalSpacing="xs" stickyHeader aria-label="Ошибки в файле">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={200}>Лист</Table.Th>
                <Table.Th w={80}>Строка</Table.Th>
                <Table.Th w={220}>Столбец</Table.Th>
                <Table.Th>Ошибка</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {shown.map((e, i) => (
                <Table.Tr key={i}>
                  <Table.Td>{e.sheet}</Table.Td>
                  <Table.Td>{where(e.row)}</Table.Td>
                  <Table.Td>{e.column || '—'}</Table.Td>
                  <Table.Td>{e.problem}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Paper>
      {errorCount > errors.length && (
        <Text size="sm" c="dimmed">
          Показаны первые {errors.length} из {countOf(errorCount, ['ошибки', 'ошибок', 'ошибок'])}.
        </Text>
      )}
    </Stack>
  );
}

function ChangeLabel({ item }: { item: ImportChange }) {
  return (
    <Group gap="xs" wrap="nowrap" align="flex-start">
      {item.row !== null && (
        <Text size="xs" c="dimmed" w={72} style={{ flexShrink: 0 }} mt={2}>
          строка {item.row}
        </Text>
      )}
      <Stack gap={2}>
        <Text size="sm">{item.label}</Text>
        {item.note && (
          <Text size="xs" c="orange.8">
            {item.note}
          </Text>
        )}
      </Stack>
    </Group>
  );
}

function ChangeGroup({
  title,
  color,
  items,
  total,
}: {
  title: string;
  color: string;
  items: ImportChange[];
  total: number;
}) {
  if (!total) return null;
  return (
    <Stack gap={6}>
      <Group gap="xs">
        <Badge color={color} variant="light">
          {title}: {total}
        </Badge>
      </Group>
      <Stack gap={8} pl="xs">
        {items.map((item, i) => (
          <Stack key={`${item.row}-${item.id}-${i}`} gap={4}>
            <ChangeLabel item={item} />
            {item.fields && item.fields.length > 0 && (
              <Box pl={item.row !== null ? 80 : 0} maw={980}>
                <Table withTableBorder verticalSpacing={4} fz="sm">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th w={260}>Столбец</Table.Th>
                      <Table.Th>Было</Table.Th>
                      <Table.Th w={24} />
                      <Table.Th>Станет</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {item.fields.map((f) => (
                      <Table.Tr key={f.column}>
                        <Table.Td>{f.column}</Table.Td>
                        <Table.Td c="dimmed" td={f.before ? 'line-through' : undefined}>
                          {f.before || 'пусто'}
                        </Table.Td>
                        <Table.Td>
                          <IconArrowRight size={14} color="var(--mantine-color-gray-6)" />
                        </Table.Td>
                        <Table.Td fw={500}>{f.after || 'пусто'}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Box>
            )}
          </Stack>
        ))}
      </Stack>
    </Stack>
  );
}

function countsText(c: ImportCounts) {
  const parts = [
    c.added ? `+${c.added}` : null,
    c.changed ? `изм. ${c.changed}` : null,
    c.removed ? `−${c.removed}` : null,
  ].filter(Boolean);
  return parts.length ? parts.join(' · ') : 'без изменений';
}

function SheetChanges({ sheet }: { sheet: ImportSheetPreview }) {
  return (
    <Stack gap="md">
      <ChangeGroup title="Добавится" color="teal" items={sheet.added} total={sheet.counts.added} />
      <ChangeGroup title="Изменится" color="blue" items={sheet.changed} total={sheet.counts.changed} />
      <ChangeGroup title="Удалится" color="red" items={sheet.removed} total={sheet.counts.removed} />
      {sheet.isTruncated && (
        <Text size="xs" c="dimmed">
          В списках показаны первые 500 записей каждого вида; числа в заголовках — полные.
        </Text>
      )}
    </Stack>
  );
}

/** What the file would change, sheet by sheet, before → after per column, with the server's notes. */
export function SheetsPreview({ preview }: { preview: ImportPreview }) {
  const present = preview.sheets.filter((s) => s.isPresent);
  const changed = present.filter((s) => hasChanges(s.counts));
  const unchanged = present.filter((s) => !hasChanges(s.counts));
  const absent = preview.sheets.filter((s) => !s.isPresent);
  return (
    <Stack gap="sm">
      <Title order={4}>Изменения по листам</Title>
      {changed.length > 0 ? (
        <Accordion multiple variant="separated" defaultValue={changed.slice(0, 5).map((s) => s.sheet)}>
          {changed.map((s) => (
            <Accordion.Item key={s.sheet} value={s.sheet}>
              <Accordion.Control>
                <Group justify="space-between" wrap="nowrap" pr="sm">
                  <Text fw={500}>{s.sheet}</Text>
                  <Text size="sm">{countsText(s.counts)}</Text>
                </Group>
              </Accordion.Control>
              <Accordion.Panel>
                <SheetChanges sheet={s} />
              </Accordion.Panel>
            </Accordion.Item>
          ))}
        </Accordion>
      ) : (
        <Text size="sm" c="dimmed">
          {present.length
            ? 'Ни на одном листе нет изменений.'
            : 'В файле нет листов с данными, которые удалось прочитать.'}
        </Text>
      )}
      {unchanged.length > 0 && (
        <Text size="sm" c="dimmed">
          Без изменений:{' '}
          {unchanged.map((s) => `«${s.sheet}» (${countOf(s.counts.unchanged, RECORD_FORMS)})`).join(', ')}.
        </Text>
      )}
      {absent.length > 0 && present.length > 0 && (
        <Alert color="gray" variant="light" icon={<IconInfoCircle size={18} />}>
          Листов нет в файле — эти сведения не изменятся: {absent.map((s) => `«${s.sheet}»`).join(', ')}.
        </Alert>
      )}
    </Stack>
  );
}
