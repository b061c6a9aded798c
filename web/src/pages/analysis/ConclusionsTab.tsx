import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Group,
  Modal,
  Paper,
  Stack,
  Text,
  Textarea,
  Tooltip,
} from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconPlus, IconSparkles } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../api/client.ts';
import { EmptyState, ErrorAlert, Loading } from '../../components/common.tsx';
import { notifySaved } from '../../lib/forms.ts';
import { CONCLUSION_KIND_LABEL, type Conclusion } from './api.ts';
import { ConfirmModal } from '../../components/ConfirmModal.tsx';
import { FormActions } from '../../components/FormActions.tsx';
import { EditDeleteIcons } from '../../components/EditDeleteIcons.tsx';

const KIND_COLOR = { problem: 'red', municipal: 'blue', dynamics: 'grape', manual: 'gray' } as const;

/** The «Выводы» tab: drafted from the data, then edited, ordered, added to and removed by the coordinator. */
export function ConclusionsTab({ campaignId }: { campaignId: number }) {
  const client = useQueryClient();
  const key = ['conclusions', campaignId];
  const query = useQuery({
    queryKey: key,
    queryFn: () => api.get<Conclusion[]>(`/api/campaigns/${campaignId}/conclusions`),
  });
  // Which drafted conclusions the data no longer bears out: publishing and letters are refused until fixed.
  const check = useQuery({
    queryKey: [...key, 'check'],
    queryFn: () =>
      api.get<{ conclusionId: number; text: string; discrepancies: string[] }[]>(
        `/api/campaigns/${campaignId}/conclusions/check`,
      ),
  });
  const [confirmGenerate, setConfirmGenerate] = useState(false);
  const [adding, setAdding] = useState(false);
  const [removing, setRemoving] = useState<Conclusion | null>(null);
  const refresh = () => client.invalidateQueries({ queryKey: key });
  const unverified = check.data ?? [];
  const generate = useMutation({
    mutationFn: () => api.post<Conclusion[]>(`/api/campaigns/${campaignId}/conclusions/generate`),
    onSuccess: (list) => {
      client.setQueryData(key, list);
      client.invalidateQueries({ queryKey: [...key, 'check'] });
      setConfirmGenerate(false);
      notifySaved(`Сформировано выводов: ${list.length}`);
    },
  });
  const move = useMutation({
    mutationFn: async ({ index, delta }: { index: number; delta: -1 | 1 }) => {
      const list = [...(query.data ?? [])];
      const [item] = list.splice(index, 1);
      list.splice(index + delta, 0, item);
      // Renumber only what moved; each PATCH carries the version the list was read with.
      for (const [order, c] of list.entries())
        if (c.sortOrder !== order)
          await api.patch(`/api/conclusions/${c.id}`, { sortOrder: order, version: c.version });
    },
    onSettled: refresh,
  });
  const remove = useMutation({
    mutationFn: (c: Conclusion) => api.delete(`/api/conclusions/${c.id}`),
    onSuccess: () => {
      setRemoving(null);
      notifySaved('Вывод удалён');
    },
    onSettled: refresh,
  });
  if (query.isLoading) return <Loading />;
  if (query.error || !query.data) return <ErrorAlert error={query.error} title="Выводы недоступны" />;
  const list = query.data;
  return (
    <Stack gap="md">
      <Group justify="space-between" wrap="wrap">
        <Text size="sm" c="dimmed" maw={640}>
          Общие выводы по итогам мониторинга. Черновик составляется по данным: показатели по их кодам и
          наименованиям с перечнем организаций и их значений, муниципальный уровень и динамика к прошлому
          году. Перед публикацией и письмами выводы сверяются с данными. Отредактируйте текст перед
          публикацией и письмом руководителям.
        </Text>
        <Group gap="sm">
          <Button variant="default" leftSection={<IconPlus size={16} />} onClick={() => setAdding(true)}>
            Добавить вывод
          </Button>
          <Button
            leftSection={<IconSparkles size={16} />}
            onClick={() => (list.length ? setConfirmGenerate(true) : generate.mutate())}
            loading={generate.isPending && !confirmGenerate}
          >
            Сформировать по данным
          </Button>
        </Group>
      </Group>
      <ErrorAlert error={move.error ?? remove.error ?? (confirmGenerate ? null : generate.error)} />
      {unverified.length > 0 && (
        <Alert color="orange" title={`Данные не подтверждают выводы: ${unverified.length}`}>
          <Stack gap={4}>
            <Text size="sm">
              Публикация, справка и письма невозможны, пока выводы расходятся с данными. Сформируйте выводы
              заново или исправьте и удалите неверные.
            </Text>
            {unverified.map((c) => (
              <Text size="sm" key={c.conclusionId}>
                «{c.text}» — {c.discrepancies.join('; ')}
              </Text>
            ))}
          </Stack>
        </Alert>
      )}
      {list.length === 0 ? (
        <Paper withBorder>
          <EmptyState>
            Выводов пока нет. Нажмите «Сформировать по данным» — черновик составится по результатам
            мониторинга.
          </EmptyState>
        </Paper>
      ) : (
        <Stack gap="xs" component="ol" p={0} m={0} aria-label="Выводы" style={{ listStyle: 'none' }}>
          {list.map((c, index) => (
            <ConclusionItem
              key={c.id}
              conclusion={c}
              number={index + 1}
              isFirst={index === 0}
              isLast={index === list.length - 1}
              isBusy={move.isPending}
              onMove={(delta) => move.mutate({ index, delta })}
              onRemove={() => setRemoving(c)}
              onSaved={refresh}
            />
          ))}
        </Stack>
      )}
      <ConfirmModal
        opened={confirmGenerate}
        title="Сформировать выводы заново?"
        confirmLabel="Заменить список"
        onConfirm={() => generate.mutate()}
        onClose={() => setConfirmGenerate(false)}
        loading={generate.isPending}
        error={generate.error}
      >
        Текущий список ({list.length}) будет заменён выводами, составленными по данным мониторинга. Ваши
        правки и добавленные вручную выводы пропадут.
      </ConfirmModal>
      <ConfirmModal
        opened={removing !== null}
        title="Удалить вывод?"
        confirmLabel="Удалить"
        onConfirm={() => removing && remove.mutate(removing)}
        onClose={() => setRemoving(null)}
        loading={remove.isPending}
      >
        {removing?.text}
      </ConfirmModal>
      {adding && <AddConclusionModal campaignId={campaignId} onClose={() => setAdding(false)} />}
    </Stack>
  );
}

