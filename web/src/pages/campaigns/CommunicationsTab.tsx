import {
  ActionIcon,
  Alert,
  Anchor,
  Button,
  FileButton,
  Group,
  NumberInput,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { IconPaperclip, IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { formatRuDate } from '../../../../core/dates.ts';
import { countOf, formatNumber } from '../../../../core/format.ts';
import { api } from '../../api/client.ts';
import { ErrorAlert, Loading } from '../../components/common.tsx';
import { notifySaved } from '../../lib/forms.ts';
import { RuDateInput } from '../analysis/recommendation-card.tsx';
import type { CampaignMaterials, CampaignView, DueDateRow, DueRule } from './api.ts';
import { SendingsPanel } from './AnnouncementSendings.tsx';

/** What the server accepts on a campaign (server/modules/communications/materials.service.ts). */
const ACCEPT = '.pdf,.docx,.xlsx,.odt,.ods,.jpg,.jpeg,.png';

export const sizeOf = (bytes: number) =>
  bytes >= 1024 * 1024
    ? `${formatNumber(bytes / 1024 / 1024, 1)} МБ`
    : `${formatNumber(Math.max(1, Math.round(bytes / 1024)), 0)} КБ`;

/** The department's tab: the sendings of the letter, the instructions and files, the due dates. */
export function CommunicationsTab({ view }: { view: CampaignView }) {
  return (
    <Stack>
      <SendingsPanel campaignId={view.campaign.id} isOpen={view.campaign.status === 'active'} />
      <InstructionsPanel view={view} />
      <DueDatesPanel view={view} />
    </Stack>
  );
}

function InstructionsPanel({ view }: { view: CampaignView }) {
  const id = view.campaign.id;
  const client = useQueryClient();
  const [text, setText] = useState(view.campaign.instructions);
  const isOpen = view.campaign.status === 'active';
  const materials = useQuery({
    queryKey: ['campaign-materials', id],
    queryFn: () => api.get<CampaignMaterials>(`/api/campaigns/${id}/materials`),
  });
  const save = useMutation({
    mutationFn: () =>
      api.patch<CampaignView>(`/api/campaigns/${id}`, {
        instructions: text.trim() || null,
        version: view.campaign.version,
      }),
    onSuccess: (v) => {
      client.setQueryData(['campaign', id], v);
      client.invalidateQueries({ queryKey: ['campaign-materials', id] });
      notifySaved('Инструкция сохранена');
    },
  });
  const refresh = () => client.invalidateQueries({ queryKey: ['campaign-materials', id] });
  const attach = useMutation({
    mutationFn: (file: File) => {
      const body = new FormData();
      body.append('file', file);
      return api.post(`/api/campaigns/${id}/files`, body);
    },
    onSuccess: () => {
      refresh();
      notifySaved('Файл прикреплён');
    },
  });
  const remove = useMutation({
    mutationFn: (fileId: number) => api.delete(`/api/campaigns/${id}/files/${fileId}`),
    onSuccess: refresh,
  });
  return (
    <Paper withBorder p="md">
      <Stack>
        <Title order={3} fz="md">
          Инструкция и файлы для организаций
        </Title>
        <Text size="sm" c="dimmed">
          Организации-участники видят их рядом с формой. Абзацы разделяйте пустой строкой.
        </Text>
        <Textarea
          label="Инструкция"
          autosize
          minRows={4}
          value={text}
          readOnly={!isOpen}
          onChange={(e) => setText(e.currentTarget.value)}
        />
        <ErrorAlert error={save.error} title="Инструкция не сохранена" />
        {isOpen && (
          <Group>
            <Button onClick={() => save.mutate()} loading={save.isPending}>
              Сохранить инструкцию
            </Button>
          </Group>
        )}
        {materials.data?.files.map((f) => (
          <Group key={f.id} gap={6} wrap="nowrap">
            <IconPaperclip size={14} color="gray" />
            <Anchor size="sm" href={`/api/campaigns/${id}/files/${f.id}`} download={f.name}>
              {f.name}
            </Anchor>
            <Text size="xs" c="dimmed">
              {sizeOf(f.size)}
            </Text>
            <ActionIcon
              size="sm"
              variant="subtle"
              color="red"
              aria-label={`Удалить файл ${f.name}`}
              loading={remove.isPending && remove.variables === f.id}
              onClick={() => remove.mutate(f.id)}
            >
              <IconTrash size={14} />
            </ActionIcon>
          </Group>
        ))}
        <Group gap="xs">
          <FileButton onChange={(file) => file && attach.mutate(file)} accept={ACCEPT}>
            {(props) => (
              <Button
                {...props}
                size="xs"
                variant="default"
                leftSection={<IconPaperclip size={14} />}
                loading={attach.isPending}
              >
                Прикрепить файл
              </Button>
            )}
          </FileButton>
          <Text size="xs" c="dimmed">
            PDF, DOCX, XLSX, ODT, ODS, JPG, PNG
          </Text>
        </Group>
        <ErrorAlert error={attach.error ?? remove.error} title="Файл не прикреплён" />
      </Stack>
    </Paper>
  );
}

type RuleKind = 'none' | 'date' | 'monthly';

function DueDatesPanel({ view }: { view: CampaignView }) {
  const id = view.campaign.id;
  const client = useQueryClient();
  const rows = useQuery({
    queryKey: ['campaign-due-dates', id],
    queryFn: () => api.get<DueDateRow[]>(`/api/campaigns/${id}/due-dates`),
  });
  const [edits, setEdits] = useState<Record<string, DueRule | null>>({});
  const save = useMutation({
    mutationFn: (items: { indicatorCode: string; rule: DueRule }[]) =>
      api.put<DueDateRow[]>(`/api/campaigns/${id}/due-dates`, { items }),
    onSuccess: (data) => {
      client.setQueryData(['campaign-due-dates', id], data);
      client.invalidateQueries({ queryKey: ['campaign-materials', id] });
      setEdits({});
      notifySaved('Сроки сбора сохранены');
    },
  });
  if (rows.isLoading) return <Loading />;
  if (!rows.data) return <ErrorAlert error={rows.error} />;
  const ruleOf = (r: DueDateRow) => (r.indicatorCode in edits ? edits[r.indicatorCode] : r.rule);
  const set = (code: string, rule: DueRule | null) => setEdits({ ...edits, [code]: rule });
  const items = rows.data
    .map((r) => ({ indicatorCode: r.indicatorCode, rule: ruleOf(r) }))
    .filter((x): x is { indicatorCode: string; rule: DueRule } => x.rule !== null);
  const suggestions = rows.data.filter((r) => r.suggested && !ruleOf(r));
  return (
    <Paper withBorder p="md" data-testid="due-dates">
      <Stack>
        <Title order={3} fz="md">
          Сроки сбора по показателям
        </Title>
        <Text size="sm" c="dimmed">
          Срок показателя — дата или день каждого месяца. Форма показывает срок у полей, из которых считается
          показатель; за {view.campaign.reminderDaysBefore} дн. до срока организациям, не заполнившим эти
          поля, приходит напоминание.
        </Text>
        {suggestions.length > 0 && view.campaign.status === 'active' && (
          <Alert color="blue">
            <Group justify="space-between">
              <Text size="sm">
                Программа задаёт сроки для{' '}
                {countOf(suggestions.length, ['показателя', 'показателей', 'показателей'])}, у которых в этом
                мониторинге срока нет.
              </Text>
              <Button
                size="xs"
                variant="light"
                onClick={() =>
                  setEdits({
                    ...edits,
                    ...Object.fromEntries(suggestions.map((r) => [r.indicatorCode, r.suggested])),
                  })
                }
              >
                Взять сроки из программы
              </Button>
            </Group>
          </Alert>
        )}
        <Table fz="sm" aria-label="Сроки сбора">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Показатель</Table.Th>
              <Table.Th>Срок в программе</Table.Th>
              <Table.Th>Срок сбора</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.data.map((r) => {
              const rule = ruleOf(r);
              const kind: RuleKind = rule?.kind ?? 'none';
              return (
                <Table.Tr key={r.indicatorCode}>
                  <Table.Td>
                    {r.indicatorCode} {r.indicatorName}
                    {!r.fieldCodes.length && (
                      <Text size="xs" c="dimmed">
                        по реестру: полей формы нет
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>{r.programDeadline ?? '—'}</Table.Td>
                  <Table.Td>
                    <Group gap="xs" wrap="nowrap">
                      <Select
                        aria-label={`Срок показателя ${r.indicatorCode}`}
                        w={150}
                        size="xs"
                        allowDeselect={false}
                        value={kind}
                        data={[
                          { value: 'none', label: 'не задан' },
                          { value: 'date', label: 'дата' },
                          { value: 'monthly', label: 'ежемесячно' },
                        ]}
                        onChange={(v) =>
                          set(
                            r.indicatorCode,
                            v === 'date'
                              ? { kind: 'date', date: view.campaign.dates.mainEnd }
                              : v === 'monthly'
                                ? { kind: 'monthly', day: 10 }
                                : null,
                          )
                        }
                      />
                      {rule?.kind === 'date' && (
                        <RuDateInput
                          size="xs"
                          clearable={false}
                          aria-label={`Дата срока показателя ${r.indicatorCode}`}
                          value={rule.date}
                          onChange={(v) => v && set(r.indicatorCode, { kind: 'date', date: v })}
                        />
                      )}
                      {rule?.kind === 'monthly' && (
                        <NumberInput
                          size="xs"
                          w={110}
                          min={1}
                          max={31}
                          aria-label={`День месяца показателя ${r.indicatorCode}`}
                          prefix="до "
                          suffix=" числа"
                          value={rule.day}
                          onChange={(v) => set(r.indicatorCode, { kind: 'monthly', day: Number(v) })}
                        />
                      )}
                      {rule?.kind === 'date' && (
                        <Text size="xs" c="dimmed">
                          до {formatRuDate(rule.date)}
                        </Text>
                      )}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
        <ErrorAlert error={save.error} title="Сроки не сохранены" />
        {view.campaign.status === 'active' && (
          <Group>
            <Button
              onClick={() => save.mutate(items)}
              loading={save.isPending}
              disabled={!Object.keys(edits).length}
            >
              Сохранить сроки
            </Button>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}
