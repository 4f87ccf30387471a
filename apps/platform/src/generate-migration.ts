// `npm run migration:generate -- <service> <Name>`: applies the service's migrations to a throwaway
// database, diffs its entities against it, and writes apps/<service>-service/src/migrations/<ts>-<Name>.ts.
// Register the new class in that folder's index.ts and review it like code.
import 'reflect-metadata';
import { loadConfig, processEnvironment } from '@agora/config';
import { isServiceName } from '@agora/contracts';
import path from 'node:path';
import { generateMigration } from './migrations/migration-generator.js';
import { SERVICE_DEFINITIONS } from './service-definitions.js';
import { ThrowawayDatabaseConfig } from './throwaway-database.config.js';

const [service, name] = process.argv.slice(2);
try {
  const { DATABASE_ADMIN_URL } = loadConfig(ThrowawayDatabaseConfig, processEnvironment());
  if (!service || !isServiceName(service) || !name) {
    throw new Error(
      'usage: npm run migration:generate -- <auth|social|media|catalog|order> <PascalCaseName>',
    );
  }
  const generated = await generateMigration({
    adminUrl: DATABASE_ADMIN_URL,
    definition: SERVICE_DEFINITIONS[service],
    name,
    directory: path.resolve(`apps/${service}-service/src/migrations`),
  });
  console.log(
    generated
      ? `wrote ${path.relative(process.cwd(), generated.file)}; add ${generated.className} to migrations/index.ts`
      : `${service}-service: entities and migrations agree; nothing to generate`,
  );
} catch (error) {
  console.error(`migration:generate failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
