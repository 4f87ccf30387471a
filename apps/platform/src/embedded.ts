// `npm start`: the whole platform in one process on embedded defaults.
import 'reflect-metadata';
import { closeOnSignals } from '@agora/runtime';
import { processEnvironment } from '@agora/config';
import { startPlatform } from './embedded/start-platform.js';

try {
  const platform = await startPlatform(processEnvironment());
  const { gatewayUrl } = platform;
  console.log(
    [
      '',
      `Agora is running (embedded mode)`,
      `  API gateway   ${gatewayUrl}/api`,
      `  Swagger UI    ${gatewayUrl}/api/docs`,
      `  Health        ${gatewayUrl}/api/health`,
      `  Try it        curl -X POST ${gatewayUrl}/api/registration -H 'content-type: application/json' \\`,
      `                  -d '{"email":"anna@example.com","login":"anna","password":"correct horse"}'`,
      'Press Ctrl-C to stop.',
      '',
    ].join('\n'),
  );
  closeOnSignals(() => platform.close(), platform.logger);
} catch (error) {
  console.error(
    `Agora failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
  );
  process.exit(1);
}
