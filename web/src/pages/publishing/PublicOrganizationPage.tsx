import { Anchor, Badge, Box, Container, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useParams } from 'react-router-dom';
import { LEVEL_LABEL } from '../../../../core/indicators/levels.ts';
import { api, ApiError } from '../../api/client.ts';
import { ErrorAlert, Loading } from '../../components/common.tsx';
import { chartValue } from '../analysis/charts.tsx';
import { LEVEL_COLOR } from '../programs/format.ts';
import type { PublicOrganization } from './api.ts';

export const usePublicOrganization = (id: number) =>
  useQuery({
    queryKey: ['public-organization', id],
    queryFn: () => api.get<PublicOrganization>(`/api/public/organizations/${id}`),
    retry: false,
  });

/** An organization's public page: its own values in the published monitoring reports, no personal data. */
export function PublicOrganizationPage() {
  const id = Number(useParams().id);
  const query = usePublicOrganization(id);
  const data = query.data;
  useEffect(() => {
    if (data) document.title = `${data.organization.shortName} — итоги мониторинга`;
  }, [data]);
  return (
    <Box bg="gray.0" mih="100vh">
      <Box component="header" bg="white" style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}>
        <Container size="lg" py="sm">
          <Group gap={10} wrap="nowrap">
            <img src="/favicon.svg" alt="" width={30} height={30} />
            <Stack gap={0}>
              <Text fw={650} lh={1.25}>
                {data?.municipality?.departmentName ?? 'Отдел образования'}
              </Text>
              <Text size="xs" c="dimmed">
                {[data?.municipality?.name, data?.municipality?.regionName].filter(Boolean).join(', ') ||
                  'Публичные итоги мониторинга'}
              </Text>
            </Stack>
          </Group>
        </Container>
      </Box>
      <Container size="lg" py="xl" component="main">
        {query.isLoading ? (
          <Loading label="Загрузка…" />
        ) : query.error instanceof ApiError && query.error.status === 404 ? (
          <Title order={2} ta="center" py={80}>
            {query.error.message}
          </Title>
        ) : query.error || !data ? (
          <ErrorAlert error={query.error} title="Страница недоступна" />
        ) : (
          <Stack gap="lg">
            <Stack gap={4}>
              <Title order={1} fz={{ base: 24, sm: 30 }}>
                {data.organization.shortName}
              </Title>
              <Text c="dimmed">{data.organization.name}</Text>
            </Stack>
            {data.campaigns.map((c) => (
              <Paper key={c.id} withBorder p="md">
                <Group justify="space-between" mb="sm">
                  <Title order={3} fz={18}>
                    {c.title}
                  </Title>
                  <Anchor href={`/public/campaigns/${c.id}`} size="sm">
                    Отчёт по муниципалитету
                  </Anchor>
                </Group>
                <OrganizationValues campaign={c} />
              </Paper>
            ))}
            <Text size="xs" c="dimmed">
              Значения рассчитаны по организации в целом; сведения о педагогах не публикуются. Доли,
              рассчитанные менее чем по {data.threshold} педагогам или записям, не публикуются.
            </Text>
          </Stack>
        )}
      </Container>
    </Box>
  );
}

/** One campaign's values of the organization beside the municipality's. */
export function OrganizationValues({
  campaign,
  compact = false,
}: {
  campaign: PublicOrganization['campaigns'][number];
  compact?: boolean;
}) {
  return (
    <Table.ScrollContainer minWidth={compact ? 320 : 640}>
      <Table striped fz={compact ? 'xs' : 'sm'} aria-label={`Показатели: ${campaign.title}`}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Показатель</Table.Th>
            <Table.Th ta="right">Организация</Table.Th>
            <Table.Th ta="right">Муниципалитет</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {campaign.indicators.map((i) => (
            <Table.Tr key={i.code}>
              <Table.Td maw={compact ? 220 : 460}>
                <Text size={compact ? 'xs' : 'sm'} lineClamp={2} title={i.name}>
                  <b>{i.code}</b> {i.name}
                </Text>
              </Table.Td>
              <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                {!i.isApplicable ? (
                  <Text span c="dimmed" size="xs">
                    не применяется
                  </Text>
                ) : i.isSuppressed ? (
                  <Text span c="dimmed" size="xs" title="Доля по малой группе не публикуется">
                    не публикуется
                  </Text>
                ) : (
                  <Group gap={4} justify="flex-end" wrap="nowrap">
                    {chartValue(i.value, i.unit)}
                    {i.level && !compact && (
                      <Badge size="xs" color={LEVEL_COLOR[i.level]} variant="light">
                        {LEVEL_LABEL[i.level]}
                      </Badge>
                    )}
                  </Group>
                )}
              </Table.Td>
              <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                {chartValue(i.municipal, i.unit)}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
