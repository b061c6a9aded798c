export { liveChangeWarning } from './live-change.ts';
import { ConfirmModal } from '../../components/ConfirmModal.tsx';

/** Asks before a change that reaches a running campaign is saved. */
export function LiveChangeModal({
  warning,
  loading,
  onConfirm,
  onClose,
}: {
  warning: string | null;
  loading?: boolean;
  onConfirm(): void;
  onClose(): void;
}) {
  return (
    <ConfirmModal
      opened={warning !== null}
      title="Идёт мониторинг по этой программе"
      confirmLabel="Всё равно сохранить"
      color="orange"
      loading={loading}
      onConfirm={onConfirm}
      onClose={onClose}
    >
      {warning}
    </ConfirmModal>
  );
}
