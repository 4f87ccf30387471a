/**
 * A stand-in for a dependency that knows only the members a test gives it (Immich's `newTestService`
 * style): touching any other member throws, so a service that calls something unexpected fails its test.
 */
export function strictMock<T extends object>(name: string, members: Partial<T> = {}): T {
  return new Proxy(members, {
    get(target, key) {
      if (key in target) {
        return (target as Record<string | symbol, unknown>)[key];
      }
      // Promise resolution and test printers probe these on any value.
      if (key === 'then' || key === 'asymmetricMatch' || key === 'nodeType' || typeof key === 'symbol') {
        return undefined;
      }
      throw new Error(`unexpected use of ${name}.${String(key)}`);
    },
  }) as T;
}
