import { Button, Group, Modal, Pagination, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { formatNumber } from '../../../../../core/format.ts';
import { IconPlus } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Fragment, useState, type ReactNode } from 'react';
import type { FieldDef, RecordKind } from '../../../../../core/registry/fields.ts';
import { api } from '../../../api/client.ts';
import { EmptyState, ErrorAlert, Loading } from '../../../components/common.tsx';
import { notifySaved } from '../../../lib/forms.ts';
import type { RecordRow } from '../api.ts';
import { RecordForm } from './RecordForm.tsx';
import type { FieldRenderer } from './RecordFields.tsx';
import { displayValue } from './record-values.ts';
import { EditDeleteIcons } from '../../../components/EditDeleteIcons.tsx';
import { ConfirmModal } from '../../../components/ConfirmModal.tsx';

export interface RecordListProps {
  kind: RecordKind;
  /** GET/POST address of the collection and PATCH/DELETE address of an item. */
  listUrl: string;
  itemUrl(id: number): string;
  queryKey: unknown[];
  /** Other queries a change makes stale (the teacher card shows positions, for instance). */
  invalidates?: unknown[][];
  canEdit: boolean;
  /** Field keys shown as columns (all fields by default). */
  columns?: string[];
  /** Column headers other than the field labels. */
  columnLabels?: Record<string, string>;
  /** A cell shown some other way than its type suggests. */
  renderCell?(field: FieldDef, row: RecordRow): ReactNode | undefined;
  renderField?: FieldRenderer;
  /** Something under a row: the steps of an ИОМ. */
  renderDetails?(row: RecordRow): ReactNode;
  defaults?: Record<string, unknown>;
  title?: string;
  addLabel?: string;
  emptyText?: string;
  /** When the caller may not change this particular row (a position of another organization). */
  isRowEditable?(row: RecordRow): boolean;
  /** Rows per page of a long list (events, associations); without it the list comes whole. */
  pageSize?: number;
  /** Actions of a row beside edit and delete (archive a specialist, create the account). */
  rowActions?(row: RecordRow): ReactNode;
  /** Width of the actions column (wider with rowActions). */
  actionsWidth?: number;
}

/** The list of one record kind with add, edit and delete: one component for every kind of record. */
export function RecordList(props: RecordListProps) {
  const { kind, canEdit } = props;
  const client = useQueryClient();
  const [editing, setEditing] = useState<RecordRow | 'new' | null>(null);
  const [deleting, setDeleting] = useState<RecordRow | null>(null);
  const [page, setPage] = useState(1);
  const paged = props.pageSize !== undefined;
  const query = useQuery({
    queryKey: paged ? [...props.queryKey, page] : props.queryKey,
    queryFn: async () =>
      paged
        ? api.list<RecordRow>(props.listUrl, { page, pageSize: props.pageSize })
        : { items: await api.get<RecordRow[]>(props.listUrl), total: 0 },
    placeholderData: (previous) => previous,
  });
  const rows = query.data?.items;
  const pages = paged ? Math.ceil((query.data?.total ?? 0) / props.pageSize!) : 1;
  // A list filtered to fewer pages brings the reader back to its last page instead of an empty one.
  if (paged && query.data && page > Math.max(1, pages)) setPage(Math.max(1, pages));
  const columns = props.columns
    ? props.columns.map((key) => kind.fields.find((f) => f.key === key)!)
    : kind.fields;
  const refresh = () => {
    client.invalidateQueries({ queryKey: props.queryKey });
    for (const key of props.invalidates ?? []) client.invalidateQueries({ queryKey: key });
  };
  const save = async (payload: Record<string, unknown>) => {
    if (editing === 'new') await api.post(props.listUrl, payload);
    else if (editing) await api.patch(props.itemUrl(editing.id), { ...payload, version: editing.version });
    notifySaved(editing === 'new' ? 'Запись добавлена' : 'Изменения сохранены');
    setEditing(null);
    refresh();
  };
  const remove = useMutation({
    mutationFn: (row: RecordRow) => api.delete<{ message: string }>(props.itemUrl(row.id)),
    onSuccess: (result) => {
      notifySaved(result.message);
      setDeleting(null);
      refresh();
    },
  });
  const editable = (row: RecordRow) => canEdit && (props.isRowEditable?.(row) ?? true);

  return (
    <Stack gap="sm">
      {(props.title || canEdit) && (
        <Group justify="space-between">
          {props.title ? <Title order={4}>{props.title}</Title> : <span />}
          {canEdit && (
            <Button
              size="xs"
              variant="light"
              leftSection={<IconPlus size={14} />}
              onClick={() => setEditing('new')}
            >
              {props.addLabel ?? 'Добавить'}
            </Button>
          )}
        </Group>
      )}
      <ErrorAlert error={query.error} title="Не удалось загрузить записи" />
      <Paper withBorder>
        {query.isLoading ? (
          <Loading />
        ) : !rows?.length ? (
          <EmptyState>{props.emptyText ?? 'Записей пока нет.'}</EmptyState>
        ) : (
          <Table.ScrollContainer minWidth={640}>
            <Table verticalSpacing="xs" highlightOnHover aria-label={kind.pluralLabel}>
              <Table.Thead>
                <Table.Tr>
                  {columns.map((f) => (
                    <Table.Th key={f.key}>{props.columnLabels?.[f.key] ?? f.label}</Table.Th>
                  ))}
                  {canEdit && <Table.Th w={props.actionsWidth ?? 90} />}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((row) => (
                  <Fragment key={row.id}>
                    <Table.Tr>
                      {columns.map((f) => (
                        <Table.Td key={f.key}>{props.renderCell?.(f, row) ?? displayValue(f, row)}</Table.Td>
                      ))}
                      {canEdit && (
                        <Table.Td>
                          {editable(row) && (
                            <Group gap={4} wrap="nowrap" justify="flex-end">
                              {props.rowActions?.(row)}
                              <EditDeleteIcons
                                onEdit={() => setEditing(row)}
                                onDelete={() => setDeleting(row)}
                              />
                            </Group>
                          )}
                        </Table.Td>
                      )}
                    </Table.Tr>
                    {props.renderDetails && (
                      <Table.Tr>
                        <Table.Td
                          colSpan={columns.length + (canEdit ? 1 : 0)}
                          bg="var(--mantine-color-gray-0)"
                        >
                          {props.renderDetails(row)}
                        </Table.Td>
                      </Table.Tr>
                    )}
                  </Fragment>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Paper>
      {pages > 1 && (
        <Group justify="space-between">
          <Text size="sm" c="dimmed">
            Всего: {formatNumber(query.data!.total, 0)}
          </Text>
          <Pagination total={pages} value={page} onChange={setPage} aria-label="Страницы списка" />
        </Group>
      )}
      {editing && (
        <Modal opened onClose={() => setEditing(null)} title={kind.label} size="lg">
          <RecordForm
            kind={kind}
            record={editing === 'new' ? null : editing}
            defaults={props.defaults}
            renderField={props.renderField}
            onSubmit={save}
            onCancel={() => setEditing(null)}
          />
        </Modal>
      )}
      {deleting && (
        <ConfirmModal
          opened
          title="Удалить запись?"
          confirmLabel="Удалить"
          onConfirm={() => remove.mutate(deleting)}
          onClose={() => {
            setDeleting(null);
            remove.reset();
          }}
          loading={remove.isPending}
          error={remove.error}
          errorTitle="Не удалось удалить"
        >
          Запись «{kind.label}» будет удалена. Действие записывается в журнал изменений.
        </ConfirmModal>
      )}
    </Stack>
  );
}
