import { Anchor, Badge, Group, Stack, Table, Text } from '@mantine/core';
import { formatRuDate } from '../../../../core/dates.ts';
import { VERDICT_LABEL } from '../../../../core/management/effect.ts';
import { chartValue, ChartCard } from '../analysis/charts.tsx';
import { VERDICT_COLOR } from '../management/api.ts';
import type { PublicDecision, PublicEffect } from './api.ts';

/** The decisions the department marked public that answer the report's conclusions. */
export function PublicDecisions({ decisions }: { decisions: PublicDecision[] }) {
  if (!decisions.length) return null;
  return (
    <ChartCard title="Управленческие решения" subtitle="Принятые по итогам мониторинга">
      <Stack component="ol" gap={6} pl="lg" m={0} aria-label="Управленческие решения">
        {decisions.map((d, k) => (
          <Text component="li" key={k}>
            {d.kindLabel[0].toUpperCase() + d.kindLabel.slice(1)}
            {d.number ? ` № ${d.number}` : ''} от {formatRuDate(d.date)} «
            {d.url ? (
              <Anchor href={d.url} target="_blank" rel="noreferrer noopener">
                {d.title}
              </Anchor>
            ) : (
              d.title
            )}
            »
          </Text>
        ))}
      </Stack>
    </ChartCard>
  );
}

/** The measures marked public whose effect this campaign measured: the municipality's values before and after. */
export function PublicEffects({ effects }: { effects: PublicEffect[] }) {
  if (!effects.length) return null;
  return (
    <ChartCard
      title="Эффективность принятых мер"
      subtitle="Значения показателей по муниципалитету в мониторинге до мероприятия и в этом мониторинге"
    >
      <Table.ScrollContainer minWidth={640}>
        <Table striped withTableBorder fz="sm" aria-label="Эффективность принятых мер">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Мероприятие</Table.Th>
              <Table.Th>Показатель</Table.Th>
              <Table.Th ta="right">До</Table.Th>
              <Table.Th ta="right">После</Table.Th>
              <Table.Th>Итог</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {effects.flatMap((e) =>
              e.indicators.map((i, k) => (
                <Table.Tr key={`${e.number}-${i.code}`}>
                  {k === 0 && (
                    <Table.Td rowSpan={e.indicators.length} maw={320}>
                      <Text size="sm">
                        {e.number}. {e.title}
                      </Text>
                      {e.date && (
                        <Text size="xs" c="dimmed">
                          {formatRuDate(e.date)}
                        </Text>
                      )}
                    </Table.Td>
                  )}
                  <Table.Td maw={320}>
                    <Text size="sm" lineClamp={2} title={i.name}>
                      <b>{i.code}</b> {i.name}
                    </Text>
                  </Table.Td>
                  <Table.Td ta="right">
                    {i.before ? `${chartValue(i.before.value, i.unit)} (${i.before.year})` : '—'}
                  </Table.Td>
                  <Table.Td ta="right">
                    {i.after ? `${chartValue(i.after.value, i.unit)} (${i.after.year})` : '—'}
                  </Table.Td>
                  <Table.Td>
                    <Badge color={VERDICT_COLOR[i.verdict]} variant="light">
                      {VERDICT_LABEL[i.verdict]}
                    </Badge>
                  </Table.Td>
                </Table.Tr>
              )),
            )}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </ChartCard>
  );
}

/** Each organization's own public page (its values in the published reports). */
export function OrganizationLinks({ organizations }: { organizations: { id: number; name: string }[] }) {
  if (!organizations.length) return null;
  return (
    <ChartCard title="Страницы организаций" subtitle="Значения показателей каждой организации">
      <Group gap="xs" aria-label="Страницы организаций">
        {organizations.map((o) => (
          <Anchor key={o.id} href={`/public/organizations/${o.id}`} size="sm">
            {o.name}
          </Anchor>
        ))}
      </Group>
    </ChartCard>
  );
}
