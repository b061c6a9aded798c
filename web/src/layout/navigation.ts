import {
  IconAffiliate,
  IconBook,
  IconBulb,
  IconFlame,
  IconBooks,
  IconCalendarStats,
  IconBriefcase,
  IconBuildingCommunity,
  IconCalendarEvent,
  IconChartBar,
  IconChartLine,
  IconCertificate,
  IconFileCertificate,
  IconListCheck,
  IconMap,
  IconListDetails,
  IconRoute,
  IconChecklist,
  IconClipboardCheck,
  IconMessageQuestion,
  IconFileSpreadsheet,
  IconGavel,
  IconHeartHandshake,
  IconHistory,
  IconHome,
  IconInbox,
  IconSchool,
  IconSettings,
  IconUser,
  IconUsers,
  IconUsersGroup,
  IconUserCheck,
  IconUserStar,
  IconWorld,
  type Icon,
} from '@tabler/icons-react';
import type { Role } from '../../../core/enums.ts';

export interface NavItem {
  to: string;
  label: string;
  icon: Icon;
  roles: Role[];
  section: string;
}

const ALL: Role[] = ['admin', 'coordinator', 'org_manager', 'teacher', 'association_leader'];
const DEPARTMENT: Role[] = ['admin', 'coordinator'];
const REGISTRY_EDITORS: Role[] = ['admin', 'coordinator', 'org_manager'];

const item = (to: string, label: string, icon: Icon, roles: Role[], section: string): NavItem => ({
  to,
  label,
  icon,
  roles,
  section,
});

/** The menu, by role. The server enforces access on every request anyway. */
export const NAVIGATION: NavItem[] = [
  item('/', 'Главная', IconHome, ALL, ''),
  item('/todo', 'Нужно сделать', IconListDetails, DEPARTMENT, ''),
  item('/my-profile', 'Мой профиль', IconUser, ['teacher'], ''),
  item('/my-routes', 'Мои маршруты', IconRoute, ['specialist'], ''),
  item('/region', 'Регион', IconMap, ['regional_coordinator'], 'Региональный уровень'),
  item('/region/approvals', 'Приём результатов', IconInbox, ['regional_coordinator'], 'Региональный уровень'),
  item('/region/muko', 'Оценка МУКО', IconListCheck, ['regional_coordinator'], 'Региональный уровень'),
  item('/organizations', 'Организации', IconSchool, [...DEPARTMENT, 'association_leader'], 'Реестр'),
  item('/my-organization', 'Моя организация', IconSchool, ['org_manager'], 'Реестр'),
  item('/teachers', 'Педагоги', IconUsersGroup, REGISTRY_EDITORS, 'Реестр'),
  item(
    '/associations',
    'Методические объединения',
    IconBook,
    [...REGISTRY_EDITORS, 'association_leader'],
    'Реестр',
  ),
  item(
    '/association-meetings',
    'Заседания МО',
    IconCalendarStats,
    [...REGISTRY_EDITORS, 'association_leader'],
    'Реестр',
  ),
  item('/events', 'Мероприятия', IconCalendarEvent, REGISTRY_EDITORS, 'Реестр'),
  item('/mentoring', 'Наставничество', IconHeartHandshake, REGISTRY_EDITORS, 'Реестр'),
  item('/vacancies', 'Вакансии', IconBriefcase, REGISTRY_EDITORS, 'Реестр'),
  item('/methodical-specialists', 'Специалисты методической службы', IconUserCheck, DEPARTMENT, 'Реестр'),
  item('/reserve', 'Кадровый резерв', IconUserStar, REGISTRY_EDITORS, 'Реестр'),
  item('/action-lists', 'Списки для работы', IconListDetails, REGISTRY_EDITORS, 'Реестр'),
  item('/staffing-forecast', 'Прогноз кадровой потребности', IconChartLine, REGISTRY_EDITORS, 'Реестр'),
  item('/target-students', 'Целевое обучение', IconCertificate, REGISTRY_EDITORS, 'Реестр'),
  item('/normative-acts', 'НПА', IconGavel, REGISTRY_EDITORS, 'Реестр'),
  item('/exchange', 'Загрузка и выгрузка', IconFileSpreadsheet, REGISTRY_EDITORS, 'Реестр'),
  item('/campaigns', 'Мониторинг', IconClipboardCheck, REGISTRY_EDITORS, 'Мониторинг'),
  item('/programs', 'Программы мониторинга', IconChartBar, REGISTRY_EDITORS, 'Мониторинг'),
  item(
    '/surveys',
    'Анкетирование',
    IconMessageQuestion,
    ['admin', 'coordinator', 'org_manager'],
    'Мониторинг',
  ),
  item('/my-recommendations', 'Рекомендации', IconChecklist, ['org_manager', 'teacher'], 'Мониторинг'),
  item('/practices', 'Банк практик', IconBulb, ALL, 'Методическое пространство'),
  item('/difficulties', 'Банк затруднений', IconFlame, REGISTRY_EDITORS, 'Методическое пространство'),
  item(
    '/organization-groups',
    'Группы организаций',
    IconAffiliate,
    REGISTRY_EDITORS,
    'Методическое пространство',
  ),
  item('/websites', 'Мониторинг сайтов', IconWorld, REGISTRY_EDITORS, 'Методическое пространство'),
  item('/roadmaps', 'Дорожная карта', IconRoute, DEPARTMENT, 'Управление'),
  item('/decisions', 'Управленческие решения', IconFileCertificate, DEPARTMENT, 'Управление'),
  item('/muko', 'Самооценка МУКО', IconListCheck, DEPARTMENT, 'Управление'),
  item('/municipality', 'Муниципалитет', IconBuildingCommunity, DEPARTMENT, 'Администрирование'),
  item('/catalogs', 'Справочники', IconBook, DEPARTMENT, 'Администрирование'),
  item('/deficit-resources', 'Ресурсы для ИОМ', IconBooks, DEPARTMENT, 'Администрирование'),
  item('/users', 'Пользователи', IconUsers, ['admin'], 'Администрирование'),
  item('/audit', 'Журнал изменений', IconHistory, DEPARTMENT, 'Администрирование'),
  item('/settings', 'Настройки', IconSettings, ['admin'], 'Администрирование'),
];

export function navigationFor(roles: Role[]): { section: string; items: NavItem[] }[] {
  const visible = NAVIGATION.filter((item) => item.roles.some((r) => roles.includes(r)));
  const sections: { section: string; items: NavItem[] }[] = [];
  for (const item of visible) {
    const existing = sections.find((s) => s.section === item.section);
    if (existing) existing.items.push(item);
    else sections.push({ section: item.section, items: [item] });
  }
  return sections;
}
