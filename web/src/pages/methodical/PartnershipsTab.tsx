import { Badge, Button, Group, Modal, Paper, Stack, Table, Text } from '@mantine/core';
import { IconChartArrows } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { PLAN_ITEM_STATE_LABEL, planProgress } from '../../../../core/groups/partnership.ts';
import { VERDICT_LABEL } from '../../../../core/management/effect.ts';
import { api } from '../../api/client.ts';
import { EditDeleteIcons } from '../../components/EditDeleteIcons.tsx';
import { EmptyState, ErrorAlert, Loading } from '../../components/common.tsx';
import { formatRuDate } from '../../lib/format.ts';
import { VERDICT_COLOR } from '../management/api.ts';
import { formatValue } from '../programs/format.ts';
import { useRegistersRole } from '../registers/api.ts';
import { usePartnerships, type Partnership, type PartnershipEffect } from './groups-api.ts';
import { EditedRecordsList, useEditedRecords } from './edited-records.tsx';
import { PartnershipForm } from './PartnershipForm.tsx';

const STATE_COLOR = { done: 'teal', overdue: 'red', planned: 'gray' } as const;

/** School partnerships: the pair, the period, the plan's progress, events and the effect on the weaker school. */
export function PartnershipsTab() {
  const { isDepartment, managedOrganizationIds } = useRegistersRole();
  // The supported school's values: the department and that school only (the server's rule).
  const seesEffect = (p: Partnership) =>
    isDepartment || managedOrganizationIds.includes(p.weakOrganization.id);
  const partnerships = usePartnerships();
  const records = useEditedRecords<Partnership>({
    url: '/api/school-partnerships',
    queryKey: ['school-partnerships'],
    saved: 'Партнёрство школ сохранено',
    removed: 'Партнёрство школ удалено',
  });
  const [effectOf, setEffectOf] = useState<Partnership | null>(null);
  return (
    <EditedRecordsList
      query={partnerships}
      records={records}
      errorTitle="Партнёрства недоступны"
      addLabel={isDepartment ? 'Добавить партнёрство' : null}
      empty="Партнёрств школ пока нет."
      removal={{
        title: 'Удалить партнёрство?',
        text: (p) =>
          `Партнёрство «${p?.title ?? ''}» будет удалено вместе с планом. Мероприятия останутся в реестре.`,
      }}
      list={(rows) => (
        <Paper withBorder>
          <Table verticalSpacing="sm" aria-label="Партнёрства школ">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Партнёрство</Table.Th>
                <Table.Th>Школы</Table.Th>
                <Table.Th>Срок</Table.Th>
                <Table.Th>План</Table.Th>
                <Table.Th w={130} />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((p) => {
                const progress = planProgress(p.plan);
                return (
                  <Table.Tr key={p.id}>
                    <Table.Td>
                      <Text fw={600}>{p.title}</Text>
                      {p.events.length > 0 && (
                        <Text size="xs" c="dimmed">
                          Мероприятия:{' '}
                          {p.events.map((e) => `${e.title} (${formatRuDate(e.date)})`).join('; ')}
                        </Text>
                      )}
                      {p.outcomes && (
                        <Text size="xs" c="dimmed">
                          Результаты: {p.outcomes}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{p.strongOrganization.name}</Text>
                      <Text size="xs" c="dimmed">
                        поддерживает
                      </Text>
                      <Text size="sm">{p.weakOrganization.name}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">
                        с {formatRuDate(p.startDate)}
                        {p.endDate ? ` по ${formatRuDate(p.endDate)}` : ''}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="xs" c="dimmed" mb={4}>
                        выполнено {progress.done} из {progress.total}
                      </Text>
                      <Stack gap={2}>
                        {p.plan.map((item, i) => (
                          <Group key={i} gap={6} wrap="nowrap">
                            <Badge size="xs" variant="light" color={STATE_COLOR[item.state]}>
                              {PLAN_ITEM_STATE_LABEL[item.state]}
                            </Badge>
                            <Text size="xs">
                              {item.title} — до {formatRuDate(item.dueDate)}
                            </Text>
                          </Group>
                        ))}
                      </Stack>
                    </Table.Td>
                    <Table.Td>
                      <Group gap={4} wrap="nowrap">
                        {seesEffect(p) && (
                          <Button
                            size="compact-xs"
                            variant="subtle"
                            leftSection={<IconChartArrows size={14} />}
                            onClick={() => setEffectOf(p)}
                          >
                            Эффект
                          </Button>
                        )}
                        {p.canEdit && (
                          <EditDeleteIcons
                            editLabel={`Изменить партнёрство «${p.title}»`}
                            deleteLabel={`Удалить партнёрство «${p.title}»`}
                            onEdit={() => records.edit(p)}
                            onDelete={() => records.askRemove(p)}
                          />
                        )}
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Paper>
      )}
    >
      {records.form && <PartnershipForm {...records.form} />}
      {effectOf && <EffectModal partnership={effectOf} onClose={() => setEffectOf(null)} />}
    </EditedRecordsList>
  );
}

/** The supported school's values in the campaigns before and after the partnership (the effect-of-measures rule). */
function EffectModal({ partnership, onClose }: { partnership: Partnership; onClose(): void }) {
  const effect = useQuery({
    queryKey: ['school-partnership-effect', partnership.id],
    queryFn: () => api.get<PartnershipEffect>(`/api/school-partnerships/${partnership.id}/effect`),
  });
  return (
    <Modal
      opened
      onClose={onClose}
      size="xl"
      title={`Эффект партнёрства: ${partnership.weakOrganization.name}`}
    >
      {effect.isLoading && <Loading />}
      <ErrorAlert error={effect.error} title="Эффект недоступен" />
      {effect.data && !effect.data.programs.length && (
        <EmptyState>Нет закрытых мониторингов до и после начала партнёрства: сравнивать не с чем.</EmptyState>
      )}
      <Stack>
        {effect.data?.programs.map((program) => (
          <Stack key={program.programId} gap={4}>
            <Group justify="space-between">
              <Text fw={600}>{program.programTitle}</Text>
              <Badge color={VERDICT_COLOR[program.verdict]} variant="light">
                {VERDICT_LABEL[program.verdict]}
              </Badge>
            </Group>
            <Text size="xs" c="dimmed">
              До: {program.before ? program.before.title : 'нет мониторинга'} · после:{' '}
              {program.after ? program.after.title : 'нет мониторинга'}
            </Text>
            <Table fz="sm" verticalSpacing={4} aria-label={`Эффект: ${program.programTitle}`}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Показатель</Table.Th>
                  <Table.Th ta="center">До</Table.Th>
                  <Table.Th ta="center">После</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {program.indicators.map((i) => (
                  <Table.Tr key={i.code}>
                    <Table.Td>
                      {i.code}. {i.name}
                    </Table.Td>
                    <Table.Td ta="center">{formatValue(i.before, i.unit)}</Table.Td>
                    <Table.Td ta="center">{formatValue(i.after, i.unit)}</Table.Td>
                    <Table.Td>
                      <Badge size="xs" color={VERDICT_COLOR[i.verdict]} variant="light">
                        {VERDICT_LABEL[i.verdict]}
                      </Badge>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Stack>
        ))}
      </Stack>
    </Modal>
  );
}