function ConclusionItem({
  conclusion,
  number,
  isFirst,
  isLast,
  isBusy,
  onMove,
  onRemove,
  onSaved,
}: {
  conclusion: Conclusion;
  number: number;
  isFirst: boolean;
  isLast: boolean;
  isBusy: boolean;
  onMove(delta: -1 | 1): void;
  onRemove(): void;
  onSaved(): void;
}) {
  const [text, setText] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: (value: string) =>
      api.patch(`/api/conclusions/${conclusion.id}`, { text: value, version: conclusion.version }),
    onSuccess: () => {
      setText(null);
      notifySaved('Вывод сохранён');
      onSaved();
    },
    // After a conflict the list is read again: the text typed here stays, ready to be saved over the new version.
    onError: onSaved,
  });
  return (
    <Paper withBorder p="sm" component="li" aria-label={`Вывод ${number}`}>
      <Group align="flex-start" wrap="nowrap" gap="sm">
        <Text fw={700} w={28} ta="right" mt={2}>
          {number}.
        </Text>
        <Stack gap={6} style={{ flex: 1, minWidth: 0 }}>
          {text === null ? (
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {conclusion.text}
            </Text>
          ) : (
            <>
              <Textarea
                aria-label="Текст вывода"
                value={text}
                onChange={(e) => setText(e.currentTarget.value)}
                autosize
                minRows={2}
                autoFocus
              />
              <ErrorAlert error={save.error} title="Вывод не сохранён" />
              <Group gap="xs">
                <Button size="xs" onClick={() => save.mutate(text)} loading={save.isPending}>
                  Сохранить
                </Button>
                <Button
                  size="xs"
                  variant="default"
                  onClick={() => {
                    setText(null);
                    save.reset();
                  }}
                >
                  Отмена
                </Button>
              </Group>
            </>
          )}
          <Group gap={6}>
            <Badge size="xs" variant="light" color={KIND_COLOR[conclusion.kind]}>
              {CONCLUSION_KIND_LABEL[conclusion.kind]}
            </Badge>
            {conclusion.indicatorCode && (
              <Badge size="xs" variant="outline" color="gray">
                показатель {conclusion.indicatorCode}
              </Badge>
            )}
          </Group>
        </Stack>
        <Group gap={2} wrap="nowrap">
          <Tooltip label="Выше">
            <ActionIcon
              variant="subtle"
              color="gray"
              aria-label="Переместить выше"
              disabled={isFirst || isBusy}
              onClick={() => onMove(-1)}
            >
              <IconArrowUp size={16} />
            </ActionIcon>
          </Tooltip>
          <Tooltip label="Ниже">
            <ActionIcon
              variant="subtle"
              color="gray"
              aria-label="Переместить ниже"
              disabled={isLast || isBusy}
              onClick={() => onMove(1)}
            >
              <IconArrowDown size={16} />
            </ActionIcon>
          </Tooltip>
          <EditDeleteIcons
            onEdit={() => setText(conclusion.text)}
            onDelete={onRemove}
            editLabel="Изменить вывод"
            deleteLabel="Удалить вывод"
            editDisabled={text !== null}
          />
        </Group>
      </Group>
    </Paper>
  );
}

function AddConclusionModal({ campaignId, onClose }: { campaignId: number; onClose(): void }) {
  const client = useQueryClient();
  const [text, setText] = useState('');
  const add = useMutation({
    mutationFn: () => api.post(`/api/campaigns/${campaignId}/conclusions`, { text }),
    onSuccess: () => {
      client.invalidateQueries({ queryKey: ['conclusions', campaignId] });
      notifySaved('Вывод добавлен');
      onClose();
    },
  });
  return (
    <Modal opened onClose={onClose} title="Новый вывод" size="lg">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          add.mutate();
        }}
      >
        <Stack>
          <ErrorAlert error={add.error} />
          <Textarea
            label="Текст вывода"
            placeholder="Например: Нехватка педагогических кадров в 2 ОО."
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
            autosize
            minRows={3}
            data-autofocus
          />
          <FormActions onCancel={onClose} loading={add.isPending} submitLabel="Добавить" />
        </Stack>
      </form>
    </Modal>
  );
}
