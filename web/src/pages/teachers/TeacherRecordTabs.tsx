import { Badge, Stack, Text } from '@mantine/core';
import type { FieldDef, RecordKind } from '../../../../core/registry/fields.ts';
import {
  certificationKind,
  competitionKind,
  diagnosticKind,
  educationKind,
  positionKind,
  trainingKind,
} from '../../../../core/registry/kinds.ts';
import { routeStatus, stepStatus } from '../../../../core/enums.ts';
import { formatNumber } from '../../../../core/format.ts';
import { TeacherRoutes } from '../journeys/TeacherRoutes.tsx';
import type { RecordRow, TeacherCard } from './api.ts';
import { DeficitTitles, deficitFieldRenderer } from './records/deficits.tsx';
import { RecordList, type RecordListProps } from './records/RecordList.tsx';
import { displayValue } from './records/record-values.ts';

/** The record tabs of a teacher card: each a RecordList of one kind, configured by a few lines. */

type Extra = Partial<Omit<RecordListProps, 'kind' | 'listUrl' | 'itemUrl' | 'queryKey' | 'canEdit'>>;

function TeacherRecords({
  card,
  path,
  kind,
  ...extra
}: { card: TeacherCard; path: string; kind: RecordKind } & Extra) {
  return (
    <RecordList
      kind={kind}
      listUrl={`/api/teachers/${card.id}/${path}`}
      itemUrl={(id) => `/api/${path}/${id}`}
      queryKey={['teacher-records', card.id, path]}
      invalidates={[['teacher', card.id], ['teachers']]}
      canEdit={card.permissions.canEdit}
      {...extra}
    />
  );
}

const STATUS_COLOR: Record<string, string> = {
  draft: 'gray',
  approved: 'blue',
  in_progress: 'yellow',
  completed: 'green',
  planned: 'gray',
  done: 'green',
  cancelled: 'red',
};

function StatusBadge({ value, labels }: { value: string; labels: Record<string, string> }) {
  return (
    <Badge variant="light" color={STATUS_COLOR[value] ?? 'gray'} maw="none" tt="none">
      {labels[value] ?? value}
    </Badge>
  );
}

const cells = {
  status: (f: FieldDef, row: RecordRow) =>
    f.key === 'status' ? (
      <StatusBadge value={String(row.status)} labels={row.routeId ? stepStatus.label : routeStatus.label} />
    ) : undefined,
  deficits: (f: FieldDef, row: RecordRow) => {
    if (f.key === 'deficitCodes') return <DeficitTitles codes={(row.deficitCodes as string[]) ?? []} />;
    if (f.key === 'deficitCode')
      return <DeficitTitles codes={row.deficitCode ? [String(row.deficitCode)] : []} />;
    if (f.key === 'score' && row.score !== null) {
      return `${formatNumber(Number(row.score), 1)}${row.maxScore !== null ? ` из ${formatNumber(Number(row.maxScore), 1)}` : ''}`;
    }
    return undefined;
  },
};

export function PositionsTab({ card }: { card: TeacherCard }) {
  const own = card.permissions.positionOrganizationIds;
  return (
    <TeacherRecords
      card={card}
      path="positions"
      kind={positionKind}
      addLabel="Добавить должность"
      isRowEditable={(row) => own.includes(Number(row.organizationId))}
      defaults={{ organizationId: own.length === 1 ? own[0] : undefined, isMainJob: false, rate: 1 }}
      renderCell={(f, row) =>
        f.key === 'endDate' && !row.endDate ? (
          <Badge variant="light" color="green">
            работает
          </Badge>
        ) : undefined
      }
    />
  );
}

export function EducationTab({ card }: { card: TeacherCard }) {
  return (
    <TeacherRecords card={card} path="educations" kind={educationKind} addLabel="Добавить образование" />
  );
}

export function CertificationTab({ card }: { card: TeacherCard }) {
  return (
    <TeacherRecords
      card={card}
      path="certifications"
      kind={certificationKind}
      addLabel="Добавить аттестацию"
    />
  );
}

export function DiagnosticsTab({ card }: { card: TeacherCard }) {
  return (
    <TeacherRecords
      card={card}
      path="diagnostics"
      kind={diagnosticKind}
      addLabel="Добавить диагностику"
      columns={['date', 'level', 'instrument', 'areas', 'score', 'deficitCodes']}
      columnLabels={{ deficitCodes: 'Выявленные дефициты' }}
      renderField={deficitFieldRenderer}
      renderCell={cells.deficits}
    />
  );
}

export function TrainingsTab({ card }: { card: TeacherCard }) {
  return (
    <TeacherRecords
      card={card}
      path="trainings"
      kind={trainingKind}
      addLabel="Добавить обучение"
      columns={['type', 'title', 'providerId', 'hours', 'endDate', 'topics']}
      columnLabels={{ providerId: 'Кто проводил', hours: 'Часов', endDate: 'Сроки' }}
      defaults={{ type: 'upskilling' }}
      renderCell={(f, row) =>
        f.key === 'endDate' ? (
          <Text size="sm">
            {displayValue(
              trainingKind.fields.find((x) => x.key === 'startDate')!,
              row,
            )}{' '}
            — {displayValue(f, row)}
          </Text>
        ) : undefined
      }
    />
  );
}

export function RoutesTab({ card }: { card: TeacherCard }) {
  return <TeacherRoutes teacherId={card.id} canEdit={card.permissions.canEdit} />;
}

export function CompetitionsTab({ card }: { card: TeacherCard }) {
  return (
    <Stack gap="xs">
      <TeacherRecords
        card={card}
        path="competitions"
        kind={competitionKind}
        title="Конкурсы профессионального мастерства"
        addLabel="Добавить участие в конкурсе"
        emptyText="Участие в конкурсах не отмечено."
      />
    </Stack>
  );
}
