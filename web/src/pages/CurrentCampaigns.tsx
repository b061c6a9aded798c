import { Anchor, Badge, Card, Group, Progress, Stack, Text, Title } from '@mantine/core';
import { useQueries, useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { formatRuDate } from '../../../core/dates.ts';
import { api } from '../api/client.ts';
import { useAuth } from '../auth/auth.tsx';
import { STATE_COLOR, type CampaignSummary, type CampaignView } from './campaigns/api.ts';

/** The home page's «what is due»: the running campaigns and, for a school, the state of its own form. */
export function CurrentCampaigns() {
  const { hasRole } = useAuth();
  const isDepartment = hasRole('admin', 'coordinator');
  const list = useQuery({
    queryKey: ['campaigns'],
    queryFn: () => api.get<CampaignSummary[]>('/api/campaigns'),
  });
  const active = (list.data ?? []).filter((c) => c.status === 'active');
  const views = useQueries({
    queries: active.map((c) => ({
      queryKey: ['campaign', c.id],
      queryFn: () => api.get<CampaignView>(`/api/campaigns/${c.id}`),
      enabled: !isDepartment,
    })),
  });
  if (!active.length) return null;
  return (
    <Stack mt="lg">
      <Title order={3} fz="lg">
        Идёт мониторинг
      </Title>
      {active.map((c, i) => {
        const own = views[i]?.data?.organizations;
        return (
          <Card key={c.id} withBorder padding="lg">
            <Group justify="space-between" align="flex-start">
              <Stack gap={2}>
                <Anchor component={Link} to={`/campaigns/${c.id}`} fw={600}>
                  {c.title}
                </Anchor>
                <Text size="sm" c="dimmed">
                  Сдача форм — до {formatRuDate(c.mainEnd)}
                </Text>
              </Stack>
              {isDepartment ? (
                <Stack gap={4} w={220}>
                  <Text size="sm">
                    Отправили {c.completeness.sent} из {c.completeness.participants}, в срок —{' '}
                    {c.completeness.onTime}
                  </Text>
                  <Progress value={c.completeness.sentShare} />
                </Stack>
              ) : (
                own?.map((o) => (
                  <Group key={o.organizationId} gap="xs">
                    <Badge color={STATE_COLOR[o.state]} variant="light">
                      {o.stateLabel}
                    </Badge>
                    <Anchor
                      component={Link}
                      to={`/campaigns/${c.id}/organizations/${o.organizationId}`}
                      size="sm"
                    >
                      {o.state === 'not_started' || o.state === 'draft' || o.state === 'returned'
                        ? 'Заполнить форму'
                        : 'Открыть форму'}
                    </Anchor>
                  </Group>
                ))
              )}
            </Group>
          </Card>
        );
      })}
    </Stack>
  );
}
