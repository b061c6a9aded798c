import { eq } from 'drizzle-orm';
import { ROLES, role as roleLabels, type Role } from '../core/enums.ts';
import { users } from '../server/db/schema/index.ts';
import { AppError } from '../server/errors.ts';
import { systemAdmin, type Actor } from '../server/modules/auth/access.ts';
import { createUser, resetPassword } from '../server/modules/users/users.service.ts';
import { CreateUserInput } from '../server/modules/users/users.schema.ts';
import type { Command } from './commands.ts';
import { intFlag, requireFlag, withDatabase } from './context.ts';
import { print } from './output.ts';

/** The command line acts as a system administrator, recorded in the audit log as «cli». */
const cliActor: Actor = { user: systemAdmin('cli'), requestId: 'cli' };

export const userCreateCommand: Command = {
  name: 'user create',
  usage:
    'user create --login L --name ФИО --role R [--municipality|--organization|--association|--region ID] [--personal-data] [--password P] [--email E]',
  summary: 'создать пользователя с ролью (пароль генерируется, если не задан)',
  options: {
    login: { type: 'string' },
    name: { type: 'string' },
    role: { type: 'string' },
    municipality: { type: 'string' },
    organization: { type: 'string' },
    association: { type: 'string' },
    region: { type: 'string' },
    'personal-data': { type: 'boolean' },
    password: { type: 'string' },
    email: { type: 'string' },
  },
  async run(flags) {
    const role = requireFlag(flags, 'role', `одна из ролей: ${ROLES.join(', ')}`) as Role;
    if (!ROLES.includes(role))
      throw new AppError(
        'bad_request',
        `Неизвестная роль «${role}». Допустимо: ${ROLES.map((r) => `${r} (${roleLabels.label[r]})`).join(', ')}.`,
      );
    const parsed = CreateUserInput.safeParse({
      login: requireFlag(flags, 'login', 'логин пользователя'),
      fullName: requireFlag(flags, 'name', 'ФИО пользователя'),
      email: flags.email,
      password: flags.password,
      roles: [
        {
          role,
          municipalityId: intFlag(flags, 'municipality'),
          organizationId: intFlag(flags, 'organization'),
          associationId: intFlag(flags, 'association'),
          regionId: intFlag(flags, 'region'),
          personalData: flags['personal-data'] === true,
        },
      ],
    });
    if (!parsed.success) {
      throw new AppError(
        'validation_failed',
        parsed.error.issues.map((i) => `${i.path.join('.') || 'параметры'}: ${i.message}`).join('; '),
      );
    }
    await withDatabase(flags, async (database) => {
      await database.migrate();
      const { user, password } = await createUser({ db: database.db, actor: cliActor, input: parsed.data });
      print(
        `Создан пользователь ${user.login} (${roleLabels.label[role]}${user.roles[0]?.scopeName ? `: ${user.roles[0].scopeName}` : ''}).`,
      );
      if (password) print(`Пароль: ${password}   (показывается один раз)`);
    });
  },
};

export const userResetPasswordCommand: Command = {
  name: 'user reset-password',
  usage: 'user reset-password ЛОГИН [--password P]',
  summary: 'задать пользователю новый пароль (сгенерированный, если не задан)',
  options: { password: { type: 'string' } },
  async run(flags, positionals) {
    const login = positionals[0]?.trim().toLowerCase();
    if (!login) throw new AppError('bad_request', 'Укажите логин: npx pedmonitor user reset-password ЛОГИН');
    await withDatabase(flags, async (database) => {
      const [found] = await database.db.select({ id: users.id }).from(users).where(eq(users.login, login));
      if (!found) throw new AppError('not_found', `Пользователь «${login}» не найден.`);
      const { password } = await resetPassword({
        db: database.db,
        actor: cliActor,
        id: found.id,
        password: typeof flags.password === 'string' ? flags.password : undefined,
      });
      print(`Пароль пользователя ${login} изменён; его сессии закрыты.`);
      if (password) print(`Новый пароль: ${password}   (показывается один раз)`);
    });
  },
};
