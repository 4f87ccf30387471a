import { pino, type Logger } from 'pino';

const MAX_LINES_PER_REQUEST = 5;
const MAX_REQUESTS = 2_000;

/**
 * The warnings and errors the platform's services log while the fuzzer runs, by request id, so a 5xx in the
 * report comes with the line that explains it. The in-process platform's loggers are pino instances; their
 * level is raised to `warn` and their destination replaced by a collector (child loggers share both).
 */
export class ServiceLogs {
  private readonly byRequest = new Map<string, string[]>();

  constructor(loggers: readonly Logger[]) {
    const collector = { write: (line: string) => this.add(line) };
    for (const logger of loggers) {
      logger.level = 'warn';
      // pino keeps its destination under this symbol; children created earlier read it through the prototype.
      (logger as unknown as Record<symbol, unknown>)[pino.symbols.streamSym] = collector;
    }
  }

  private add(line: string): void {
    let requestId: string | undefined;
    try {
      requestId = (JSON.parse(line) as { requestId?: string }).requestId;
    } catch {
      return;
    }
    if (!requestId) {
      return;
    }
    const lines = this.byRequest.get(requestId) ?? [];
    if (lines.length < MAX_LINES_PER_REQUEST) {
      lines.push(line.trim());
    }
    this.byRequest.set(requestId, lines);
    if (this.byRequest.size > MAX_REQUESTS) {
      this.byRequest.delete(this.byRequest.keys().next().value as string);
    }
  }

  linesFor(requestId: string): string[] {
    return this.byRequest.get(requestId) ?? [];
  }
}

/** The message of a logged error (`err.message`, else `msg`), to tell apart causes behind one status. */
export function logMessage(line: string): string {
  try {
    const entry = JSON.parse(line) as { msg?: string; err?: { message?: string; type?: string } };
    return entry.err?.message ? `${entry.err.type ?? 'Error'}: ${entry.err.message}` : (entry.msg ?? line);
  } catch {
    return line;
  }
}
