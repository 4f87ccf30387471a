import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { UnitOfWork, type Tx } from '@agora/database';
import { createValidationPipe, isDomainException } from '@agora/http';
import { LOGGER } from '@agora/logging';
import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { CatalogConfig } from '../catalog.config.js';
import { CatalogErrorCode, CatalogException } from '../catalog.errors.js';
import { CoffeeInputDto, coffeeFields } from '../coffees/coffee.dto.js';
import type { CoffeeEntity } from '../coffees/coffee.entity.js';
import type { DictionaryKind } from '../dictionaries/dictionary-kinds.js';
import { DraftsService } from '../moderation/drafts.service.js';
import type { FieldValues } from '../moderation/draft.entity.js';
import { KNOWN_COLUMNS, normaliseName, readCoffeeRow, type RowProblem } from './coffee-row.js';
import { FeedError, feedFormatOf, parseFeed, type FeedRow } from './feed.js';
import { ImportRepository } from './import.repository.js';
import type { CreatedRowDto, ImportReportDto, MatchedRowDto, SkippedRowDto } from './import.dto.js';

/** The author of drafts from the command line and the scheduled import (no person ran them). */
export const IMPORT_ROBOT_ID = '00000000-0000-7000-8000-0000000001b0';

/** A feed as read from a file, a URL or a request body. */
export interface FeedText {
  /** Where it came from, for the report: a file path, a URL, or `request`. */
  readonly source: string;
  readonly text: string;
  /** `csv`, `json`, a file name or a content type; guessed from the text when absent. */
  readonly format?: string | null;
}

const URL_TIMEOUT_MS = 10_000;

/** Dictionary values a row names, by the column that names them. */
const REFERENCES: readonly (readonly [
  column: 'roaster' | 'origin' | 'process' | 'farmer',
  DictionaryKind,
])[] = [
  ['roaster', 'roasters'],
  ['origin', 'origins'],
  ['process', 'processes'],
  ['farmer', 'farmers'],
];

/** The proposal's fields in one order, so equal changes hash alike. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map(canonical);
  }
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, canonical((value as Record<string, unknown>)[key])]),
    );
  }
  return value;
}

/** The fingerprint of a proposed change: the kind, the item (none for a new one) and the fields. */
export function fingerprintOf(targetId: string | null, payload: FieldValues): string {
  return createHash('sha256')
    .update(JSON.stringify(['coffee', targetId, canonical(payload)]))
    .digest('hex');
}

/** The fields of the input that differ from the item's (fields the feed leaves out are never cleared). */
export function changedFields(input: FieldValues, current: FieldValues): FieldValues {
  return Object.fromEntries(
    Object.entries(input).filter(
      ([field, value]) =>
        JSON.stringify(canonical(value)) !== JSON.stringify(canonical(current[field] ?? null)),
    ),
  );
}

/** Where a row goes in the report once its transaction has committed. */
type RowOutcome =
  | { readonly list: 'created'; readonly entry: CreatedRowDto }
  | { readonly list: 'matched'; readonly entry: MatchedRowDto };

/** A row skipped, with the reasons. */
class RowSkipped extends Error {
  constructor(readonly problems: RowProblem[]) {
    super(problems.map((problem) => problem.message).join('; '));
  }
}

/**
 * The importer robot (issue 17): a roaster's price list or any feed of coffees (CSV or JSON) becomes
 * drafts in the moderators' queue, through the catalog's one write path (`DraftsService` → the item's
 * editor → `CatalogItemStore`): a draft for each new coffee and one for each matched coffee's changed
 * fields. Rows match an existing coffee by barcode, else by roaster and normalised name. Each proposed
 * change's fingerprint is kept, so the same feed read again proposes nothing new.
 */
@Injectable()
export class ImportService {
  private readonly validation = createValidationPipe();

  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly repository: ImportRepository,
    private readonly drafts: DraftsService,
    private readonly config: CatalogConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /**
   * Reads a file path or an http(s) URL on an allowed host (CATALOG_IMPORT_ALLOWED_HOSTS): for the operator's
   * sources only (the script, configured feeds); a request's source goes through {@link fetch}.
   */
  async load(source: string): Promise<FeedText> {
    return /^https?:\/\//i.test(source) ? this.fetch(source) : this.readFile(source);
  }

