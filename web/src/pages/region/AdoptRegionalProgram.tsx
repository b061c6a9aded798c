import { Anchor, Badge, Button, Group, Modal, Stack, Table, Text } from '@mantine/core';
import { IconBuildingBank } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { api } from '../../api/client.ts';
import { EmptyState, ErrorAlert, Loading } from '../../components/common.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { notifySaved } from '../../lib/forms.ts';
import type { MunicipalRegionalProgram } from './api.ts';

/**
 * «Принять региональную программу» on the department's programs page: the programs the region published,
 * each adopted once as a municipal program whose regional indicators the municipality does not change.
 */
export function AdoptRegionalProgramButton({ municipalityId }: { municipalityId: number }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button variant="default" leftSection={<IconBuildingBank size={16} />} onClick={() => setOpen(true)}>
        Принять региональную программу
      </Button>
      {open && <AdoptModal municipalityId={municipalityId} onClose={() => setOpen(false)} />}
    </>
  );
}

function AdoptModal({ municipalityId, onClose }: { municipalityId: number; onClose(): void }) {
  const client = useQueryClient();
  const navigate = useNavigate();
  const list = useQuery({
    queryKey: ['municipal-regional-programs', municipalityId],
    queryFn: () =>
      api.get<MunicipalRegionalProgram[]>(`/api/municipalities/${municipalityId}/regional-programs`),
  });
  const adopt = useMutation({
    mutationFn: (id: number) =>
      api.post<{ programId: number; title: string }>(`/api/regional-programs/${id}/adopt`, {
        municipalityId,
      }),
    onSuccess: (adopted) => {
      client.invalidateQueries({ queryKey: ['programs'] });
      client.invalidateQueries({ queryKey: ['municipal-regional-programs'] });
      notifySaved(`Программа «${adopted.title}» принята: запустите по ней мониторинг`);
      navigate(`/programs/${adopted.programId}`);
    },
  });
  return (
    <Modal opened onClose={onClose} title="Программы, опубликованные регионом" size="xl">
      <Stack>
        <Text size="sm" c="dimmed">
          Принятая программа становится программой мониторинга муниципалитета. Показатели региона изменить
          нельзя — можно добавить свои. Результаты мониторинга по ней увидит региональный координатор.
        </Text>
        <ErrorAlert error={adopt.error} title="Программа не принята" />
        {list.isLoading ? (
          <Loading />
        ) : list.error ? (
          <ErrorAlert error={list.error} />
        ) : !list.data?.length ? (
          <EmptyState>Регион пока не опубликовал программ.</EmptyState>
        ) : (
          <Table aria-label="Региональные программы" verticalSpacing="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Программа</Table.Th>
                <Table.Th>Опубликована</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.map((p) => (
                <Table.Tr key={p.id}>
                  <Table.Td>
                    {p.title} <Badge variant="light">версия {p.programVersion}</Badge>
                  </Table.Td>
                  <Table.Td>{formatDateTime(p.publishedAt)}</Table.Td>
                  <Table.Td ta="right">
                    {p.adoptedProgram ? (
                      <Group gap={4} justify="flex-end">
                        <Text size="sm" c="dimmed">
                          Принята:
                        </Text>
                        <Anchor component={Link} to={`/programs/${p.adoptedProgram.id}`} size="sm">
                          {p.adoptedProgram.title}
                        </Anchor>
                      </Group>
                    ) : (
                      <Button
                        size="xs"
                        loading={adopt.isPending && adopt.variables === p.id}
                        onClick={() => adopt.mutate(p.id)}
                      >
                        Принять
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
    </Modal>
  );
}
