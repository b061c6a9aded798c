import type { FirstAdmin } from '../server/bootstrap.ts';
import type { DemoAccount } from '../server/seed/demo.ts';

export const print = (line = '') => process.stdout.write(`${line}\n`);
export const progress = (line: string) => process.stderr.write(`${line}\n`);

export function printAdmin(admin: FirstAdmin | null) {
  if (!admin) return;
  print('');
  print('Создан администратор системы:');
  print(`  логин:  ${admin.login}`);
  print(
    admin.generatedPassword
      ? `  пароль: ${admin.generatedPassword}   (показывается один раз — сохраните его)`
      : '  пароль: из переменной PEDMONITOR_ADMIN_PASSWORD',
  );
}

export function printAccounts(accounts: DemoAccount[], fromEnv: boolean) {
  if (!accounts.length) return;
  print('');
  print('Демонстрационные учётные записи:');
  const width = Math.max(...accounts.map((a) => a.login.length));
  for (const a of accounts) {
    print(
      `  ${a.login.padEnd(width)}  ${fromEnv ? '(пароль из PEDMONITOR_DEMO_PASSWORD)' : a.password}  — ${a.description}`,
    );
  }
  if (!fromEnv)
    print('  Пароли показываются один раз; администратор может сбросить их в разделе «Пользователи».');
}
