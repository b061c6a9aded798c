import {
  Alert,
  Button,
  Group,
  Modal,
  SegmentedControl,
  Stack,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../api/client.ts';
import { ErrorAlert } from '../../components/common.tsx';
import { formatRuDate } from '../../lib/format.ts';
import type { CheckItem, CheckRow } from './api.ts';

/**
 * The coordinator's own finding for one organization × requirement: it counts instead of the crawl (in the
 * indicators, the table and the XLSX) until taken off; the crawl's finding stays shown beside it.
 */
export function OverrideDialog({
  municipalityId,
  target,
  onClose,
}: {
  municipalityId: number;
  target: { row: CheckRow; item: CheckItem } | null;
  onClose(): void;
}) {
  return (
    <Modal opened={target !== null} onClose={onClose} title="Отметить вручную" size="lg">
      {target && (
        <OverrideForm
          key={`${target.row.organizationId}-${target.item.code}`}
          municipalityId={municipalityId}
          row={target.row}
          item={target.item}
          onDone={onClose}
        />
      )}
    </Modal>
  );
}

function OverrideForm({
  municipalityId,
  row,
  item,
  onDone,
}: {
  municipalityId: number;
  row: CheckRow;
  item: CheckItem;
  onDone(): void;
}) {
  const [isFound, setIsFound] = useState(item.override?.isFound ?? !item.isFound);
  const [url, setUrl] = useState(item.override?.url ?? item.url ?? row.siteUrl ?? '');
  const [comment, setComment] = useState(item.override?.comment ?? '');
  const client = useQueryClient();
  const path = `/api/organizations/${row.organizationId}/website-overrides/${encodeURIComponent(item.code)}`;
  const done = () => {
    void client.invalidateQueries({ queryKey: ['website-checks', municipalityId] });
    onDone();
  };
  const save = useMutation({
    mutationFn: () => api.put(path, { isFound, url: isFound ? url : null, comment }),
    onSuccess: done,
  });
  const remove = useMutation({ mutationFn: () => api.delete(path), onSuccess: done });
  const crawl = item.crawled;
  return (
    <Stack>
      <Text size="sm">
        <b>{row.organization}</b> — {item.title}
      </Text>
      <Text size="sm" c="dimmed">
        Автоматическая проверка {formatRuDate(row.checkedAt.slice(0, 10))}:{' '}
        {crawl ? (crawl.isFound ? `размещено (${crawl.url})` : 'не найдено') : 'не проводилась'}
      </Text>
      {item.override && (
        <Alert color="grape" variant="light">
          Отмечено вручную: {item.override.setBy}, {formatRuDate(item.override.setAt.slice(0, 10))}
        </Alert>
      )}
      <SegmentedControl
        aria-label="Результат"
        value={isFound ? 'found' : 'missing'}
        onChange={(v) => setIsFound(v === 'found')}
        data={[
          { value: 'found', label: 'Размещено' },
          { value: 'missing', label: 'Не размещено' },
        ]}
      />
      {isFound && (
        <TextInput
          label="Адрес страницы"
          description="Где на сайте размещено требуемое"
          required
          value={url}
          onChange={(e) => setUrl(e.currentTarget.value)}
        />
      )}
      <Textarea
        label="Комментарий"
        autosize
        minRows={2}
        value={comment}
        onChange={(e) => setComment(e.currentTarget.value)}
      />
      {(save.error || remove.error) && (
        <ErrorAlert error={save.error ?? remove.error} title="Отметка не сохранена" />
      )}
      <Group justify="space-between">
        {item.override ? (
          <Button variant="subtle" color="red" loading={remove.isPending} onClick={() => remove.mutate()}>
            Снять ручную отметку
          </Button>
        ) : (
          <span />
        )}
        <Button loading={save.isPending} onClick={() => save.mutate()}>
          Сохранить отметку
        </Button>
      </Group>
    </Stack>
  );
}
