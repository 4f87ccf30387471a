import { pino } from 'pino';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { JobRunner, type ScheduledJob } from '../src/index.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Two replicas of a service (two pools on one database, two runners) racing the same job: each run holds
 * the job's advisory lock, so one replica runs it and the other skips, whether asked at once or on schedule.
 */
describe('JobRunner across replicas', () => {
  const adminUrl = inject('testDatabaseUrl');
  const replicas: { dataSource: DataSource; runner: JobRunner }[] = [];
  const logger = pino({ level: 'silent' });

  /** A job that is not idempotent: every run adds a row with when it started and ended. */
  const countingJob = (name: string, replica: number, everyMs = 0): ScheduledJob<number> => ({
    name,
    everyMs,
    run: async () => {
      const dataSource = replicas[replica].dataSource;
      const [{ started }] = await dataSource.query<{ started: string }[]>(
        `SELECT clock_timestamp() AS started`,
      );
      await sleep(150);
      await dataSource.query(
        `INSERT INTO job_runs (job, replica, started_at, ended_at) VALUES ($1, $2, $3, clock_timestamp())`,
        [name, replica, started],
      );
      return replica;
    },
  });
  const runsOf = async (job: string) =>
    replicas[0].dataSource.query<{ replica: number; started_at: Date; ended_at: Date }[]>(
      `SELECT replica, started_at, ended_at FROM job_runs WHERE job = $1 ORDER BY started_at`,
      [job],
    );

  beforeAll(async () => {
    for (let replica = 0; replica < 2; replica += 1) {
      const dataSource = new DataSource({ type: 'postgres', url: adminUrl, poolSize: 3 });
      await dataSource.initialize();
      replicas.push({ dataSource, runner: new JobRunner(dataSource, logger) });
    }
    await replicas[0].dataSource.query(
      `CREATE TABLE IF NOT EXISTS job_runs (job text, replica int, started_at timestamptz, ended_at timestamptz)`,
    );
  });

  afterAll(async () => {
    for (const { runner, dataSource } of replicas) {
      await runner.beforeApplicationShutdown();
      await dataSource.destroy();
    }
  });

  it('runs a job asked of both replicas at once exactly once', async () => {
    const name = 'test.race-once';
    replicas.forEach(({ runner }, replica) => runner.register(countingJob(name, replica)));

    const outcomes = await Promise.all(replicas.map(({ runner }) => runner.run<number>(name)));

    expect(outcomes.filter((outcome) => outcome.ran)).toHaveLength(1);
    expect(outcomes.filter((outcome) => !outcome.ran)).toEqual([{ ran: false }]);
    expect(await runsOf(name)).toHaveLength(1);
    // The lock is free again: the next run goes ahead.
    expect(await replicas[1].runner.run(name)).toEqual({ ran: true, result: 1 });
    expect(await runsOf(name)).toHaveLength(2);
  });

  it('never overlaps two replicas’ scheduled runs of one job', async () => {
    const name = 'test.race-scheduled';
    replicas.forEach(({ runner }, replica) => {
      runner.register(countingJob(name, replica, 40));
      runner.onApplicationBootstrap();
    });
    await sleep(1_500);
    await Promise.all(replicas.map(({ runner }) => runner.beforeApplicationShutdown()));

    const runs = await runsOf(name);
    // 1.5 s of 150 ms runs ticked every 40 ms by two replicas: several runs, never two at a time.
    expect(runs.length).toBeGreaterThanOrEqual(3);
    expect(runs.length).toBeLessThanOrEqual(10);
    for (let index = 1; index < runs.length; index += 1) {
      expect(runs[index].started_at.getTime()).toBeGreaterThanOrEqual(runs[index - 1].ended_at.getTime());
    }
  });

  it('names the jobs it has when asked for one it does not', async () => {
    await expect(replicas[0].runner.run('test.unknown')).rejects.toThrow(
      /No job named test.unknown; this service has test.race-once, test.race-scheduled/,
    );
  });
});