  /** Imports the feed, its drafts authored by `authorId` (an admin, or {@link IMPORT_ROBOT_ID}). */
  async import(authorId: string, feed: FeedText): Promise<ImportReportDto> {
    let parsed: ReturnType<typeof parseFeed>;
    try {
      parsed = parseFeed(feed.text, feedFormatOf(feed.text, feed.format), {
        maxBytes: this.config.CATALOG_IMPORT_MAX_BYTES,
        maxRows: this.config.CATALOG_IMPORT_MAX_ROWS,
      });
    } catch (error) {
      if (error instanceof FeedError) {
        throw new CatalogException(
          error.reason === 'too-large'
            ? CatalogErrorCode.IMPORT_FEED_TOO_LARGE
            : CatalogErrorCode.IMPORT_FEED_INVALID,
          error.message,
        );
      }
      throw error;
    }
    const report: ImportReportDto = {
      source: feed.source,
      rows: parsed.rows.length + parsed.unreadable.length,
      summary: { created: 0, changed: 0, unchanged: 0, alreadyProposed: 0, skipped: 0 },
      created: [],
      matched: [],
      skipped: parsed.unreadable.map(({ row, message }) => ({
        row,
        name: null,
        reasons: [{ code: 'UNREADABLE_ROW', message }],
      })),
      ignoredColumns: [],
    };
    const ignored = new Set<string>();
    const names = new Map<string, Map<string, string>>();
    for (const { row, values } of parsed.rows) {
      Object.keys(values)
        .filter((column) => !KNOWN_COLUMNS.has(column))
        .forEach((column) => ignored.add(column));
      try {
        await this.importRow(authorId, row, values, names, report);
      } catch (error) {
        report.skipped.push(this.skippedRow(row, values, error));
      }
    }
    report.ignoredColumns = [...ignored].sort().slice(0, 64);
    report.summary.skipped = report.skipped.length;
    report.summary.created = report.created.filter((entry) => !entry.alreadyProposed).length;
    report.summary.alreadyProposed =
      report.created.filter((entry) => entry.alreadyProposed).length +
      report.matched.filter((entry) => entry.status === 'already-proposed').length;
    report.summary.changed = report.matched.filter((entry) => entry.status === 'changed').length;
    report.summary.unchanged = report.matched.filter((entry) => entry.status === 'unchanged').length;
    this.logger.info({ source: feed.source, summary: report.summary }, 'catalog import done');
    return report;
  }

  private skippedRow(row: number, values: FeedRow, error: unknown): SkippedRowDto {
    const name = typeof values.name === 'string' ? values.name.slice(0, 200) : null;
    if (error instanceof RowSkipped) {
      return { row, name, reasons: error.problems };
    }
    if (isDomainException(error) && error.status < 500) {
      const fields = error.extras.errors ?? [];
      return {
        row,
        name,
        reasons:
          fields.length > 0
            ? fields.map((field) => ({
                code: error.code === 'VALIDATION_FAILED' ? 'INVALID_FIELD' : 'REFUSED',
                field: field.field,
                message: `${error.code}: ${field.messages.join('; ')}`,
              }))
            : [{ code: 'REFUSED', message: `${error.code}: ${error.message}` }],
      };
    }
    throw error;
  }

  private async importRow(
    authorId: string,
    row: number,
    values: FeedRow,
    names: Map<string, Map<string, string>>,
    report: ImportReportDto,
  ): Promise<void> {
    let outcome: RowOutcome;
    try {
      outcome = await this.unitOfWork.run((tx) => this.rowIn(tx, authorId, row, values, names));
    } catch (error) {
      if (!(error instanceof AlreadyProposed)) {
        throw error;
      }
      outcome = error.outcome;
    }
    if (outcome.list === 'created') {
      report.created.push(outcome.entry);
    } else {
      report.matched.push(outcome.entry);
    }
  }

