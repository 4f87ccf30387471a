/**
 * A stand-in for one of our own classes (a repository, the unit of work) in a unit test: only the members
 * given exist; touching any other fails the test at once (Immich's strict automocks), so a service cannot
 * reach further than the test says.
 */
export function strictMock<T extends object>(name: string, members: Partial<T> = {}): T {
  return new Proxy(members, {
    get(target, property) {
      if (property in target) {
        return (target as Record<PropertyKey, unknown>)[property];
      }
      // Awaiting the mock (or checking whether it is a promise) reads `then`: it is not one.
      if (property === 'then' || typeof property === 'symbol') {
        return undefined;
      }
      throw new Error(`unexpected use of ${name}.${String(property)}`);
    },
  }) as T;
}
