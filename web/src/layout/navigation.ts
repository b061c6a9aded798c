import {
  IconBook,
  IconBriefcase,
  IconBuildingCommunity,
  IconCalendarEvent,
  IconFileSpreadsheet,
  IconGavel,
  IconHeartHandshake,
  IconHistory,
  IconHome,
  IconSchool,
  IconUser,
  IconUsers,
  IconUsersGroup,
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

/** The menu, by role. A page appears here when it exists; the server enforces access on every request anyway. */
export const NAVIGATION: NavItem[] = [
  {
    to: '/',
    label: 'Главная',
    icon: IconHome,
    roles: ['admin', 'coordinator', 'org_manager', 'teacher', 'association_leader'],
    section: '',
  },
  {
    to: '/organizations',
    label: 'Организации',
    icon: IconSchool,
    roles: ['admin', 'coordinator', 'association_leader'],
    section: 'Реестр',
  },
  {
    to: '/my-organization',
    label: 'Моя организация',
    icon: IconSchool,
    roles: ['org_manager'],
    section: 'Реестр',
  },
  {
    to: '/municipality',
    label: 'Муниципалитет',
    icon: IconBuildingCommunity,
    roles: ['admin', 'coordinator'],
    section: 'Администрирование',
  },
  { to: '/users', label: 'Пользователи', icon: IconUsers, roles: ['admin'], section: 'Администрирование' },
  {
    to: '/audit',
    label: 'Журнал изменений',
    icon: IconHistory,
    roles: ['admin', 'coordinator'],
    section: 'Администрирование',
  },
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
