/**
 * The server of the form-load benchmark, in its own process so that the clients' work does not share its
 * event loop: the app as `pedmonitor start` builds it (no web build, no schedulers), on the embedded
 * database of BENCH_DATA_DIR or on DATABASE_URL, listening on PORT, with the running campaigns measured
 * as `pedmonitor start` measures them after it listens. Prints «ready» then.
 */
import { buildApp } from '../server/app.ts';
import { loadConfig } from '../server/config.ts';
import { openDatabase } from '../server/db/client.ts';
import { warmRunningCampaigns } from '../server/modules/campaigns/kept-results.ts';

const config = { ...loadConfig(process.env), webDist: '/nonexistent' };
const database = await openDatabase({
  databaseUrl: config.databaseUrl,
  dataDir: process.env.BENCH_DATA_DIR,
  lockOwner: { role: 'server', port: config.port },
});
const app = await buildApp({ database, config, logger: { level: 'error' } });
process.once('SIGTERM', async () => {
  await app.close();
  await database.close();
  process.exit(0);
});
await app.listen({ port: config.port, host: '127.0.0.1' });
// As `pedmonitor start` does: the running campaigns measured before the first forms are opened.
await warmRunningCampaigns(database.db);
console.log('ready');
