import type { MessageBus } from '@agora/messaging';
import { Controller, Get, HttpCode, Inject, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiProperty, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { ProblemDetails } from '@agora/http';
import { MESSAGE_BUS } from './tokens.js';

export class HealthDto {
  @ApiProperty({ example: 'ok' })
  status!: 'ok';
}

export class ReadinessDto {
  @ApiProperty({ example: 'ready' })
  status!: 'ready';

  @ApiProperty({ example: { database: 'up', bus: 'up' } })
  checks!: Record<'database' | 'bus', 'up'>;
}

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
  ) {}

  /** Liveness: the process answers. */
  @Get()
  @ApiOkResponse({ type: HealthDto })
  live(): HealthDto {
    return { status: 'ok' };
  }

  /** Readiness: the database answers and the bus is connected. */
  @Get('ready')
  @HttpCode(200)
  @ApiOkResponse({ type: ReadinessDto })
  @ApiServiceUnavailableResponse({ type: ProblemDetails })
  async ready(): Promise<ReadinessDto> {
    const database = await this.dataSource.query('SELECT 1').then(
      () => true,
      () => false,
    );
    const bus = this.bus.isReady();
    if (!database || !bus) {
      throw new ServiceUnavailableException(
        `Not ready: database ${database ? 'up' : 'down'}, bus ${bus ? 'up' : 'down'}`,
      );
    }
    return { status: 'ready', checks: { database: 'up', bus: 'up' } };
  }
}
