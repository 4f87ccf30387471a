import { withAdvisoryLock, type LockedRun } from '@agora/database';
import { LOGGER } from '@agora/logging';
import {
  Inject,
  Injectable,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';

/** A job a service runs on a schedule, in one replica at a time. */
export interface ScheduledJob<T = unknown> {
  /** `<service>.<job>`, e.g. `auth.purge-unverified`: the interval's name and the advisory lock's key. */
  readonly name: string;
  /** How often it runs; 0 runs it only when asked ({@link JobRunner.run}). */
  readonly everyMs: number;
  /** Also run once when the app has started (default false). */
  readonly runAtStart?: boolean;
  run(): Promise<T>;
}

/**
 * The scheduled jobs of one service (intervals started when the app starts, without `@nestjs/schedule` and the
 * cron parser it loads into every service). Each run
 * holds the PostgreSQL advisory lock named after its job (`withAdvisoryLock`), so replicas never run one
 * job at the same time: a replica whose tick finds the lock held skips that tick. Within a replica a job
 * never overlaps itself. Tests run a job at once by name with {@link JobRunner.run}.
 */
@Injectable()
export class JobRunner implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly jobs = new Map<string, ScheduledJob>();
  private readonly inFlight = new Map<string, Promise<LockedRun<unknown>>>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private started = false;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** Adds a job (from a provider's `onModuleInit`); its schedule starts with the app. */
  register(job: ScheduledJob): void {
    if (this.jobs.has(job.name)) {
      throw new Error(`A job named ${job.name} is registered already`);
    }
    this.jobs.set(job.name, job);
    if (this.started) {
      this.schedule(job);
    }
  }

  /** Names of the registered jobs. */
  names(): string[] {
    return [...this.jobs.keys()];
  }

  onApplicationBootstrap(): void {
    this.started = true;
    for (const job of this.jobs.values()) {
      this.schedule(job);
    }
  }

  /** Stops scheduling and waits for runs under way, before the DataSource closes. */
  async beforeApplicationShutdown(): Promise<void> {
    this.started = false;
    for (const timer of this.timers.values()) {
      clearInterval(timer);
    }
    this.timers.clear();
    await Promise.allSettled(this.inFlight.values());
  }

  /**
   * Runs the job now, once any run of it in this replica has ended: `{ ran: true, result }`, or
   * `{ ran: false }` when another replica holds its lock. A failure rejects.
   */
  async run<T = unknown>(name: string): Promise<LockedRun<T>> {
    const job = this.jobs.get(name);
    if (!job) {
      throw new Error(`No job named ${name}; this service has ${this.names().join(', ') || 'none'}`);
    }
    for (let previous = this.inFlight.get(name); previous; previous = this.inFlight.get(name)) {
      await previous.catch(() => undefined);
    }
    const run = withAdvisoryLock(this.dataSource, `agora.job:${name}`, () => job.run()).finally(() => {
      this.inFlight.delete(name);
    });
    this.inFlight.set(name, run);
    return (await run) as LockedRun<T>;
  }

  private schedule(job: ScheduledJob): void {
    if (job.everyMs > 0) {
      const timer = setInterval(() => this.tick(job.name), job.everyMs);
      timer.unref();
      this.timers.set(job.name, timer);
    }
    if (job.runAtStart) {
      this.tick(job.name);
    }
  }

  /** A scheduled run: skipped while one is under way here; failures are logged, the schedule goes on. */
  private tick(name: string): void {
    if (this.inFlight.has(name) || !this.started) {
      return;
    }
    const startedAt = Date.now();
    this.run(name).then(
      (outcome) => {
        this.logger.debug(
          { job: name, ran: outcome.ran, durationMs: Date.now() - startedAt },
          outcome.ran ? 'job ran' : 'job skipped: another replica runs it',
        );
      },
      (error: unknown) => {
        this.logger.error({ err: error, job: name }, 'job failed');
      },
    );
  }
}
