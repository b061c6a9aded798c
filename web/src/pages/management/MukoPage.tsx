import { Anchor, Badge, Button, Group, Paper, Stack, Table, Text } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import { ErrorAlert, Loading, PageHeader } from '../../components/common.tsx';
import type { MukoAssessment } from './api.ts';

/** The МУКО self-assessment: each element of the management cycle, its score and the evidence to open. */
export function MukoPage() {
  const query = useQuery({ queryKey: ['muko'], queryFn: () => api.get<MukoAssessment>('/api/muko') });
  if (query.isLoading) return <Loading label="Оценка по данным системы…" />;
  if (query.error || !query.data) return <ErrorAlert error={query.error} />;
  const a = query.data;
  return (
    <>
      <PageHeader
        title="Самооценка МУКО"
        subtitle={`${a.municipality}: механизмы управления профессиональным развитием педагогов — ${a.total} из ${a.max} баллов`}
        actions={
          <Group>
            <Button
              component="a"
              href="/api/muko.xlsx"
              variant="default"
              leftSection={<IconDownload size={16} />}
            >
              Excel
            </Button>
            <Button
              component="a"
              href="/api/muko.docx"
              variant="default"
              leftSection={<IconDownload size={16} />}
            >
              Word
            </Button>
          </Group>
        }
      />
      <Paper withBorder>
        <Table verticalSpacing="sm" aria-label="Самооценка МУКО">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={40}>№</Table.Th>
              <Table.Th w={260}>Элемент управленческого цикла</Table.Th>
              <Table.Th w={70}>Балл</Table.Th>
              <Table.Th>Основание и подтверждения</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {a.rows.map((r, i) => (
              <Table.Tr key={r.key}>
                <Table.Td>{i + 1}</Table.Td>
                <Table.Td>
                  <Text fw={600} size="sm">
                    {r.title}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {r.criterion}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Badge color={r.score ? 'teal' : 'red'} size="lg">
                    {r.score}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <Stack gap={2}>
                    <Text size="sm">{r.basis}</Text>
                    {r.evidence.map((e, j) => (
                      <Anchor
                        key={j}
                        href={e.url}
                        size="sm"
                        target={e.url.startsWith('/api/') ? '_blank' : undefined}
                      >
                        {e.title}
                      </Anchor>
                    ))}
                  </Stack>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Paper>
    </>
  );
}