  private async rowIn(
    tx: Tx,
    authorId: string,
    row: number,
    values: FeedRow,
    names: Map<string, Map<string, string>>,
  ): Promise<RowOutcome> {
    const { coffee, problems } = readCoffeeRow(values);
    const references: Record<string, { id: string; countryCode: string | null }> = {};
    for (const [column, kind] of REFERENCES) {
      const name = coffee[column];
      if (name !== undefined) {
        const value = await this.repository.findValueByName(tx, kind, name);
        if (value) {
          references[column] = value;
        } else {
          problems.push({
            code: `UNKNOWN_${column.toUpperCase()}` as RowProblem['code'],
            field: column,
            message: `"${name.slice(0, 80)}" is no ${column} of /dictionaries/${kind}`,
          });
        }
      }
    }
    if (problems.length > 0) {
      throw new RowSkipped(problems);
    }
    const input = await this.validated({
      name: coffee.name,
      roasterId: references.roaster.id,
      countryCode: coffee.countryCode ?? references.origin?.countryCode ?? undefined,
      originId: references.origin?.id,
      processId: references.process?.id,
      farmerId: references.farmer?.id,
      farm: coffee.farm,
      variety: coffee.variety,
      roastLevel: coffee.roastLevel,
      altitudeMin: coffee.altitudeMin,
      altitudeMax: coffee.altitudeMax,
      tastingNotes: coffee.tastingNotes,
      barcode: coffee.barcode,
    });
    const name = String(input.name);
    const match = await this.match(tx, input, names);
    if (!match) {
      return this.proposed(tx, authorId, null, input, (draftId, alreadyProposed) => ({
        list: 'created',
        entry: { row, name, draftId, alreadyProposed },
      }));
    }
    const changes = changedFields(input, coffeeFields(match));
    if (typeof changes.name === 'string' && normaliseName(changes.name) === normaliseName(match.name)) {
      // The same name written otherwise (case, accents, punctuation) is no rename.
      delete changes.name;
    }
    const fields = Object.keys(changes).sort();
    if (fields.length === 0) {
      return {
        list: 'matched',
        entry: { row, name, itemId: match.id, status: 'unchanged', draftId: null, fields },
      };
    }
    return this.proposed(tx, authorId, match.id, changes, (draftId, alreadyProposed) => ({
      list: 'matched',
      entry: {
        row,
        name,
        itemId: match.id,
        status: alreadyProposed ? 'already-proposed' : 'changed',
        draftId,
        fields,
      },
    }));
  }

  /** The row as `POST /coffees` takes it (fields it leaves out stay out). */
  private async validated(fields: Record<string, unknown>): Promise<FieldValues> {
    const present = Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
    const dto = (await this.validation.transform(present, {
      type: 'body',
      metatype: CoffeeInputDto,
    })) as object;
    return JSON.parse(JSON.stringify(dto)) as FieldValues;
  }

  /** The coffee the row describes: by barcode, else by its roaster and normalised name. */
  private async match(
    tx: Tx,
    input: FieldValues,
    names: Map<string, Map<string, string>>,
  ): Promise<CoffeeEntity | null> {
    if (typeof input.barcode === 'string') {
      const byBarcode = await this.repository.findCoffeeByBarcode(tx, input.barcode);
      if (byBarcode) {
        return byBarcode;
      }
    }
    const roasterId = String(input.roasterId);
    let roasterNames = names.get(roasterId);
    if (!roasterNames) {
      roasterNames = new Map();
      for (const { id, name } of await this.repository.coffeeNamesOf(tx, roasterId)) {
        const key = normaliseName(name);
        if (!roasterNames.has(key)) {
          roasterNames.set(key, id);
        }
      }
      names.set(roasterId, roasterNames);
    }
    const id = roasterNames.get(normaliseName(String(input.name)));
    return id === undefined ? null : this.repository.findCoffee(tx, id);
  }

