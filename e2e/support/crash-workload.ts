import type { ServiceName } from '@agora/contracts';

/** A small seeded PRNG (mulberry32): the same seed gives the same workload and fault schedule. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export type Step =
  | { readonly kind: 'register'; readonly chain: number; readonly login: string }
  | { readonly kind: 'verify'; readonly chain: number }
  | { readonly kind: 'rename'; readonly chain: number; readonly login: string }
  | { readonly kind: 'delete-user'; readonly chain: number }
  | { readonly kind: 'upload'; readonly chain: number; readonly color: number }
  | { readonly kind: 'delete-media'; readonly chain: number };

export type Fault =
  /** A plain SIGKILL wherever the service is: mid-request, mid-relay, mid-batch. */
  | { readonly kind: 'kill'; readonly at: number; readonly service: ServiceName; readonly downMs: number }
  /**
   * The broker stops (SIGTERM or SIGKILL) while events pile up in the outboxes; when it is back, `relay`'s
   * outbox relay publishes and is SIGKILLed before it can mark the rows sent (a table lock holds its UPDATE),
   * so it publishes them again after the restart.
   */
  | {
      readonly kind: 'broker';
      readonly at: number;
      readonly how: 'graceful' | 'kill';
      readonly downMs: number;
      readonly relay: 'auth' | 'media';
    }
  /**
   * A consumer is held (a table lock on its inbox) while a backlog builds, let go, and SIGKILLed mid-batch
   * once it has applied `appliedBeforeKill` more events, before it commits their offsets: it gets them again.
   */
  | {
      readonly kind: 'consumer';
      readonly at: number;
      readonly service: 'social' | 'catalog';
      readonly backlogMs: number;
      readonly appliedBeforeKill: number;
    };

export interface CrashPlan {
  readonly seed: number;
  /** Steps in the order they are handed out; a chain's steps keep their order. */
  readonly steps: readonly Step[];
  readonly faults: readonly Fault[];
}

export interface CrashSize {
  /** Events the steps produce (each step commits one event in its producer's outbox). */
  readonly events: number;
  readonly brokerRestarts: number;
  /** Consumers killed mid-batch. */
  readonly consumerKills: number;
  /** Plain SIGKILLs at random points. */
  readonly kills: number;
}

/**
 * Builds the workload for a seed: accounts (register, renames, a verification somewhere among them, some
 * deleted at the end) and media (upload, most deleted later), interleaved at random; faults at random points
 * between 10 % and 80 % of the steps. Every step commits one event in its producer's outbox.
 */
export function planCrashRun(seed: number, size: CrashSize): CrashPlan {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const chains: Step[][] = [];
  // Of every 100 events: 10 registrations, 8 verifications, 1 deletion, 56 renames, 14 uploads, 11 media deletions.
  const accounts = Math.max(4, Math.round(size.events * 0.1));
  const renames = Math.round(size.events * 0.56);
  const uploads = Math.max(4, Math.round(size.events * 0.14));
  const renamesOf = Array.from({ length: accounts }, () => 0);
  for (let rename = 0; rename < renames; rename += 1) {
    renamesOf[Math.floor(random() * accounts)] += 1;
  }
  for (let account = 0; account < accounts; account += 1) {
    const chain = chains.length;
    const login = `c${seed.toString(36)}_${account}`;
    const steps: Step[] = [{ kind: 'register', chain, login }];
    for (let rename = 0; rename < renamesOf[account]; rename += 1) {
      steps.push({ kind: 'rename', chain, login: `${login}_r${rename}` });
    }
    if (random() < 0.8) {
      steps.splice(1 + Math.floor(random() * steps.length), 0, { kind: 'verify', chain });
    }
    if (random() < 0.1) {
      steps.push({ kind: 'delete-user', chain });
    }
    chains.push(steps);
  }
  for (let upload = 0; upload < uploads; upload += 1) {
    const chain = chains.length;
    const steps: Step[] = [{ kind: 'upload', chain, color: Math.floor(random() * 0xffffff) }];
    if (random() < 0.8) {
      steps.push({ kind: 'delete-media', chain });
    }
    chains.push(steps);
  }
  // A uniformly random interleaving: one ticket per step, shuffled, each ticket the chain's next step.
  const tickets = chains.flatMap((steps, chain) => steps.map(() => chain));
  for (let index = tickets.length - 1; index > 0; index -= 1) {
    const other = Math.floor(random() * (index + 1));
    [tickets[index], tickets[other]] = [tickets[other], tickets[index]];
  }
  const next = chains.map(() => 0);
  const steps = tickets.map((chain) => chains[chain][next[chain]++]);

  const point = () => Math.floor(steps.length * (0.1 + random() * 0.7));
  const faults: Fault[] = [];
  const relays = ['auth', 'media'] as const;
  const consumers = ['social', 'catalog'] as const;
  for (let restart = 0; restart < size.brokerRestarts; restart += 1) {
    faults.push({
      kind: 'broker',
      at: point(),
      how: restart % 2 === 0 ? 'graceful' : 'kill',
      downMs: 500 + Math.floor(random() * 2_000),
      // auth's relay first: it has the most events in flight.
      relay: restart < relays.length ? relays[restart] : pick(relays),
    });
  }
  for (let kill = 0; kill < size.consumerKills; kill += 1) {
    faults.push({
      kind: 'consumer',
      at: point(),
      service: kill < consumers.length ? consumers[(kill + seed) % 2] : pick(consumers),
      backlogMs: 1_000 + Math.floor(random() * 2_000),
      appliedBeforeKill: 2 + Math.floor(random() * 10),
    });
  }
  const services: ServiceName[] = ['auth', 'media', 'social', 'catalog'];
  for (let kill = 0; kill < size.kills; kill += 1) {
    faults.push({
      kind: 'kill',
      at: point(),
      service: kill < services.length ? services[kill] : pick(services),
      downMs: Math.floor(random() * 2_000),
    });
  }
  faults.sort((a, b) => a.at - b.at);
  return { seed, steps, faults };
}
