import {
  ActionIcon,
  Anchor,
  Badge,
  Button,
  FileButton,
  Group,
  Modal,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { formatRuDate } from '../../../../core/dates.ts';
import { api } from '../../api/client.ts';
import type { Municipality } from '../../api/types.ts';
import { useAuth } from '../../auth/auth.tsx';
import { EmptyState, ErrorAlert, Loading, PageHeader } from '../../components/common.tsx';
import { notifySaved } from '../../lib/forms.ts';
import { ConfirmModal } from '../analysis/ConfirmModal.tsx';
import { RuDateInput } from '../analysis/recommendation-card.tsx';
import { DECISION_KIND, type Decision } from './api.ts';

export function DecisionsPage() {
  const { hasRole } = useAuth();
  const canEdit = hasRole('admin', 'coordinator');
  const client = useQueryClient();
  const [creating, setCreating] = useState(false);
  const query = useQuery({ queryKey: ['decisions'], queryFn: () => api.get<Decision[]>('/api/decisions') });
  // An order with its number went at one click and a refusal was not shown: ask first, show the error.
  const [removing, setRemoving] = useState<Decision | null>(null);
  const remove = useMutation({
    mutationFn: (id: number) => api.delete(`/api/decisions/${id}`),
    onSuccess: () => {
      setRemoving(null);
      client.invalidateQueries({ queryKey: ['decisions'] });
    },
  });
  return (
    <>
      <PageHeader
        title="Управленческие решения"
        subtitle="Приказы, протоколы и публикации, принятые по результатам анализа"
        actions={
          canEdit && (
            <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
              Добавить решение
            </Button>
          )
        }
      />
      <ErrorAlert error={query.error ?? remove.error} />
      <Paper withBorder>
        {query.isLoading ? (
          <Loading />
        ) : !query.data?.length ? (
          <EmptyState>Решений пока нет.</EmptyState>
        ) : (
          <Table verticalSpacing="sm" aria-label="Управленческие решения">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Вид</Table.Th>
                <Table.Th>Номер и дата</Table.Th>
                <Table.Th>Название</Table.Th>
                <Table.Th>Связи</Table.Th>
                {canEdit && <Table.Th w={40} />}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {query.data.map((d) => (
                <Table.Tr key={d.id}>
                  <Table.Td>
                    <Badge variant="light">{DECISION_KIND[d.kind]}</Badge>
                  </Table.Td>
                  <Table.Td>
                    {d.number ? `№ ${d.number} от ` : ''}
                    {formatRuDate(d.date)}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{d.title}</Text>
                    {d.url && (
                      <Anchor href={d.url} size="xs" target="_blank">
                        {d.url}
                      </Anchor>
                    )}
                    {d.file && (
                      <Anchor href={`/api/files/${d.file.id}`} size="xs" display="block">
                        {d.file.name}
                      </Anchor>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Text size="xs" c="dimmed">
                      {d.measureIds.length ? `мероприятий: ${d.measureIds.length}` : ''}{' '}
                      {d.conclusionIds.length ? `выводов: ${d.conclusionIds.length}` : ''}
                    </Text>
                  </Table.Td>
                  {canEdit && (
                    <Table.Td>
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        aria-label={`Удалить решение ${d.title}`}
                        onClick={() => setRemoving(d)}
                      >
                        <IconTrash size={15} />
                      </ActionIcon>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Paper>
      {creating && <DecisionModal onClose={() => setCreating(false)} />}
      <ConfirmModal
        opened={Boolean(removing)}
        title="Удалить решение?"
        confirmLabel="Удалить"
        loading={remove.isPending}
        error={remove.error}
        onConfirm={() => removing && remove.mutate(removing.id)}
        onClose={() => {
          setRemoving(null);
          remove.reset();
        }}
      >
        {removing
          ? `«${removing.title}» удаляется из списка решений вместе со связями с мероприятиями и выводами.`
          : ''}
      </ConfirmModal>
    </>
  );
}

function DecisionModal({ onClose }: { onClose(): void }) {
  const client = useQueryClient();
  const municipalities = useQuery({
    queryKey: ['municipalities'],
    queryFn: () => api.get<Municipality[]>('/api/municipalities'),
  });
  const [kind, setKind] = useState<Decision['kind']>('order');
  const [number, setNumber] = useState('');
  const [date, setDate] = useState('');
  const [title, setTitle] = useState('');
  const [url, setUrl] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const save = useMutation({
    mutationFn: async () => {
      const municipalityId = municipalities.data![0].id;
      let fileId: number | null = null;
      if (file) {
        const body = new FormData();
        body.append('file', file);
        fileId = (await api.post<{ id: number }>(`/api/files?municipalityId=${municipalityId}`, body)).id;
      }
      return api.post('/api/decisions', {
        municipalityId,
        kind,
        number,
        date,
        title,
        url: url || null,
        fileId,
      });
    },
    onSuccess: () => {
      client.invalidateQueries({ queryKey: ['decisions'] });
      notifySaved('Решение добавлено');
      onClose();
    },
  });
  return (
    <Modal opened onClose={onClose} title="Управленческое решение" size="lg">
      <Stack>
        <ErrorAlert error={save.error} />
        <Group grow>
          <Select
            label="Вид"
            data={Object.entries(DECISION_KIND).map(([value, label]) => ({ value, label }))}
            value={kind}
            onChange={(v) => v && setKind(v as Decision['kind'])}
            allowDeselect={false}
          />
          <TextInput label="Номер" value={number} onChange={(e) => setNumber(e.currentTarget.value)} />
          <RuDateInput label="Дата" value={date || null} onChange={(v) => setDate(v ?? '')} />
        </Group>
        <Textarea label="Название" autosize value={title} onChange={(e) => setTitle(e.currentTarget.value)} />
        <TextInput
          label="Ссылка на публикацию"
          placeholder="https://"
          value={url}
          onChange={(e) => setUrl(e.currentTarget.value)}
        />
        <Group>
          <FileButton onChange={setFile} accept=".pdf,.doc,.docx,.odt,.jpg,.png">
            {(props) => (
              <Button variant="default" {...props}>
                Прикрепить документ
              </Button>
            )}
          </FileButton>
          {file && <Text size="sm">{file.name}</Text>}
        </Group>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Отмена
          </Button>
          <Button
            loading={save.isPending}
            disabled={!date || title.trim().length < 3}
            onClick={() => save.mutate()}
          >
            Сохранить
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
