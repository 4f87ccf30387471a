// The fuzz run as people read it: a summary, then each failure group with a reproduction to paste.
import { urlOf, wireBody, type FuzzRequest } from './requests.js';
import type { FuzzReport } from './runner.js';
import { serialize } from './values.js';

function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

function abbreviate(text: string, max = 400): string {
  const visible = JSON.stringify(text).slice(1, -1);
  return visible.length <= max
    ? visible
    : `${visible.slice(0, max / 2)}…(${text.length} chars)…${visible.slice(-max / 4)}`;
}

/** A reproduction as a curl command (bodies abbreviated when long; `$TOKEN_<ROLE>` for the role's token). */
export function curlOf(request: FuzzRequest, gatewayUrl: string): string {
  const parts = [`curl -g -X ${request.operation.method} ${shellQuote(`${gatewayUrl}${urlOf(request)}`)}`];
  if (request.role !== 'anonymous') {
    parts.push(`-H "authorization: Bearer $TOKEN_${request.role.toUpperCase()}"`);
  }
  const body = request.body;
  if (body.kind === 'multipart') {
    const wire = wireBody(body, [Buffer.from('<image bytes>')], Buffer.from('<pixel flood>'));
    parts.push(`-H ${shellQuote(`content-type: ${wire.contentType ?? ''}`)}`);
    parts.push(`--data-binary ${shellQuote(abbreviate(wire.bytes?.toString('latin1') ?? ''))}`);
  } else if (body.kind !== 'none') {
    const wire = wireBody(body, [], Buffer.alloc(0));
    if (wire.contentType) {
      parts.push(`-H ${shellQuote(`content-type: ${wire.contentType}`)}`);
    }
    const text = body.kind === 'json' ? serialize(body.value) : body.text;
    parts.push(
      `--data-binary ${shellQuote(abbreviate(text))}${body.kind === 'json' && body.utf16 ? '  (sent as UTF-16LE)' : ''}`,
    );
  }
  return parts.join(' ');
}

/** What was sent, what was left out, where the time went. */
export function formatSummary(report: FuzzReport): string {
  const lines: string[] = [];
  const replay = `FUZZ_SEED=${report.seed} FUZZ_RUNS=${report.sent}`;
  lines.push(
    `fuzz: ${report.sent} requests (+${report.shrinkRequests} shrinking) over ${report.operations} operations in ${(report.durationMs / 1000).toFixed(1)} s; seed ${report.seed} (replay: ${replay} npm run test:fuzz)`,
  );
  if (report.unreachable.length > 0) {
    lines.push(`not behind the gateway, left out: ${report.unreachable.join(', ')}`);
  }
  if (report.renewedTokens.length > 0) {
    lines.push(`tokens renewed during the run: ${report.renewedTokens.join(', ')}`);
  }
  const never2xx = [...report.statuses.entries()]
    .filter(([, counts]) => ![...counts.keys()].some((status) => status >= 200 && status < 400))
    .map(([key]) => key);
  if (never2xx.length > 0) {
    lines.push(
      `operations that never answered 2xx/3xx (${never2xx.length}), with the commonest refusal of valid input:`,
    );
    for (const key of never2xx) {
      const refusals = [...(report.validRefusals.get(key) ?? new Map<string, number>()).entries()].sort(
        ([, a], [, b]) => b - a,
      );
      lines.push(
        `  ${key}: ${
          refusals
            .slice(0, 2)
            .map(([refusal, count]) => `${refusal} ×${count}`)
            .join('; ') || '-'
        }`,
      );
    }
  }
  const slowest = [...report.timings.entries()]
    .sort(([, a], [, b]) => b.total - a.total)
    .slice(0, 6)
    .map(
      ([key, timing]) => `${key} ${(timing.total / 1000).toFixed(1)} s (max ${Math.round(timing.max)} ms)`,
    );
  lines.push(`most time: ${slowest.join(', ')}`);
  const causes = new Map<string, Set<string>>();
  for (const group of report.groups.filter((candidate) => candidate.kind === 'server-error')) {
    for (const cause of group.causes) {
      const key = `${group.status} ${cause.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, '<id>')}`;
      causes.set(key, (causes.get(key) ?? new Set()).add(group.operation));
    }
  }
  if (causes.size > 0) {
    lines.push('5xx by cause:');
    for (const [cause, operations] of [...causes.entries()].sort(([, a], [, b]) => b.size - a.size)) {
      lines.push(
        `  ${cause.slice(0, 160)} — ${operations.size} operations: ${[...operations].slice(0, 8).join(', ')}`,
      );
    }
  }
  lines.push(
    report.groups.length === 0
      ? 'no failures'
      : `${report.groups.length} failure groups: ${report.groups.map((group) => `${group.key} ×${group.count}`).join(', ')}`,
  );
  return lines.join('\n');
}

/** Each failure group with its smallest reproduction, as curl, the answer and the service's log line. */
export function formatFailures(report: FuzzReport, gatewayUrl: string): string {
  const lines: string[] = [
    `${report.groups.length} failure groups (operation → status kind ×count); seed ${report.seed}, replay with FUZZ_SEED=${report.seed} FUZZ_RUNS=${report.sent}:`,
  ];
  report.groups.forEach((group, index) => {
    const { example } = group;
    lines.push('');
    lines.push(`[${index + 1}] ${group.key} ×${group.count}`);
    lines.push(`    as ${example.request.role}: ${example.request.label}`);
    lines.push(`    ${curlOf(example.request, gatewayUrl)}`);
    lines.push(
      `    answer ${example.response.status}: ${abbreviate(example.response.text || example.defect.detail, 300)}`,
    );
    if (group.kind !== 'server-error') {
      lines.push(`    ${example.defect.detail.slice(0, 300)}`);
    }
    for (const line of example.logLines.slice(0, 2)) {
      lines.push(`    log: ${line.slice(0, 600)}`);
    }
    if (group.causes.size > 1) {
      lines.push(`    other causes: ${[...group.causes].slice(1).join(' | ')}`);
    }
  });
  return lines.join('\n');
}
