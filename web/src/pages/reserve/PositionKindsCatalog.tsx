import { Stack, Text } from '@mantine/core';
import { countOf } from '../../../../core/format.ts';
import { reservePositionKindCatalog } from '../../../../core/registry/reserve-kinds.ts';
import { useAuth } from '../../auth/auth.tsx';
import type { RecordRow } from '../teachers/api.ts';
import { RecordList } from '../teachers/records/RecordList.tsx';
import type { PositionKind } from './api.ts';

const CANDIDATE_FORMS = ['кандидата', 'кандидатов', 'кандидатов'] as const;

/**
 * The kinds of position of the кадровый резерв: the built-in ones (kept by the system administrator) and the
 * municipality's own, which its department adds, renames and removes while no candidate names them.
 */
export function PositionKindsCatalog({ canEdit }: { canEdit: boolean }) {
  const { me } = useAuth();
  const isSystemAdmin = (me?.roles ?? []).some((g) => g.role === 'admin' && g.municipalityId === null);
  return (
    <RecordList
      kind={reservePositionKindCatalog}
      listUrl="/api/reserve-position-kinds?pageSize=1000"
      itemUrl={(id) => `/api/reserve-position-kinds/${id}`}
      queryKey={['reserve-position-kinds', 'catalog']}
      invalidates={[['reserve-position-kinds']]}
      canEdit={canEdit}
      isRowEditable={(row) => isSystemAdmin || (row as unknown as PositionKind).municipalityId !== null}
      columns={['name']}
      renderCell={(f, row: RecordRow) => {
        const k = row as unknown as PositionKind;
        if (f.key !== 'name') return undefined;
        return (
          <Stack gap={2}>
            <Text size="sm" fw={500}>
              {k.name}
            </Text>
            <Text size="xs" c="dimmed">
              {k.code ? 'встроенная' : 'добавлена муниципалитетом'}
              {k.candidateCount ? `, у ${countOf(k.candidateCount, CANDIDATE_FORMS)}` : ''}
            </Text>
          </Stack>
        );
      }}
      title="Должности кадрового резерва"
      addLabel="Добавить должность"
      emptyText="Справочник пуст."
    />
  );
}
