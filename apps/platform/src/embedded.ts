// `npm start [-- --demo]`: the whole platform in one process on embedded defaults; `--demo` (or DEMO=1) seeds
// the demo catalog and accounts on a start that finds the catalog empty.
import 'reflect-metadata';
import { processEnvironment } from '@agora/config';
import { describeDemoAccounts, existingDemoAccounts } from './embedded/demo-accounts.js';
import { startPlatform } from './embedded/start-platform.js';

try {
  const args = process.argv.slice(2);
  const unknown = args.filter((arg) => arg !== '--demo');
  if (unknown.length > 0) {
    throw new Error(`unknown argument "${unknown[0]}"; usage: npm start -- [--demo]`);
  }
  const env = processEnvironment();
  const platform = await startPlatform(args.includes('--demo') ? { ...env, DEMO: '1' } : env);
  const { gatewayUrl, metricsUrl } = platform;
  // Only for the banner: a failure to read them leaves it without them.
  const demoAccounts = await existingDemoAccounts(platform.databaseUrl).catch(() => []);
  console.log(
    [
      '',
      `Agora is running (embedded mode)`,
      `  Web app       ${gatewayUrl}/`,
      `  API gateway   ${gatewayUrl}/api`,
      `  Swagger UI    ${gatewayUrl}/api/docs`,
      `  Health        ${gatewayUrl}/api/health`,
      `  Metrics       ${metricsUrl} (Prometheus; not behind the gateway)`,
      ...(demoAccounts.length > 0
        ? [
            `  Demo accounts (sign in with login or e-mail at POST ${gatewayUrl}/api/authentication):`,
            ...describeDemoAccounts(demoAccounts),
          ]
        : [
            `  Try it        curl -X POST ${gatewayUrl}/api/registration -H 'content-type: application/json' \\`,
            `                  -d '{"email":"anna@example.com","login":"anna","password":"correct horse"}'`,
            '  Demo data     npm run seed (now, or with `npm start -- --demo` on an empty catalog)',
          ]),
      'Press Ctrl-C to stop.',
      '',
    ].join('\n'),
  );
  // Loaded by now; imported here so that start-up reaches the database before the services' code is loaded.
  const { closeOnSignals } = await import('@agora/runtime');
  closeOnSignals(() => platform.close(), platform.logger);
} catch (error) {
  console.error(
    `Agora failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
  );
  process.exit(1);
}
