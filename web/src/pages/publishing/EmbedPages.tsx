import { Anchor, Box, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useParams } from 'react-router-dom';
import { formatRuDate } from '../../../../core/dates.ts';
import { api, ApiError } from '../../api/client.ts';
import { Loading } from '../../components/common.tsx';
import { resultOf, type PublicReport } from '../analysis/api.ts';
import { chartValue } from '../analysis/charts.tsx';
import { EMBED_HEIGHT_MESSAGE } from '../analysis/publication-extras.tsx';
import { OrganizationValues, usePublicOrganization } from './PublicOrganizationPage.tsx';

/**
 * The embeddable blocks (/embed/…): the only pages other sites may show in an iframe (the server allows any
 * frame ancestor for these paths alone). Figures only, no actions; the link opens the full public page in
 * a new tab, outside the frame.
 */
function Frame({ children, more }: { children: React.ReactNode; more?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  // The snippet's script sets the frame's height to the block's (EmbedSnippet): it grows with the figures.
  useEffect(() => {
    const element = ref.current;
    if (!element || window.parent === window) return;
    const tell = () =>
      window.parent.postMessage(
        { type: EMBED_HEIGHT_MESSAGE, height: Math.ceil(element.getBoundingClientRect().height) },
        '*',
      );
    const observer = new ResizeObserver(tell);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return (
    <Box ref={ref} p="sm" bg="white">
      {children}
      {more && (
        <Group justify="space-between" mt="sm">
          <Text size="xs" c="dimmed">
            pedmonitor · без персональных данных
          </Text>
          <Anchor href={more} target="_blank" rel="noopener" size="xs">
            Подробнее
          </Anchor>
        </Group>
      )}
    </Box>
  );
}

const Missing = ({ error }: { error: unknown }) => (
  <Text c="dimmed" ta="center" py="lg">
    {error instanceof ApiError ? error.message : 'Данные недоступны.'}
  </Text>
);

export function EmbedCampaignPage() {
  const id = Number(useParams().id);
  const query = useQuery({
    queryKey: ['public-report', id],
    queryFn: () => api.get<PublicReport>(`/api/public/campaigns/${id}`),
    retry: false,
  });
  const report = query.data;
  if (query.isLoading) return <Loading />;
  if (!report) return <Frame>{<Missing error={query.error} />}</Frame>;
  const municipal = report.indicators.map((i) => ({ i, r: resultOf(report.results, i.code, null) }));
  const withLevel = municipal.filter((m) => m.r?.level);
  return (
    <Frame more={`/public/campaigns/${id}`}>
      <Stack gap={6}>
        <Text size="xs" c="dimmed">
          {report.municipality?.departmentName ?? report.municipality?.name}
          {report.publishedAt ? ` · опубликовано ${formatRuDate(report.publishedAt.slice(0, 10))}` : ''}
        </Text>
        <Title order={2} fz={18}>
          {report.campaign.title}
        </Title>
        <SimpleGrid cols={3} spacing="xs">
          <Figure label="Организаций" value={String(report.participantCount)} />
          <Figure
            label="На высоком уровне"
            value={`${withLevel.filter((m) => m.r!.level === 'high').length} из ${withLevel.length}`}
          />
          <Figure
            label="На низком уровне"
            value={`${withLevel.filter((m) => m.r!.level === 'low').length} из ${withLevel.length}`}
          />
        </SimpleGrid>
        <Stack gap={2} aria-label="Показатели по муниципалитету">
          {municipal.map(({ i, r }) => (
            <Group key={i.code} justify="space-between" wrap="nowrap" gap="xs">
              <Text size="xs" lineClamp={1} title={i.name}>
                <b>{i.code}</b> {i.name}
              </Text>
              <Text size="xs" fw={600} style={{ whiteSpace: 'nowrap' }}>
                {chartValue(r?.value, i.unit)}
              </Text>
            </Group>
          ))}
        </Stack>
      </Stack>
    </Frame>
  );
}

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <Box>
      <Text fz={20} fw={700}>
        {value}
      </Text>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
    </Box>
  );
}

export function EmbedOrganizationPage() {
  const id = Number(useParams().id);
  const query = usePublicOrganization(id);
  const data = query.data;
  if (query.isLoading) return <Loading />;
  if (!data) return <Frame>{<Missing error={query.error} />}</Frame>;
  const latest = data.campaigns[0];
  return (
    <Frame more={`/public/organizations/${id}`}>
      <Stack gap={6}>
        <Text size="xs" c="dimmed">
          Итоги мониторинга · {data.municipality?.name}
        </Text>
        <Title order={2} fz={18}>
          {data.organization.shortName}
        </Title>
        <Text size="sm">{latest.title}</Text>
        <OrganizationValues campaign={latest} compact />
      </Stack>
    </Frame>
  );
}
