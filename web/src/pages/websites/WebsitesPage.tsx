import {
  Anchor,
  Badge,
  Button,
  Group,
  Progress,
  Select,
  Stack,
  Table,
  Text,
  Tooltip,
  UnstyledButton,
} from '@mantine/core';
import { IconFileSpreadsheet, IconListCheck, IconPlayerPlay } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { countOf, ORGANIZATION_FORMS } from '../../../../core/format.ts';
import { api } from '../../api/client.ts';
import { useAuth } from '../../auth/auth.tsx';
import { EmptyState, ErrorAlert, Loading, PageHeader } from '../../components/common.tsx';
import { formatRuDate } from '../../lib/format.ts';
import type { CheckItem, CheckRow, WebsiteChecks } from './api.ts';
import { ChecklistEditor } from './ChecklistEditor.tsx';
import { OverrideDialog } from './OverrideDialog.tsx';

/** «Мониторинг сайтов»: organizations × requirements with ✓/✗ and the link where each was found. */
export function WebsitesPage() {
  const { me } = useAuth();
  const municipalities = useQuery({
    queryKey: ['municipalities'],
    queryFn: () => api.get<{ id: number; name: string }[]>('/api/municipalities'),
  });
  const own = me?.roles.find((g) => g.municipalityId !== null)?.municipalityId ?? null;
  const [chosen, setChosen] = useState<number | null>(null);
  const municipalityId = chosen ?? own ?? municipalities.data?.[0]?.id ?? null;
  const client = useQueryClient();
  const checks = useQuery({
    queryKey: ['website-checks', municipalityId],
    enabled: municipalityId !== null,
    queryFn: () => api.get<WebsiteChecks>(`/api/municipalities/${municipalityId}/website-checks`),
    // A run goes on in the background: poll while it does.
    refetchInterval: (query) => (query.state.data?.run?.status === 'running' ? 1500 : false),
  });
  const start = useMutation({
    mutationFn: () => api.post(`/api/municipalities/${municipalityId}/website-checks`, {}),
    onSettled: () => client.invalidateQueries({ queryKey: ['website-checks', municipalityId] }),
  });
  const [editing, setEditing] = useState(false);
  const [overriding, setOverriding] = useState<{ row: CheckRow; item: CheckItem } | null>(null);
  const data = checks.data;
  const requirements = data?.requirements.filter((r) => r.isActive) ?? [];
  const running = data?.run?.status === 'running';
  return (
    <>
      <PageHeader
        title="Мониторинг сайтов"
        subtitle="Что размещено на сайтах образовательных организаций: раздел «Сведения об образовательной организации», наставничество, результаты мониторинга"
        actions={
          <Group>
            {data?.canRun && (
              <Button
                variant="light"
                leftSection={<IconListCheck size={16} />}
                onClick={() => setEditing(true)}
              >
                Перечень требований
              </Button>
            )}
            {data?.canRun && (
              <Button
                leftSection={<IconPlayerPlay size={16} />}
                loading={start.isPending}
                disabled={running}
                onClick={() => start.mutate()}
              >
                Проверить сайты
              </Button>
            )}
            {municipalityId !== null && (
              <Button
                component="a"
                href={`/api/municipalities/${municipalityId}/website-checks.xlsx`}
                variant="light"
                leftSection={<IconFileSpreadsheet size={16} />}
              >
                Выгрузить в XLSX
              </Button>
            )}
          </Group>
        }
      />
      {(municipalities.data?.length ?? 0) > 1 && (
        <Select
          label="Муниципалитет"
          mb="md"
          w={320}
          data={municipalities.data!.map((m) => ({ value: String(m.id), label: m.name }))}
          value={municipalityId === null ? null : String(municipalityId)}
          onChange={(v) => setChosen(v ? Number(v) : null)}
        />
      )}
      {start.error && <ErrorAlert error={start.error} title="Проверка не запущена" />}
      {checks.isLoading || municipalities.isLoading ? (
        <Loading />
      ) : checks.error ? (
        <ErrorAlert error={checks.error} title="Мониторинг сайтов недоступен" />
      ) : !data ? null : (
        <>
          {data.run && (
            <Text size="sm" mb="sm" c="dimmed">
              {running
                ? `Идёт проверка: ${data.run.done} из ${countOf(data.run.total, ORGANIZATION_FORMS)}`
                : `Последняя проверка ${formatRuDate(data.run.startedAt.slice(0, 10))}${data.run.error ? ` — ${data.run.error}` : ''}`}
            </Text>
          )}
          {running && data.run && (
            <Progress value={data.run.total ? (100 * data.run.done) / data.run.total : 0} mb="md" />
          )}
          {!data.rows.length ? (
            <EmptyState>Проверок сайтов ещё не было.</EmptyState>
          ) : (
            <Table.ScrollContainer minWidth={800}>
              <Table striped aria-label="Мониторинг сайтов">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Организация</Table.Th>
                    {requirements.map((r) => (
                      <Table.Th key={r.code}>{r.title}</Table.Th>
                    ))}
                    <Table.Th>Проверено</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.rows.map((row) => (
                    <Table.Tr key={row.organizationId}>
                      <Table.Td>
                        <Text size="sm">{row.organization}</Text>
                        {row.siteUrl && (
                          <Anchor href={row.siteUrl} target="_blank" rel="noreferrer noopener" size="xs">
                            {row.siteUrl}
                          </Anchor>
                        )}
                        {row.error && (
                          <Badge color="red" variant="light" display="block" mt={4}>
                            {row.error}
                          </Badge>
                        )}
                      </Table.Td>
                      {requirements.map((r) => {
                        const item = row.items.find((i) => i.code === r.code);
                        return (
                          <Table.Td key={r.code}>
                            {!item ? (
                              '—'
                            ) : (
                              <ItemCell
                                item={item}
                                canEdit={data.canRun}
                                onEdit={() => setOverriding({ row, item })}
                              />
                            )}
                          </Table.Td>
                        );
                      })}
                      <Table.Td>{formatRuDate(row.checkedAt.slice(0, 10))}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
          {municipalityId !== null && (
            <>
              <ChecklistEditor
                municipalityId={municipalityId}
                requirements={data.requirements}
                version={data.checklistVersion}
                opened={editing}
                onClose={() => setEditing(false)}
              />
              <OverrideDialog
                municipalityId={municipalityId}
                target={overriding}
                onClose={() => setOverriding(null)}
              />
            </>
          )}
        </>
      )}
    </>
  );
}

/** ✓ with the link or ✗; «вручную» where the coordinator's override counts, with the crawl's finding beside it. */
function ItemCell({ item, canEdit, onEdit }: { item: CheckItem; canEdit: boolean; onEdit(): void }) {
  const mark =
    item.isFound && item.url ? (
      <Tooltip label={item.url}>
        <Anchor href={item.url} target="_blank" rel="noreferrer noopener" c="green">
          ✓
        </Anchor>
      </Tooltip>
    ) : (
      <Text span c="red" aria-label="не найдено">
        ✗
      </Text>
    );
  const crawl = item.crawled ? (item.crawled.isFound ? '✓' : '✗') : '—';
  return (
    <Stack gap={2} align="flex-start">
      <Group gap={6} wrap="nowrap">
        {mark}
        {canEdit && (
          <UnstyledButton
            onClick={onEdit}
            aria-label={`Отметить вручную: ${item.title}`}
            fz="xs"
            c="dimmed"
            td="underline"
          >
            изменить
          </UnstyledButton>
        )}
      </Group>
      {item.override && (
        <Tooltip
          label={`${item.override.setBy}, ${formatRuDate(item.override.setAt.slice(0, 10))}${item.override.comment ? ` — ${item.override.comment}` : ''}`}
        >
          <Badge size="xs" color="grape" variant="light">
            вручную · проверка: {crawl}
          </Badge>
        </Tooltip>
      )}
    </Stack>
  );
}
