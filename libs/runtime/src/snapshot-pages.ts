import { propagationHeaders } from '@agora/logging';

/** A page of another service's snapshot route: its items, and where the next page starts (null: the last). */
export interface SnapshotPage {
  readonly items: readonly unknown[];
  readonly nextCursor: string | null;
}

/**
 * A snapshot route of another service (`GET <baseUrl><path>?limit=<pageSize>&cursor=<nextCursor>`), read
 * service to service at the service's own address, never through the gateway.
 */
export interface SnapshotRoute {
  /** The service's own address, e.g. CATALOG_URL. */
  readonly baseUrl: string;
  /** The contract's path, e.g. `/internal/offers`. */
  readonly path: string;
  /** What errors call it, e.g. `catalog's offer snapshot`. */
  readonly description: string;
  readonly pageSize: number;
  /** The contract's check of a page: what is wrong with it (empty when it fits). */
  problems(page: unknown): string[];
}

const TIMEOUT_MS = 15_000;

/** One page of the snapshot, from `cursor` (null: the first); rejects on an error status or a page that does not fit. */
export async function fetchSnapshotPage<Page extends SnapshotPage>(
  route: SnapshotRoute,
  cursor: string | null,
): Promise<Page> {
  const url = new URL(route.path, route.baseUrl);
  url.searchParams.set('limit', String(route.pageSize));
  if (cursor) {
    url.searchParams.set('cursor', cursor);
  }
  const response = await fetch(url, {
    headers: propagationHeaders(),
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  if (!response.ok) {
    throw new Error(`${route.description} answered ${response.status} at ${url.pathname}`);
  }
  const page: unknown = await response.json();
  const problems = route.problems(page);
  if (problems.length > 0) {
    throw new Error(`${route.description} does not fit its contract: ${problems.join('; ')}`);
  }
  return page as Page;
}

/** Every page of the snapshot in order, each fetched once the caller has handled the one before. */
export async function* snapshotPages<Page extends SnapshotPage>(route: SnapshotRoute): AsyncGenerator<Page> {
  let cursor: string | null = null;
  do {
    const page: Page = await fetchSnapshotPage<Page>(route, cursor);
    yield page;
    cursor = page.nextCursor;
  } while (cursor);
}
