import { Anchor, Button, Group, Modal, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconUserPlus } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { Link } from 'react-router-dom';
import type { RecordKind } from '../../../../core/registry/fields.ts';
import { countOf } from '../../../../core/format.ts';
import { api } from '../../api/client.ts';
import { EmptyState, ErrorAlert, Loading } from '../../components/common.tsx';
import { notifySaved } from '../../lib/forms.ts';
import { RecordForm } from '../teachers/records/RecordForm.tsx';
import type { AddLinksResult } from './api.ts';
import { CandidatePicker, SkippedList } from './fields.tsx';
import { EditDeleteIcons } from '../../components/EditDeleteIcons.tsx';
import { FormActions } from '../../components/FormActions.tsx';

const TEACHER_FORMS = ['педагог', 'педагога', 'педагогов'] as const;

export interface TeacherLink {
  id: number;
  version: number;
  teacherId: number;
  teacherName: string;
  organizationShortName: string | null;
  positionTitle: string | null;
}

/**
 * The teachers linked to an association (members) or an event (participants): the list, adding several
 * teachers found by name at once, changing a link's own fields and removing it.
 */
export function TeacherLinksPanel<Row extends TeacherLink>(props: {
  title: string;
  listUrl: string;
  candidatesUrl: string;
  itemUrl(id: number): string;
  queryKey: unknown[];
  invalidates: unknown[][];
  canAdd: boolean;
  canEdit(row: Row): boolean;
  /** Columns after the teacher's name, workplace and position. */
  columns: { label: string; render(row: Row): ReactNode }[];
  /** The fields of a link that can change (dates of membership, role in an event). */
  editKind: RecordKind;
  /** The inputs of the add dialog besides the teachers, and the body they make. */
  addForm(state: { values: Record<string, unknown>; set(key: string, value: unknown): void }): ReactNode;
  addDefaults: Record<string, unknown>;
  emptyText: string;
  note?: ReactNode;
  /** Whether a row still links its teacher (a member who left may join again); every row by default. */
  isCurrent?(row: Row): boolean;
}) {
  const client = useQueryClient();
  const [isAdding, setAdding] = useState(false);
  const [editing, setEditing] = useState<Row | null>(null);
  const [teacherIds, setTeacherIds] = useState<string[]>([]);
  const [extra, setExtra] = useState<Record<string, unknown>>(props.addDefaults);
  const query = useQuery({
    queryKey: props.queryKey,
    queryFn: () => api.list<Row>(props.listUrl, { pageSize: 1000 }),
  });
  const refresh = () => {
    client.invalidateQueries({ queryKey: props.queryKey });
    client.invalidateQueries({ queryKey: ['candidates'] });
    for (const key of props.invalidates) client.invalidateQueries({ queryKey: key });
  };
  const add = useMutation({
    mutationFn: () =>
      api.post<AddLinksResult<Row>>(props.listUrl, { ...extra, teacherIds: teacherIds.map(Number) }),
    onSuccess: (result) => {
      notifications.show({
        color: result.skipped.length ? 'yellow' : 'green',
        title: result.added.length
          ? `Добавлено: ${countOf(result.added.length, TEACHER_FORMS)}`
          : 'Никто не добавлен',
        message: result.skipped.length ? <SkippedList skipped={result.skipped} /> : undefined,
        autoClose: result.skipped.length ? 10_000 : 4_000,
      });
      setAdding(false);
      setTeacherIds([]);
      refresh();
    },
  });
  const remove = useMutation({
    mutationFn: (row: Row) => api.delete<{ message: string }>(props.itemUrl(row.id)),
    onSuccess: (result) => {
      notifySaved(result.message);
      refresh();
    },
  });
  const rows = query.data?.items ?? [];
  const hasActions = rows.some(props.canEdit);

  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Title order={4}>
          {props.title}
          {query.data ? ` (${query.data.total})` : ''}
        </Title>
        {props.canAdd && (
          <Button size="xs" leftSection={<IconUserPlus size={14} />} onClick={() => setAdding(true)}>
            Добавить педагогов
          </Button>
        )}
      </Group>
      {props.note}
      <ErrorAlert error={query.error ?? remove.error} />
      <Paper withBorder>
        {query.isLoading ? (
          <Loading />
        ) : !rows.length ? (
          <EmptyState>{props.emptyText}</EmptyState>
        ) : (
          <Table.ScrollContainer minWidth={700}>
            <Table striped highlightOnHover verticalSpacing="xs" aria-label={props.title}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Педагог</Table.Th>
                  <Table.Th>Организация</Table.Th>
                  <Table.Th>Должность</Table.Th>
                  {props.columns.map((c) => (
                    <Table.Th key={c.label}>{c.label}</Table.Th>
                  ))}
                  {hasActions && <Table.Th w={90} />}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((row) => (
                  <Table.Tr key={row.id}>
                    <Table.Td>
                      <Anchor component={Link} to={`/teachers/${row.teacherId}`} size="sm">
                        {row.teacherName}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{row.organizationShortName ?? '—'}</Table.Td>
                    <Table.Td>{row.positionTitle ?? '—'}</Table.Td>
                    {props.columns.map((c) => (
                      <Table.Td key={c.label}>{c.render(row)}</Table.Td>
                    ))}
                    {hasActions && (
                      <Table.Td>
                        {props.canEdit(row) && (
                          <Group gap={4} wrap="nowrap" justify="flex-end">
                            <EditDeleteIcons
                              onEdit={() => setEditing(row)}
                              onDelete={() => remove.mutate(row)}
                              deleteLabel="Удалить из списка"
                              deleteTooltip="Удалить из списка"
                              deleteLoading={remove.isPending && remove.variables?.id === row.id}
                            />
                          </Group>
                        )}
                      </Table.Td>
                    )}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Paper>
      {isAdding && (
        <Modal opened onClose={() => setAdding(false)} title="Добавить педагогов" size="lg">
          <Stack>
            <CandidatePicker
              candidatesUrl={props.candidatesUrl}
              value={teacherIds}
              onChange={setTeacherIds}
              exclude={rows.filter((r) => props.isCurrent?.(r) ?? true).map((r) => r.teacherId)}
            />
            {props.addForm({ values: extra, set: (key, value) => setExtra((v) => ({ ...v, [key]: value })) })}
            <Text size="xs" c="dimmed">
              Уже добавленные педагоги будут пропущены — список пропущенных появится после сохранения.
            </Text>
            <ErrorAlert error={add.error} title="Не удалось добавить" />
            <FormActions
              onCancel={() => setAdding(false)}
              onSubmit={() => add.mutate()}
              loading={add.isPending}
              disabled={!teacherIds.length}
              submitLabel={`Добавить${teacherIds.length ? ` (${teacherIds.length})` : ''}`}
            />
          </Stack>
        </Modal>
      )}
      {editing && (
        <Modal opened onClose={() => setEditing(null)} title={editing.teacherName} size="md">
          <RecordForm
            kind={props.editKind}
            record={editing as unknown as Record<string, unknown>}
            onSubmit={async (payload) => {
              await api.patch(props.itemUrl(editing.id), { ...payload, version: editing.version });
              notifySaved();
              setEditing(null);
              refresh();
            }}
            onCancel={() => setEditing(null)}
          />
        </Modal>
      )}
    </Stack>
  );
}
