import {
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Modal,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
} from '@mantine/core';
import { IconFileImport, IconTemplate } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { api } from '../../api/client.ts';
import type { Municipality } from '../../api/types.ts';
import { useAuth } from '../../auth/auth.tsx';
import { EmptyState, ErrorAlert, Loading, PageHeader } from '../../components/common.tsx';
import { countOf, formatDateTime } from '../../lib/format.ts';
import { notifySaved } from '../../lib/forms.ts';
import type { ProgramSummary, ProgramTree, TemplateSummary } from './api.ts';
import { ProgramFileImport } from './ProgramFileImport.tsx';
import { AdoptRegionalProgramButton } from '../region/AdoptRegionalProgram.tsx';

export function ProgramsPage() {
  const { hasRole } = useAuth();
  const [choosing, setChoosing] = useState(false);
  const [importing, setImporting] = useState(false);
  const programs = useQuery({
    queryKey: ['programs'],
    queryFn: () => api.get<ProgramSummary[]>('/api/programs'),
  });
  const municipalities = useQuery({
    queryKey: ['municipalities'],
    queryFn: () => api.get<Municipality[]>('/api/municipalities'),
    enabled: hasRole('admin', 'coordinator'),
  });
  const municipalityId = municipalities.data?.[0]?.id;
  return (
    <>
      <PageHeader
        title="Программы мониторинга"
        subtitle="Цели, критерии и показатели с формулами расчёта по реестру"
        actions={
          hasRole('admin', 'coordinator') && (
            <Group gap="xs">
              {municipalityId && <AdoptRegionalProgramButton municipalityId={municipalityId} />}
              <Button
                variant="default"
                leftSection={<IconFileImport size={16} />}
                disabled={!municipalityId}
                onClick={() => setImporting(true)}
              >
                Загрузить из файла
              </Button>
              <Button leftSection={<IconTemplate size={16} />} onClick={() => setChoosing(true)}>
                Загрузить программу из шаблона
              </Button>
            </Group>
          )
        }
      />
      <ErrorAlert error={programs.error} />
      <Paper withBorder>
        {programs.isLoading ? (
          <Loading />
        ) : !programs.data?.length ? (
          <EmptyState>
            Программ пока нет. Загрузите программу одного из районов-образцов и отредактируйте её под свой
            муниципалитет.
          </EmptyState>
        ) : (
          <Table verticalSpacing="sm" highlightOnHover aria-label="Программы мониторинга">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Программа</Table.Th>
                <Table.Th ta="right">Показателей</Table.Th>
                <Table.Th>Изменена</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {programs.data.map((p) => (
                <Table.Tr key={p.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/programs/${p.id}`} fw={500}>
                      {p.title}
                    </Anchor>
                    {p.isArchived && (
                      <Badge ml="xs" color="gray" size="sm">
                        в архиве
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td ta="right">{p.indicatorCount}</Table.Td>
                  <Table.Td>{formatDateTime(p.updatedAt)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Paper>
      {choosing && <TemplateChooser onClose={() => setChoosing(false)} />}
      {importing && municipalityId && (
        <ProgramFileImport municipalityId={municipalityId} onClose={() => setImporting(false)} />
      )}
    </>
  );
}

function TemplateChooser({ onClose }: { onClose(): void }) {
  const client = useQueryClient();
  const navigate = useNavigate();
  const templates = useQuery({
    queryKey: ['program-templates'],
    queryFn: () => api.get<TemplateSummary[]>('/api/program-templates'),
  });
  const municipalities = useQuery({
    queryKey: ['municipalities'],
    queryFn: () => api.get<Municipality[]>('/api/municipalities'),
  });
  const load = useMutation({
    mutationFn: (templateCode: string) =>
      api.post<ProgramTree>('/api/programs/from-template', {
        templateCode,
        municipalityId: municipalities.data![0].id,
      }),
    onSuccess: (program) => {
      client.invalidateQueries({ queryKey: ['programs'] });
      notifySaved('Программа загружена: её можно редактировать');
      navigate(`/programs/${program.id}`);
    },
  });
  return (
    <Modal opened onClose={onClose} title="Программа района-образца" size="xl">
      <Stack>
        <Text size="sm" c="dimmed">
          Программа загружается целиком: цели, критерии, показатели с формулами, источники, методы и сроки.
          Затем её можно изменить.
        </Text>
        <ErrorAlert error={load.error} />
        {templates.isLoading ? (
          <Loading />
        ) : (
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            {templates.data?.map((t) => (
              <Card key={t.code} withBorder padding="md">
                <Stack gap="xs" h="100%" justify="space-between">
                  <div>
                    <Text fw={600}>{t.title}</Text>
                    <Text size="xs" c="dimmed" mt={4}>
                      {t.source}
                    </Text>
                  </div>
                  <Group justify="space-between">
                    <Text size="sm">
                      {t.criteriaCount} крит. · {t.indicatorCount} показ.
                      {t.formFieldCount
                        ? ` · ${countOf(t.formFieldCount, ['поле', 'поля', 'полей'])} формы`
                        : ''}
                    </Text>
                    <Button
                      size="xs"
                      loading={load.isPending && load.variables === t.code}
                      onClick={() => load.mutate(t.code)}
                    >
                      Загрузить
                    </Button>
                  </Group>
                </Stack>
              </Card>
            ))}
          </SimpleGrid>
        )}
      </Stack>
    </Modal>
  );
}
