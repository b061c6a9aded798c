import { Modal, MultiSelect, Stack, Textarea, TextInput } from '@mantine/core';
import { useState } from 'react';
import { ErrorAlert } from '../../components/common.tsx';
import { FormActions } from '../../components/FormActions.tsx';
import { useOrganizationOptions } from '../registers/api.ts';
import { useRecordSave } from './edited-records.tsx';
import type { OrganizationGroup } from './groups-api.ts';

/** Add or edit a group: its name, what it is, and its members (organizations of the municipality). */
export function GroupForm({
  record: group,
  onClose,
  onSaved,
}: {
  record: OrganizationGroup | null;
  onClose(): void;
  onSaved(group: OrganizationGroup): void;
}) {
  const organizations = useOrganizationOptions();
  const [name, setName] = useState(group?.name ?? '');
  const [description, setDescription] = useState(group?.description ?? '');
  const [members, setMembers] = useState<string[]>(group?.organizationIds.map(String) ?? []);
  const { save, error, isSaving } = useRecordSave('/api/organization-groups', group, onSaved);
  const options = (organizations.data ?? [])
    .filter((o) => !group || o.municipalityId === group.municipalityId)
    .map((o) => ({ value: String(o.id), label: o.shortName }));

  return (
    <Modal opened onClose={onClose} title={group ? 'Изменить группу' : 'Новая группа организаций'} size="lg">
      <Stack gap="sm">
        <TextInput
          label="Название группы"
          placeholder="Например, «Точка роста»"
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          required
          data-autofocus
        />
        <Textarea
          label="Описание"
          placeholder="Что объединяет организации группы: проект, статус площадки, сеть"
          value={description}
          onChange={(e) => setDescription(e.currentTarget.value)}
          autosize
          minRows={2}
        />
        <MultiSelect
          label="Организации группы"
          placeholder="Выберите организации"
          data={options}
          value={members}
          onChange={setMembers}
          searchable
          clearable
          hidePickedOptions
          nothingFoundMessage="Организация не найдена"
        />
        <ErrorAlert error={error} title="Группа не сохранена" />
        <FormActions
          onCancel={onClose}
          onSubmit={() => void save({ name, description, organizationIds: members.map(Number) })}
          loading={isSaving}
        />
      </Stack>
    </Modal>
  );
}