  /**
   * Queues the change unless a run proposed it already: the draft and its fingerprint in one transaction;
   * a run racing this one waits on the fingerprint's key, then finds it taken and rolls its draft back.
   */
  private async proposed(
    tx: Tx,
    authorId: string,
    targetId: string | null,
    payload: FieldValues,
    outcome: (draftId: string, alreadyProposed: boolean) => RowOutcome,
  ): Promise<RowOutcome> {
    const fingerprint = fingerprintOf(targetId, payload);
    const existing = await this.repository.draftOf(tx, fingerprint);
    if (existing) {
      return outcome(existing, true);
    }
    const draft = await this.drafts.proposeIn(tx, { id: authorId }, 'coffee', targetId, payload);
    if (!(await this.repository.claim(tx, fingerprint, draft.id))) {
      const first = (await this.repository.draftOf(tx, fingerprint)) ?? draft.id;
      throw new AlreadyProposed(outcome(first, true));
    }
    return outcome(draft.id, false);
  }

  private async readFile(path: string): Promise<FeedText> {
    const size = await stat(path).then(
      (info) => (info.isFile() ? info.size : -1),
      () => -1,
    );
    if (size < 0) {
      throw new CatalogException(CatalogErrorCode.IMPORT_SOURCE_FAILED, `No feed file ${path}`);
    }
    if (size > this.config.CATALOG_IMPORT_MAX_BYTES) {
      throw new CatalogException(
        CatalogErrorCode.IMPORT_FEED_TOO_LARGE,
        `${path} is larger than ${this.config.CATALOG_IMPORT_MAX_BYTES} bytes`,
      );
    }
    return { source: path, text: decode(await readFile(path)), format: path };
  }

  /** GET of an http(s) URL on an allowed host: no redirects, a time limit, at most the byte limit read. */
  async fetch(url: string): Promise<FeedText> {
    const parsed = URL.canParse(url) ? new URL(url) : null;
    const allowed = this.config.CATALOG_IMPORT_ALLOWED_HOSTS.map((host) => host.toLowerCase());
    if (!parsed || !['http:', 'https:'].includes(parsed.protocol) || !allowed.includes(parsed.hostname)) {
      throw new CatalogException(
        CatalogErrorCode.IMPORT_SOURCE_NOT_ALLOWED,
        `Import URLs are http(s) on ${allowed.join(', ') || 'no host'} (CATALOG_IMPORT_ALLOWED_HOSTS)`,
      );
    }
    const failed = (why: string) =>
      new CatalogException(CatalogErrorCode.IMPORT_SOURCE_FAILED, `${parsed.href} ${why}`);
    let response: Response;
    try {
      response = await fetch(parsed, { redirect: 'manual', signal: AbortSignal.timeout(URL_TIMEOUT_MS) });
    } catch {
      throw failed('did not answer');
    }
    if (response.status !== 200 || !response.body) {
      await response.body?.cancel();
      throw failed(`answered ${response.status}`);
    }
    const limit = this.config.CATALOG_IMPORT_MAX_BYTES;
    const chunks: Buffer[] = [];
    let total = 0;
    const body = response.body as unknown as AsyncIterable<Uint8Array>;
    try {
      for await (const chunk of body) {
        total += chunk.byteLength;
        if (total > limit) {
          throw new CatalogException(
            CatalogErrorCode.IMPORT_FEED_TOO_LARGE,
            `${parsed.href} is larger than ${limit} bytes`,
          );
        }
        chunks.push(Buffer.from(chunk));
      }
    } catch (error) {
      if (error instanceof CatalogException) {
        throw error;
      }
      throw failed('broke off');
    }
    return {
      source: parsed.href,
      text: decode(Buffer.concat(chunks)),
      format: response.headers.get('content-type') ?? parsed.pathname,
    };
  }
}

/** UTF-8 text of a feed (a BOM is dropped by the parser); other encodings are refused. */
function decode(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new CatalogException(CatalogErrorCode.IMPORT_FEED_INVALID, 'The feed is not UTF-8 text');
  }
}

/** A concurrent run proposed the same change first: this row's draft is rolled back, the row reported. */
class AlreadyProposed extends Error {
  constructor(readonly outcome: RowOutcome) {
    super('proposed already by a concurrent import');
  }
}
