import { Badge, Button, Group, Paper, SegmentedControl, Select, Stack, Text } from '@mantine/core';
import { IconUpload } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { countOf, MUNICIPALITY_FORMS } from '../../../../core/format.ts';
import { api } from '../../api/client.ts';
import { useAuth } from '../../auth/auth.tsx';
import { EmptyState, ErrorAlert, Loading, PageHeader } from '../../components/common.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { regionOf, type RegionalProgramList } from './api.ts';
import { PublishRegionalProgram } from './PublishRegionalProgram.tsx';
import { RegionalAnalysisView } from './RegionalAnalysisView.tsx';

/**
 * «Регион»: the home of a regional coordinator — the region's programs with their years, and for the chosen
 * program and year the analysis over the municipalities, drilling down to a municipality and an organization.
 */
export function RegionPage() {
  const { me } = useAuth();
  const regionId = regionOf(me?.roles ?? []);
  const [params, setParams] = useSearchParams();
  const [publishing, setPublishing] = useState(false);
  const list = useQuery({
    queryKey: ['regional-programs', regionId],
    queryFn: () => api.get<RegionalProgramList>(`/api/regions/${regionId}/regional-programs`),
    enabled: regionId !== null,
  });
  if (regionId === null)
    return (
      <>
        <PageHeader title="Регион" />
        <EmptyState>Страница региона — для регионального координатора.</EmptyState>
      </>
    );
  if (list.isLoading) return <Loading />;
  if (list.error || !list.data) return <ErrorAlert error={list.error} title="Программы региона недоступны" />;
  const { region, programs } = list.data;
  const chosen =
    programs.find((p) => p.id === Number(params.get('program'))) ?? programs[programs.length - 1];
  const years = chosen?.years ?? [];
  const year = years.includes(Number(params.get('year')))
    ? Number(params.get('year'))
    : years[years.length - 1];
  const choose = (program: number, y: number | undefined) =>
    setParams(
      y === undefined ? { program: String(program) } : { program: String(program), year: String(y) },
      {
        replace: true,
      },
    );
  return (
    <>
      <PageHeader
        title={`Регион: ${region.name}`}
        subtitle="Региональные программы мониторинга и результаты муниципалитетов"
        actions={
          <Button leftSection={<IconUpload size={16} />} onClick={() => setPublishing(true)}>
            Опубликовать программу
          </Button>
        }
      />
      {!programs.length ? (
        <EmptyState>
          Регион ещё не публиковал программ. Опубликуйте программу: муниципалитеты примут её и проведут
          мониторинг.
        </EmptyState>
      ) : (
        <Stack gap="md">
          <Paper withBorder p="md">
            <Group align="flex-end" wrap="wrap" gap="lg">
              <Select
                label="Региональная программа"
                data={programs.map((p) => ({
                  value: String(p.id),
                  label: `${p.title} (версия ${p.programVersion})`,
                }))}
                value={String(chosen.id)}
                onChange={(v) => {
                  const next = programs.find((p) => p.id === Number(v));
                  if (next) choose(next.id, next.years[next.years.length - 1]);
                }}
                allowDeselect={false}
                miw={360}
              />
              {years.length > 0 && (
                <Stack gap={4}>
                  <Text size="sm" fw={500}>
                    Год мониторинга
                  </Text>
                  <SegmentedControl
                    aria-label="Год мониторинга"
                    data={years.map(String)}
                    value={String(year)}
                    onChange={(v) => choose(chosen.id, Number(v))}
                  />
                </Stack>
              )}
            </Group>
            <Group gap="xs" mt="sm">
              <Text size="sm" c="dimmed">
                Опубликована {formatDateTime(chosen.publishedAt)}; приняли{' '}
                {countOf(chosen.adoptedBy.length, MUNICIPALITY_FORMS)}:
              </Text>
              {chosen.adoptedBy.map((m) => (
                <Badge key={m.municipalityId} variant="light">
                  {m.name}
                </Badge>
              ))}
            </Group>
          </Paper>
          {year === undefined ? (
            <EmptyState>Муниципалитеты ещё не начинали мониторинг по этой программе.</EmptyState>
          ) : (
            <RegionalAnalysisView programId={chosen.id} year={year} />
          )}
        </Stack>
      )}
      {publishing && (
        <PublishRegionalProgram
          regionId={region.id}
          onClose={(published) => {
            setPublishing(false);
            if (published.id) choose(published.id, undefined);
          }}
        />
      )}
    </>
  );
}
