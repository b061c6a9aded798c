import {
  createMunicipality,
  createOrganization,
  createUser,
  type NewOrganization,
} from '../seed/factories.ts';
import { createTestApp, type TestApp } from './harness.ts';
import { startSmtpSink } from './smtp.ts';

/**
 * The district of the survey API tests: the app on a fixed day mailing through a real SMTP sink (set by the
 * admin), two schools А and Б, and the coordinator and the head of А logged in. Each test adds its own
 * teachers and further users (`login` logs them in with the same password).
 */
export async function createSurveyDistrict(options: {
  fixedToday: string;
  password: string;
  schoolB?: Partial<NewOrganization>;
}) {
  const { password } = options;
  const smtp = await startSmtpSink();
  const t: TestApp = await createTestApp({ fixedToday: options.fixedToday });
  const db = t.database.db;
  const m = await createMunicipality(db);
  const a = await createOrganization(db, m.id, { shortName: 'Школа А' });
  const b = await createOrganization(db, m.id, { shortName: 'Школа Б', ...options.schoolB });
  await createUser(db, { login: 'coord', password, grants: [{ role: 'coordinator', municipalityId: m.id }] });
  await createUser(db, { login: 'heada', password, grants: [{ role: 'org_manager', organizationId: a.id }] });
  await createUser(db, { login: 'root', password, grants: [{ role: 'admin' }] });
  await t.request({
    method: 'PUT',
    url: '/api/settings/smtp',
    cookie: await t.login('root', password),
    body: {
      host: '127.0.0.1',
      port: smtp.port,
      secure: false,
      user: '',
      password: '',
      from: 'РОО <roo@example.ru>',
    },
  });
  return {
    t,
    smtp,
    municipality: m,
    schools: { a, b },
    cookies: { coord: await t.login('coord', password), headA: await t.login('heada', password) },
    login: (login: string) => t.login(login, password),
    close: async () => {
      await t.close();
      smtp.stop();
    },
  };
}
