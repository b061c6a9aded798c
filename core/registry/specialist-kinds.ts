import { specialistRole } from '../enums.ts';
import { field, text, type RecordKind } from './fields.ts';

/**
 * A person of the methodical service (methodist, ЦНППМ curator, tutor, mentor-expert): not staff of an ОО,
 * recorded by the department and chosen as the curator and the tutor of ИОМ.
 */
export const methodicalSpecialistKind: RecordKind = {
  key: 'methodicalSpecialist',
  label: 'Специалист методической службы',
  pluralLabel: 'Методическая служба',
  fields: [
    text('fullName', 'ФИО', { required: true, max: 300 }),
    field('roles', 'Роль', { kind: 'enumList', enumeration: specialistRole }, { required: true }),
    text('otherRole', 'Другая роль', { max: 200, hint: 'Для роли «другое»: чем занимается специалист' }),
    text('workplace', 'Место работы', { max: 300, hint: 'ЦНППМ, ИРО, управление образования, ММС…' }),
    field('subjects', 'Предметы', { kind: 'textList', max: 30 }),
    text('email', 'Электронная почта', { max: 200 }),
    text('phone', 'Телефон', { max: 50 }),
    field('isActive', 'Работает', { kind: 'bool', default: true }),
    field('notes', 'Примечание', { kind: 'text', max: 2000, multiline: true }),
  ],
  checks: [
    {
      field: 'roles',
      message: '«Роль»: выберите хотя бы одну роль',
      isValid: (v) => v.roles === undefined || (Array.isArray(v.roles) && v.roles.length > 0),
    },
    {
      field: 'otherRole',
      message: '«Другая роль»: опишите роль, если выбрано «другое»',
      isValid: (v) =>
        !Array.isArray(v.roles) ||
        !v.roles.includes('other') ||
        (typeof v.otherRole === 'string' && v.otherRole.trim() !== ''),
    },
  ],
};
