import { Button, Group, Stack } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useMutation, useQueryClient, type QueryKey, type UseQueryResult } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { api } from '../../api/client.ts';
import { ConfirmModal } from '../../components/ConfirmModal.tsx';
import { EmptyState, ErrorAlert, Loading } from '../../components/common.tsx';
import { notifySaved } from '../../lib/forms.ts';

/**
 * A list of records the department keeps (groups of organizations, school partnerships) edited in a modal
 * form: which record is edited (or a new one), which is being removed, the removal and the saving — each
 * over the record's own API (`POST url`, `PATCH url/:id`, `DELETE url/:id?version=`), with optimistic locking.
 */
interface KeptRecord {
  id: number;
  version: number;
}

export interface EditedRecords<T extends KeptRecord> {
  /** The form to show: the record edited (null for a new one), its close and what follows its save. */
  form: { record: T | null; onClose(): void; onSaved(): void } | null;
  startNew(): void;
  edit(record: T): void;
  /** The record whose removal is asked, and the asking. */
  removing: T | null;
  askRemove(record: T | null): void;
  remove: ReturnType<typeof useRemoval<T>>;
}

function useRemoval<T extends KeptRecord>(url: string, onRemoved: () => void) {
  return useMutation({
    mutationFn: (r: T) => api.delete(`${url}/${r.id}?version=${r.version}`),
    onSuccess: onRemoved,
  });
}

export function useEditedRecords<T extends KeptRecord>(options: {
  url: string;
  queryKey: QueryKey;
  /** What the page says once a record is saved, and once removed. */
  saved: string;
  removed: string;
}): EditedRecords<T> {
  const client = useQueryClient();
  const [editing, setEditing] = useState<T | 'new' | null>(null);
  const [removing, setRemoving] = useState<T | null>(null);
  const refresh = () => void client.invalidateQueries({ queryKey: options.queryKey });
  const remove = useRemoval<T>(options.url, () => {
    setRemoving(null);
    notifySaved(options.removed);
    refresh();
  });
  return {
    form: editing && {
      record: editing === 'new' ? null : editing,
      onClose: () => setEditing(null),
      onSaved: () => {
        setEditing(null);
        notifySaved(options.saved);
        refresh();
      },
    },
    startNew: () => setEditing('new'),
    edit: setEditing,
    removing,
    askRemove: setRemoving,
    remove,
  };
}

/**
 * The list's frame: loading, its error, the department's «Добавить …» button, the empty state or the
 * records, then the modals (`children`), and the removal's confirmation.
 */
export function EditedRecordsList<T extends KeptRecord>({
  query,
  records,
  errorTitle,
  addLabel,
  empty,
  list,
  removal,
  children,
}: {
  query: UseQueryResult<T[]>;
  records: EditedRecords<T>;
  errorTitle: string;
  /** The add button's label; none where the user does not add. */
  addLabel: string | null;
  empty: ReactNode;
  list(rows: T[]): ReactNode;
  /** The confirmation of a removal: its title and what it says of the record. */
  removal: { title: string; text(record: T | null): ReactNode };
  children?: ReactNode;
}) {
  const { remove, removing } = records;
  if (query.isLoading) return <Loading />;
  if (query.error) return <ErrorAlert error={query.error} title={errorTitle} />;
  const rows = query.data ?? [];
  return (
    <Stack>
      {addLabel && (
        <Group>
          <Button leftSection={<IconPlus size={16} />} onClick={records.startNew}>
            {addLabel}
          </Button>
        </Group>
      )}
      {rows.length ? list(rows) : <EmptyState>{empty}</EmptyState>}
      {children}
      <ConfirmModal
        opened={removing !== null}
        title={removal.title}
        confirmLabel="Удалить"
        loading={remove.isPending}
        error={remove.error}
        onConfirm={() => removing && remove.mutate(removing)}
        onClose={() => {
          records.askRemove(null);
          remove.reset();
        }}
      >
        {removal.text(removing)}
      </ConfirmModal>
    </Stack>
  );
}

/**
 * A form's saving: `PATCH url/:id` with the record's version, or `POST url` for a new one; the error
 * stays for the form to show.
 */
export function useRecordSave<T extends KeptRecord>(
  url: string,
  record: T | null,
  onSaved: (saved: T) => void,
) {
  const [error, setError] = useState<unknown>(null);
  const [isSaving, setSaving] = useState(false);
  const save = async (body: object) => {
    setSaving(true);
    setError(null);
    try {
      onSaved(
        record
          ? await api.patch<T>(`${url}/${record.id}`, { ...body, version: record.version })
          : await api.post<T>(url, body),
      );
    } catch (e) {
      setError(e);
    } finally {
      setSaving(false);
    }
  };
  return { save, error, isSaving };
}
