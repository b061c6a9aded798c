import {
  ActionIcon,
  Button,
  Group,
  Modal,
  Paper,
  Stack,
  Switch,
  TagsInput,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconPlus, IconTrash } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../api/client.ts';
import { ErrorAlert } from '../../components/common.tsx';
import type { Requirement } from './api.ts';

/**
 * The department's checklist of what a site must publish: add, edit, reorder, remove. Saved as a whole
 * with the version it was opened at, so a colleague's save in between is not overwritten (409).
 */
export function ChecklistEditor({
  municipalityId,
  requirements,
  version,
  opened,
  onClose,
}: {
  municipalityId: number;
  requirements: Requirement[];
  version: number;
  opened: boolean;
  onClose(): void;
}) {
  return (
    <Modal opened={opened} onClose={onClose} title="Перечень требований к сайтам" size="xl">
      {opened && (
        <ChecklistForm
          municipalityId={municipalityId}
          initial={requirements}
          version={version}
          onDone={onClose}
        />
      )}
    </Modal>
  );
}

function ChecklistForm({
  municipalityId,
  initial,
  version,
  onDone,
}: {
  municipalityId: number;
  initial: Requirement[];
  version: number;
  onDone(): void;
}) {
  const [rows, setRows] = useState(initial.map((r) => ({ ...r })));
  const client = useQueryClient();
  const save = useMutation({
    mutationFn: () =>
      api.put(`/api/municipalities/${municipalityId}/website-requirements`, { requirements: rows, version }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['website-checks', municipalityId] });
      onDone();
    },
  });
  const change = (index: number, patch: Partial<Requirement>) =>
    setRows((all) => all.map((r, k) => (k === index ? { ...r, ...patch } : r)));
  const move = (index: number, by: number) =>
    setRows((all) => {
      const next = [...all];
      const [row] = next.splice(index, 1);
      next.splice(index + by, 0, row);
      return next;
    });
  return (
    <Stack>
      <Text size="sm" c="dimmed">
        Код требования используется в формулах: websites(requirement = "код"). Ключевые слова ищутся в тексте
        ссылок и заголовках страниц, адреса разделов — в адресах страниц сайта.
      </Text>
      {rows.map((r, index) => (
        <Paper key={index} withBorder p="sm" aria-label={`Требование ${index + 1}`}>
          <Group align="flex-end" wrap="nowrap">
            <TextInput
              label="Код"
              w={140}
              value={r.code}
              onChange={(e) => change(index, { code: e.currentTarget.value })}
            />
            <TextInput
              label="Название"
              style={{ flex: 1 }}
              value={r.title}
              onChange={(e) => change(index, { title: e.currentTarget.value })}
            />
            <Switch
              label="Проверять"
              checked={r.isActive}
              onChange={(e) => change(index, { isActive: e.currentTarget.checked })}
              mb={8}
            />
            <Tooltip label="Выше">
              <ActionIcon
                variant="subtle"
                aria-label="Выше"
                disabled={index === 0}
                onClick={() => move(index, -1)}
                mb={4}
              >
                <IconArrowUp size={16} />
              </ActionIcon>
            </Tooltip>
            <Tooltip label="Ниже">
              <ActionIcon
                variant="subtle"
                aria-label="Ниже"
                disabled={index === rows.length - 1}
                onClick={() => move(index, 1)}
                mb={4}
              >
                <IconArrowDown size={16} />
              </ActionIcon>
            </Tooltip>
            <Tooltip label="Удалить">
              <ActionIcon
                variant="subtle"
                color="red"
                aria-label="Удалить"
                onClick={() => setRows((all) => all.filter((_, k) => k !== index))}
                mb={4}
              >
                <IconTrash size={16} />
              </ActionIcon>
            </Tooltip>
          </Group>
          <Group grow mt="xs">
            <TagsInput
              label="Ключевые слова"
              value={r.keywords}
              onChange={(keywords) => change(index, { keywords })}
            />
            <TagsInput
              label="Адреса разделов"
              placeholder="/sveden/"
              value={r.paths}
              onChange={(paths) => change(index, { paths })}
            />
          </Group>
        </Paper>
      ))}
      <Group justify="space-between">
        <Button
          variant="light"
          leftSection={<IconPlus size={16} />}
          onClick={() =>
            setRows((all) => [...all, { code: '', title: '', keywords: [], paths: [], isActive: true }])
          }
        >
          Добавить требование
        </Button>
        <Button loading={save.isPending} disabled={!rows.length} onClick={() => save.mutate()}>
          Сохранить перечень
        </Button>
      </Group>
      {save.error && <ErrorAlert error={save.error} title="Перечень не сохранён" />}
    </Stack>
  );
}
