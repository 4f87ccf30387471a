/**
 * Race harness: fires requests at the same instant and gives back every outcome, so a test can then check
 * the database for the one result the race must leave. Each request is prepared first and then waits at a
 * gate; opening it starts them all in one tick.
 */
export async function atOnce<T>(requests: readonly (() => Promise<T>)[]): Promise<T[]> {
  let open!: () => void;
  const gate = new Promise<void>((resolve) => {
    open = resolve;
  });
  const running = requests.map(async (request) => {
    await gate;
    return request();
  });
  open();
  return Promise.all(running);
}

/** N copies of one request, for `atOnce`. */
export function copies<T>(count: number, request: (index: number) => Promise<T>): (() => Promise<T>)[] {
  return Array.from({ length: count }, (_, index) => () => request(index));
}

/** How many times each value occurs: `tally([200, 409, 409])` → `{ 200: 1, 409: 2 }`. */
export function tally<T extends string | number>(values: readonly T[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const value of values) {
    counts[String(value)] = (counts[String(value)] ?? 0) + 1;
  }
  return counts;
}
