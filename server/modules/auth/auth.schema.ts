import { z } from 'zod';
import { ROLES } from '../../../core/enums.ts';

export const LoginInput = z.object({
  login: z.string().trim().min(1, 'введите логин').max(100),
  password: z.string().min(1, 'введите пароль').max(200),
});

export const RoleGrantOutput = z.object({
  role: z.enum(ROLES),
  municipalityId: z.number().nullable(),
  organizationId: z.number().nullable(),
  associationId: z.number().nullable(),
  /** A regional coordinator's region (its pages ask for the region's data by it). */
  regionId: z.number().nullable().optional(),
});

export const MeOutput = z.object({
  id: z.number(),
  login: z.string(),
  fullName: z.string(),
  teacherId: z.number().nullable(),
  roles: z.array(RoleGrantOutput),
});

export const LoginOutput = z.object({ user: MeOutput, expiresAt: z.string() });
