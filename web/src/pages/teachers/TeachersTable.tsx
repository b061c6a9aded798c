import { Anchor, Badge, Group, Pagination, Paper, Stack, Table, Text, Tooltip } from '@mantine/core';
import { Link } from 'react-router-dom';
import { qualificationCategory } from '../../../../core/enums.ts';
import { plural } from '../../../../core/format.ts';
import { EmptyState, Loading } from '../../components/common.tsx';
import { formatRuDate } from '../../lib/format.ts';
import type { PositionSummary, QualificationCategory, TeacherListItem } from './api.ts';

const CATEGORY_COLOR: Record<QualificationCategory, string> = {
  highest: 'violet',
  first: 'blue',
  compliance: 'gray',
  none: 'gray',
};
const CATEGORY_SHORT: Record<QualificationCategory, string> = {
  highest: 'высшая',
  first: 'первая',
  compliance: 'СЗД',
  none: 'нет',
};

export function CategoryBadge({ category }: { category: QualificationCategory }) {
  return (
    <Badge
      maw="none"
      style={{ flexShrink: 0 }}
      variant={category === 'none' ? 'outline' : 'light'}
      color={CATEGORY_COLOR[category]}
      title={qualificationCategory.label[category]}
    >
      {CATEGORY_SHORT[category]}
    </Badge>
  );
}

export function YoungBadge() {
  return (
    <Badge color="teal" variant="light" size="sm">
      молодой педагог
    </Badge>
  );
}

export const years = (n: number) => `${n} ${plural(n, ['год', 'года', 'лет'])}`;

function PositionLines({
  positions,
  showOrganization,
}: {
  positions: PositionSummary[];
  showOrganization: boolean;
}) {
  if (!positions.length) return <Text size="sm">—</Text>;
  return (
    <Stack gap={2}>
      {positions.map((p) => (
        <Text key={p.id} size="sm" c={p.endDate ? 'dimmed' : undefined}>
          {showOrganization && <b>{p.organizationShortName}</b>}
          {showOrganization && ': '}
          {p.title}
          {!p.isMainJob && ' (совм.)'}
          {p.endDate && ` — до ${formatRuDate(p.endDate)}`}
        </Text>
      ))}
    </Stack>
  );
}

/** The teachers table of the search page and of an organization card. */
export function TeachersTable({
  rows,
  total,
  page,
  pageSize,
  isLoading,
  onPage,
  showOrganization = true,
}: {
  rows: TeacherListItem[] | undefined;
  total: number;
  page: number;
  pageSize: number;
  isLoading: boolean;
  onPage(page: number): void;
  showOrganization?: boolean;
}) {
  return (
    <>
      <Paper withBorder>
        {isLoading ? (
          <Loading />
        ) : !rows?.length ? (
          <EmptyState>Педагоги не найдены. Измените условия поиска.</EmptyState>
        ) : (
          <Table.ScrollContainer minWidth={820}>
            <Table striped highlightOnHover verticalSpacing="sm" aria-label="Педагоги">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>ФИО</Table.Th>
                  <Table.Th>{showOrganization ? 'Организация и должность' : 'Должность'}</Table.Th>
                  <Table.Th ta="right">Возраст</Table.Th>
                  <Table.Th ta="right">Стаж</Table.Th>
                  <Table.Th>Категория</Table.Th>
                  <Table.Th>Предметы</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((t) => (
                  <Table.Tr key={t.id}>
                    <Table.Td>
                      <Anchor component={Link} to={`/teachers/${t.id}`} fw={500}>
                        {t.fullName}
                      </Anchor>
                      <Group gap={4} mt={2}>
                        {t.isYoung && <YoungBadge />}
                        {t.isManager && (
                          <Badge size="sm" variant="light" color="indigo">
                            руководитель
                          </Badge>
                        )}
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      <PositionLines positions={t.positions} showOrganization={showOrganization} />
                    </Table.Td>
                    <Table.Td ta="right">
                      <Tooltip label={`Дата рождения: ${formatRuDate(t.birthDate)}`}>
                        <span>{t.age}</span>
                      </Tooltip>
                    </Table.Td>
                    <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                      {years(t.experience)}
                    </Table.Td>
                    <Table.Td>
                      <CategoryBadge category={t.category} />
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" c="dimmed" lineClamp={2}>
                        {t.subjects.join(', ') || '—'}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Paper>
      {total > pageSize && (
        <Group justify="center" mt="md">
          <Pagination total={Math.ceil(total / pageSize)} value={page} onChange={onPage} />
        </Group>
      )}
    </>
  );
}
