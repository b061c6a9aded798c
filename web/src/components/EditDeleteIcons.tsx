import { ActionIcon, Tooltip } from '@mantine/core';
import { IconPencil, IconTrash } from '@tabler/icons-react';
import type { ReactElement } from 'react';

/**
 * The pencil and the bin of a row or a card. The accessible names say what is edited or deleted
 * («Изменить правило»); the tooltips stay short unless told otherwise.
 */
export function EditDeleteIcons({
  onEdit,
  onDelete,
  editLabel = 'Изменить',
  deleteLabel = 'Удалить',
  editTooltip = 'Изменить',
  deleteTooltip = 'Удалить',
  tooltips = true,
  editDisabled,
  deleteLoading,
  iconSize = 16,
}: {
  onEdit(): void;
  onDelete(): void;
  editLabel?: string;
  deleteLabel?: string;
  editTooltip?: string;
  deleteTooltip?: string;
  tooltips?: boolean;
  editDisabled?: boolean;
  deleteLoading?: boolean;
  iconSize?: number;
}) {
  const tip = (label: string, icon: ReactElement) =>
    tooltips ? <Tooltip label={label}>{icon}</Tooltip> : icon;
  return (
    <>
      {tip(
        editTooltip,
        <ActionIcon variant="subtle" aria-label={editLabel} disabled={editDisabled} onClick={onEdit}>
          <IconPencil size={iconSize} />
        </ActionIcon>,
      )}
      {tip(
        deleteTooltip,
        <ActionIcon
          variant="subtle"
          color="red"
          aria-label={deleteLabel}
          loading={deleteLoading}
          onClick={onDelete}
        >
          <IconTrash size={iconSize} />
        </ActionIcon>,
      )}
    </>
  );
}
