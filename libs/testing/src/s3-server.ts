import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from './processes.js';

export interface S3Server {
  readonly endpoint: string;
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  /** What the server printed, for failure messages. */
  output(): string;
  close(): Promise<void>;
}

const script = path.resolve(import.meta.dirname, '../../../infra/s3proxy/s3proxy.sh');

/**
 * A real S3-compatible server for the media tests: S3Proxy from Maven Central on the file system, on a
 * free port with its own empty data folder, speaking AWS Signature V4.
 */
export async function startS3Server(): Promise<S3Server> {
  const port = await freePort();
  const dataDir = await mkdtemp(path.join(tmpdir(), 'agora-s3-'));
  const credentials = { accessKeyId: 'agora-test', secretAccessKey: 'agora-test-secret' };
  const child = spawn('bash', [script, 'run'], {
    env: {
      ...process.env,
      S3PROXY_PORT: String(port),
      S3PROXY_DATA_DIR: dataDir,
      S3PROXY_IDENTITY: credentials.accessKeyId,
      S3PROXY_CREDENTIAL: credentials.secretAccessKey,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const endpoint = `http://127.0.0.1:${port}`;
  const close = async (): Promise<void> => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await exited;
    }
    await rm(dataDir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) {
      await close();
      throw new Error(`S3Proxy exited before answering:\n${output}`);
    }
    // Any answer (an anonymous request is a 403) means it is listening.
    const answered = await fetch(endpoint, { signal: AbortSignal.timeout(2_000) }).then(
      () => true,
      () => false,
    );
    if (answered) {
      return { endpoint, ...credentials, output: () => output, close };
    }
    if (Date.now() > deadline) {
      await close();
      throw new Error(`S3Proxy did not answer on ${endpoint}:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
