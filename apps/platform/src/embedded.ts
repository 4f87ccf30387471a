// `npm start`: the whole platform in one process on embedded defaults.
import 'reflect-metadata';
import { processEnvironment } from '@agora/config';
import { startPlatform } from './embedded/start-platform.js';

try {
  const platform = await startPlatform(processEnvironment());
  const { gatewayUrl, metricsUrl } = platform;
  console.log(
    [
      '',
      `Agora is running (embedded mode)`,
      `  API gateway   ${gatewayUrl}/api`,
      `  Swagger UI    ${gatewayUrl}/api/docs`,
      `  Health        ${gatewayUrl}/api/health`,
      `  Metrics       ${metricsUrl} (Prometheus; not behind the gateway)`,
      `  Try it        curl -X POST ${gatewayUrl}/api/registration -H 'content-type: application/json' \\`,
      `                  -d '{"email":"anna@example.com","login":"anna","password":"correct horse"}'`,
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
