import type { ServiceConfig } from '@agora/config';
import type { ServiceName } from '@agora/contracts';
import type { EntityClass, MigrationClass } from '@agora/database';
import type { Type } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';

/** Everything the platform needs to run one service, in any runtime (standalone, embedded, tests). */
export interface ServiceDefinition<C extends ServiceConfig = ServiceConfig> {
  readonly name: ServiceName;
  readonly title: string;
  readonly description: string;
  /** The service's feature modules, imported by the platform module. */
  readonly module: Type<unknown>;
  readonly entities: readonly EntityClass[];
  readonly migrations: readonly MigrationClass[];
  /** The service's configuration class (ServiceConfig or a subclass). */
  readonly config: new () => C;
  /**
   * Error codes the service answers only over its socket protocol (acknowledgements, refused handshakes),
   * documented in the README instead of the OpenAPI document.
   */
  readonly socketErrorCodes?: readonly string[];
  /** Extra start-up work on the Nest app before it listens (e.g. a WebSocket adapter). */
  readonly configure?: (app: NestFastifyApplication) => void | Promise<void>;
  /** Fills the service's schema with demo data (`npm run seed`), on its own DataSource with migrations applied. */
  readonly seed?: (dataSource: DataSource, options: DemoSeedOptions) => Promise<DemoSeedResult>;
}

export interface DemoSeedOptions {
  /** About how many items to create. */
  readonly items: number;
  /** Empties the service's data first; otherwise a schema that has data is left alone. */
  readonly reset: boolean;
}

export interface DemoSeedResult {
  readonly skipped: boolean;
  readonly counts: Readonly<Record<string, number>>;
  /** Why it was skipped, when not because the schema has data already. */
  readonly note?: string;
}
