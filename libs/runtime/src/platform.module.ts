import { ServiceConfig } from '@agora/config';
import { LOGGER } from '@agora/logging';
import { Inbox, OutboxRelay, OutboxWriter, ReadModelMarks, UnitOfWork } from '@agora/database';
import type { MessageBus } from '@agora/messaging';
import {
  Inject,
  Injectable,
  Module,
  type DynamicModule,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { HealthController } from './health.controller.js';
import { JobRunner } from './job-runner.js';
import type { ServiceDefinition } from './service-definition.js';
import { MESSAGE_BUS, OUTBOX_RELAY } from './tokens.js';

export interface ServiceRuntime {
  readonly config: ServiceConfig;
  readonly logger: Logger;
  readonly dataSource: DataSource;
  readonly schema: string;
  readonly bus: MessageBus;
  readonly relay: OutboxRelay;
}

@Injectable()
class PlatformLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    @Inject(OUTBOX_RELAY) private readonly relay: OutboxRelay,
    private readonly dataSource: DataSource,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.relay.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.relay.stop();
    if (this.dataSource.isInitialized) {
      await this.dataSource.destroy();
    }
  }
}

/**
 * The per-service runtime as Nest providers: configuration, logger, DataSource, outbox writer, inbox,
 * bus and relay, the scheduled jobs' runner, plus the health routes. Global, so feature modules inject them directly.
 */
@Module({})
export class PlatformModule {
  static forService(definition: ServiceDefinition, runtime: ServiceRuntime): DynamicModule {
    const schema = runtime.schema;
    const configProviders =
      definition.config === ServiceConfig
        ? [{ provide: ServiceConfig, useValue: runtime.config }]
        : [
            { provide: ServiceConfig, useValue: runtime.config },
            { provide: definition.config, useValue: runtime.config },
          ];
    return {
      module: PlatformModule,
      global: true,
      imports: [definition.module],
      controllers: [HealthController],
      providers: [
        ...configProviders,
        { provide: LOGGER, useValue: runtime.logger },
        { provide: DataSource, useValue: runtime.dataSource },
        { provide: MESSAGE_BUS, useValue: runtime.bus },
        { provide: OUTBOX_RELAY, useValue: runtime.relay },
        { provide: OutboxWriter, useValue: new OutboxWriter(schema) },
        { provide: Inbox, useValue: new Inbox(runtime.dataSource, schema) },
        { provide: ReadModelMarks, useValue: new ReadModelMarks(runtime.dataSource, schema) },
        { provide: UnitOfWork, useValue: new UnitOfWork(runtime.dataSource) },
        PlatformLifecycle,
        JobRunner,
      ],
      exports: [
        ...configProviders.map((provider) => provider.provide),
        LOGGER,
        DataSource,
        MESSAGE_BUS,
        OUTBOX_RELAY,
        OutboxWriter,
        Inbox,
        ReadModelMarks,
        UnitOfWork,
        JobRunner,
      ],
    };
  }
}
