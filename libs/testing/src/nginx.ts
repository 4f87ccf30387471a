import {
  renderNginxConf,
  renderNginxHealthScript,
  type GatewayRateZone,
  type RateZoneName,
  type ServiceName,
} from '@agora/contracts';
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { freePort } from './processes.js';

/** Rate zones loose enough for suites that send hundreds of requests from one address in seconds. */
export const RELAXED_RATE_ZONES: Partial<Record<RateZoneName, GatewayRateZone>> = {
  api: { rate: '1000r/s', burst: 2000 },
  mail: { rate: '1000r/s', burst: 2000 },
  signIn: { rate: '1000r/s', burst: 2000 },
  search: { rate: '1000r/s', burst: 2000 },
  upload: { rate: '1000r/s', burst: 2000, methods: ['POST'] },
  payments: { rate: '1000r/s', burst: 2000 },
};

export interface RunningNginx {
  /** e.g. `http://127.0.0.1:40123`; the API is under `/api`. */
  readonly url: string;
  /** What nginx wrote to its error log so far. */
  errorLog(): string;
  stop(): Promise<void>;
}

/** The repository's web app build, which `npm run build` writes. */
const BUILT_WEB_ROOT = path.resolve(import.meta.dirname, '../../../dist/web');

/**
 * Debian's nginx with the config the route table generates (as nginx/nginx.conf, but for these upstreams
 * and files under `work`), in the foreground, serving the web app from `webRoot` (the repository's dist/web
 * unless given). Fails with a hint when nginx or its njs module is missing.
 */
export async function startNginx(
  work: string,
  upstreams: Readonly<Record<ServiceName, string>>,
  rateZones?: Partial<Record<RateZoneName, GatewayRateZone>>,
  webRoot: string = BUILT_WEB_ROOT,
): Promise<RunningNginx> {
  mkdirSync(path.join(work, 'nginx-temp'), { recursive: true });
  writeFileSync(path.join(work, 'gateway-health.js'), renderNginxHealthScript());
  const port = await freePort();
  const errorLog = path.join(work, 'nginx-error.log');
  writeFileSync(
    path.join(work, 'nginx.conf'),
    renderNginxConf({
      upstreams,
      listenPort: port,
      webRoot: path.resolve(webRoot),
      njsDir: work,
      pidFile: path.join(work, 'nginx.pid'),
      errorLog,
      accessLog: path.join(work, 'nginx-access.log'),
      tempDir: path.join(work, 'nginx-temp'),
      ...(rateZones ? { rateZones } : {}),
    }),
  );
  const child = spawn('nginx', ['-p', work, '-c', path.join(work, 'nginx.conf'), '-g', 'daemon off;'], {
    stdio: 'inherit',
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    child.once('error', (error) =>
      reject(new Error(`nginx did not start (apt-get install nginx libnginx-mod-http-js): ${error.message}`)),
    );
    child.once('exit', (code) => reject(new Error(`nginx exited ${code}`)));
    const deadline = Date.now() + 10_000;
    const poll = (): void => {
      fetch(`http://127.0.0.1:${port}/`).then(
        () => resolve(),
        () => (Date.now() > deadline ? reject(new Error('nginx did not listen')) : setTimeout(poll, 100)),
      );
    };
    poll();
  });
  return {
    url: `http://127.0.0.1:${port}`,
    errorLog: () => readFileSync(errorLog, 'utf8'),
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGQUIT');
        await exited;
      }
    },
  };
}
