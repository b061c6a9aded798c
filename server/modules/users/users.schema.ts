import { z } from 'zod';
import { ROLES } from '../../../core/enums.ts';
import { optionalEmail, idParam } from '../../http/fields.ts';
import { MIN_PASSWORD_LENGTH } from '../auth/passwords.ts';

export const GrantInput = z.object({
  role: z.enum(ROLES),
  municipalityId: z.number().int().positive().nullish(),
  organizationId: z.number().int().positive().nullish(),
  associationId: z.number().int().positive().nullish(),
  regionId: z.number().int().positive().nullish(),
  /** A regional coordinator reads teachers' personal data of its region too (a global admin grants it). */
  personalData: z.boolean().optional(),
});
export type GrantInput = z.infer<typeof GrantInput>;

const password = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `пароль должен быть не короче ${MIN_PASSWORD_LENGTH} символов`)
  .max(200);

export const CreateUserInput = z.object({
  login: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9._-]{3,64}$/, 'логин: от 3 до 64 латинских букв, цифр, точек, дефисов или подчёркиваний'),
  fullName: z.string().trim().min(3, 'ФИО: не короче 3 символов').max(200),
  email: optionalEmail(),
  password: password.optional(),
  teacherId: z.number().int().positive().nullish(),
  roles: z.array(GrantInput).min(1, 'назначьте пользователю хотя бы одну роль').max(20),
});
export type CreateUserInput = z.infer<typeof CreateUserInput>;

export const UpdateUserInput = CreateUserInput.omit({ login: true, password: true })
  .partial()
  .extend({ version: z.number().int().positive(), isActive: z.boolean().optional() });
export type UpdateUserInput = z.infer<typeof UpdateUserInput>;

export const ResetPasswordInput = z.object({ password: password.optional() });
export const ChangePasswordInput = z.object({ currentPassword: z.string().min(1), newPassword: password });

export const GrantOutput = z.object({
  role: z.enum(ROLES),
  municipalityId: z.number().nullable(),
  organizationId: z.number().nullable(),
  associationId: z.number().nullable(),
  regionId: z.number().nullable(),
  personalData: z.boolean(),
  scopeName: z.string().nullable(),
});

export const UserOutput = z.object({
  id: z.number(),
  login: z.string(),
  fullName: z.string(),
  email: z.string().nullable(),
  isActive: z.boolean(),
  teacherId: z.number().nullable(),
  lastLoginAt: z.string().nullable(),
  roles: z.array(GrantOutput),
  version: z.number(),
});
export type UserOutput = z.infer<typeof UserOutput>;

export const ListUsersQuery = z.object({
  q: z.string().trim().max(200).optional(),
  role: z.enum(ROLES).optional(),
  organizationId: idParam().optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
});
export type ListUsersQuery = z.infer<typeof ListUsersQuery>;
