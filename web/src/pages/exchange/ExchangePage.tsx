import { ErrorAlert, EmptyState, PageHeader } from '../../components/common.tsx';
import { useOrganizationChoice } from '../registers/OrganizationPicker.tsx';
import { ExchangePanel } from './ExchangePanel.tsx';

/** «Загрузка и выгрузка»: the department chooses an organization; an org_manager works on its own. */
export function ExchangePage() {
  const { organization, picker, isDepartment } = useOrganizationChoice();
  return (
    <>
      <PageHeader
        title="Загрузка и выгрузка"
        subtitle={`${organization && !isDepartment ? `${organization.shortName}. ` : ''}Сведения организации одной книгой Excel: скачайте, заполните или исправьте и загрузите обратно`}
        actions={picker}
      />
      {organization ? (
        <ExchangePanel key={organization.id} organization={organization} />
      ) : isDepartment ? (
        <EmptyState>Выберите организацию, чтобы скачать её книгу или загрузить файл.</EmptyState>
      ) : (
        <ErrorAlert error={new Error('Учётная запись не привязана к организации.')} />
      )}
    </>
  );
}
