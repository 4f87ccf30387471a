import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

/**
 * Ports tests hand out sit below Linux's ephemeral range (32768–60999), so a process binding port 0 or an
 * outgoing connection can never take one between `freePort()` and the listen that uses it. Each vitest worker
 * draws from its own block, so two test files running at once never pick the same port either.
 */
const TEST_PORTS_FIRST = 20_000;
const TEST_PORTS_PER_WORKER = 1_000;
const TEST_PORT_WORKERS = 12;
let nextTestPort = Math.floor(Math.random() * TEST_PORTS_PER_WORKER);

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** A free TCP port on 127.0.0.1, outside the ephemeral range and this worker's own. */
export async function freePort(): Promise<number> {
  const worker = Number(process.env['VITEST_POOL_ID'] ?? process.pid) % TEST_PORT_WORKERS;
  const block = TEST_PORTS_FIRST + worker * TEST_PORTS_PER_WORKER;
  for (let attempt = 0; attempt < TEST_PORTS_PER_WORKER; attempt += 1) {
    const port = block + (nextTestPort++ % TEST_PORTS_PER_WORKER);
    if (await canListen(port)) {
      return port;
    }
  }
  throw new Error(`no free port in ${block}–${block + TEST_PORTS_PER_WORKER - 1}`);
}

export interface ManagedProcess {
  readonly child: ChildProcess;
  /** Everything the process printed so far. */
  output(): string;
  /** Sends a signal and resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
  exited: Promise<number | null>;
}

/** Starts a Node process and keeps its output for assertions and failure messages. */
export function startProcess(
  script: string,
  env: Record<string, string | undefined>,
  args: string[] = [],
): ManagedProcess {
  const child = spawn(process.execPath, ['--enable-source-maps', script, ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    child,
    output: () => output,
    exited,
    async stop(signal: NodeJS.Signals = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill(signal);
      }
      return exited;
    },
  };
}

/** Runs a command to completion; rejects with its output when it fails. */
export function run(
  command: string,
  args: string[],
  env: Record<string, string | undefined> = {},
): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0
        ? resolve(output)
        : reject(new Error(`${command} ${args.join(' ')} exited ${code}:\n${output}`)),
    );
  });
}

/** Polls an HTTP URL until it answers with `status`. */
export async function waitForHttp(
  url: string,
  status = 200,
  timeoutMs = 60_000,
  watch?: ManagedProcess,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (watch && watch.child.exitCode !== null) {
      throw new Error(`process exited before ${url} answered:\n${watch.output()}`);
    }
    const ok = await fetch(url, { signal: AbortSignal.timeout(2_000) }).then(
      (response) => response.status === status,
      () => false,
    );
    if (ok) {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(
    `${url} did not answer ${status} within ${timeoutMs} ms${watch ? `:\n${watch.output().slice(-4000)}` : ''}`,
  );
}
