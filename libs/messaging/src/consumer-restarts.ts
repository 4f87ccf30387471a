import type { Logger } from 'pino';
import { toError } from './delivery.js';

/**
 * Starts a Kafka consumer group again when kafkajs gives it up. kafkajs restarts a crashed consumer only after a
 * retriable error; one that is not (no group coordinator found while a restarted broker is still loading its
 * groups, a lock timeout, a member the coordinator forgot) leaves the group stopped for good, and with it the
 * service's readiness, until the process is restarted by hand. This starts it again after a pause that doubles
 * with every give-up in a row, up to a ceiling, until the group joins again or the service closes.
 */
export class ConsumerRestarts {
  private timer?: NodeJS.Timeout;
  private giveUpsInARow = 0;
  private closed = false;

  constructor(
    private readonly start: () => Promise<void>,
    private readonly logger: Logger,
    private readonly firstPauseMs = 1_000,
    private readonly longestPauseMs = 30_000,
  ) {}

  /** kafkajs will not restart the consumer: start it again after a pause (one restart waits at a time). */
  givenUp(): void {
    if (this.closed || this.timer) {
      return;
    }
    const pauseMs = Math.min(this.longestPauseMs, this.firstPauseMs * 2 ** this.giveUpsInARow);
    this.giveUpsInARow += 1;
    this.logger.warn({ pauseMs }, 'kafka consumer given up by kafkajs; starting it again');
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.restart();
    }, pauseMs);
  }

  /** The group is joined again: the next give-up waits the first pause only. */
  joined(): void {
    this.giveUpsInARow = 0;
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private async restart(): Promise<void> {
    if (this.closed) {
      return;
    }
    try {
      await this.start();
    } catch (error) {
      this.logger.warn({ err: toError(error) }, 'kafka consumer did not start again');
      this.givenUp();
    }
  }
}
