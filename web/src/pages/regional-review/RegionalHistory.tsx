import { Table, Text } from '@mantine/core';
import { formatDateTime } from '../../lib/format.ts';
import type { RegionalEvent } from './api.ts';

/** Who did what and when with the results sent to the region, with the comment of a return. */
export function RegionalHistory({ history }: { history: RegionalEvent[] }) {
  if (!history.length)
    return (
      <Text size="sm" c="dimmed">
        В регион результаты ещё не отправлялись.
      </Text>
    );
  return (
    <Table withTableBorder striped data-testid="regional-history">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Когда</Table.Th>
          <Table.Th>Кто</Table.Th>
          <Table.Th>Действие</Table.Th>
          <Table.Th>Комментарий</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {history.map((h, i) => (
          <Table.Tr key={i}>
            <Table.Td>{formatDateTime(h.at)}</Table.Td>
            <Table.Td>{h.userName ?? '—'}</Table.Td>
            <Table.Td>{h.actionLabel}</Table.Td>
            <Table.Td>{h.comment ?? ''}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
