import { Stack } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { formatRuDate } from '../../../../core/dates.ts';
import { mentoringPairKind, mentoringProgramKind } from '../../../../core/registry/kinds.ts';
import { api } from '../../api/client.ts';
import { EmptyState, PageHeader } from '../../components/common.tsx';
import { RecordList } from '../teachers/records/RecordList.tsx';
import { useRegistersRole, type MentoringPair } from './api.ts';
import { registersFieldRenderer } from './fields.tsx';
import { useOrganizationChoice } from './OrganizationPicker.tsx';

const PAIR_NAMES: Record<string, keyof MentoringPair> = {
  mentorId: 'mentorName',
  menteeId: 'menteeName',
  programId: 'programTitle',
};

/** Mentoring programs and pairs of one organization: the page and the card's tab. */
export function OrganizationMentoring({ organization }: { organization: { id: number; shortName: string } }) {
  const { canManage } = useRegistersRole();
  const canEdit = canManage(organization.id);
  const pairsUrl = `/api/mentoring-pairs?organizationId=${organization.id}&pageSize=1000`;
  const pairsKey = ['mentoring-pairs', organization.id];
  // The same query the pair list runs: the names of the teachers already in pairs label the edit form.
  const pairs = useQuery({ queryKey: pairsKey, queryFn: () => api.get<MentoringPair[]>(pairsUrl) });
  const teacherLabel = (id: number) => {
    for (const p of pairs.data ?? []) {
      if (p.mentorId === id) return p.mentorName;
      if (p.menteeId === id) return p.menteeName;
    }
    return undefined;
  };
  return (
    <Stack gap="xl">
      <RecordList
        kind={mentoringProgramKind}
        listUrl={`/api/mentoring-programs?organizationId=${organization.id}&pageSize=1000`}
        itemUrl={(id) => `/api/mentoring-programs/${id}`}
        queryKey={['mentoring-programs', organization.id]}
        invalidates={[pairsKey, ['mentoring-programs', 'options', organization.id]]}
        canEdit={canEdit}
        columns={['title', 'startDate', 'endDate']}
        renderCell={(f, row) =>
          f.key === 'title' ? `${String(row.title)} (пар: ${String(row.pairCount)})` : undefined
        }
        renderField={registersFieldRenderer({ fixedOrganization: organization })}
        defaults={{ organizationId: organization.id }}
        title="Программы наставничества"
        addLabel="Добавить программу"
        emptyText="Программ наставничества нет."
      />
      <RecordList
        kind={mentoringPairKind}
        listUrl={pairsUrl}
        itemUrl={(id) => `/api/mentoring-pairs/${id}`}
        queryKey={pairsKey}
        invalidates={[['mentoring-programs', organization.id]]}
        canEdit={canEdit}
        columns={['mentorId', 'menteeId', 'form', 'programId', 'startDate', 'endDate', 'outcome']}
        renderCell={(f, row) => {
          const name = PAIR_NAMES[f.key];
          if (name) return String(row[name] ?? '—');
          if (f.key === 'endDate' && !row.endDate) return 'продолжается';
          if (f.key === 'startDate') return formatRuDate(String(row.startDate));
          return undefined;
        }}
        renderField={registersFieldRenderer({
          fixedOrganization: organization,
          teacherLabel,
          teacherOrganization: { menteeId: organization.id },
        })}
        defaults={{ organizationId: organization.id, form: 'педагог — педагог' }}
        title="Наставнические пары"
        addLabel="Добавить пару"
        emptyText="Наставнических пар нет."
      />
    </Stack>
  );
}

export function MentoringPage() {
  const { organization, picker } = useOrganizationChoice();
  return (
    <>
      <PageHeader
        title="Наставничество"
        subtitle="Программы наставничества и пары «наставник — наставляемый»: наставляемый — педагог организации, наставник — педагог муниципалитета"
        actions={picker}
      />
      {organization ? (
        <OrganizationMentoring organization={organization} />
      ) : (
        <EmptyState>Выберите организацию, чтобы увидеть её программы и пары.</EmptyState>
      )}
    </>
  );
}
