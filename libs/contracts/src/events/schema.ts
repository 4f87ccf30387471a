/**
 * A small runtime schema language for event payloads: each rule checks one value and names what is wrong
 * with it. A payload schema has one rule per field of its interface (the compiler checks that none is
 * missing and that each rule's type is the field's), so the interface stays the one definition and the
 * schema cannot drift from it. Fields a newer producer adds are let through (forward compatibility).
 */
export interface Rule<T> {
  /** Adds what is wrong with `value` to `problems`, each prefixed by `path`; adds nothing when it fits. */
  readonly check: (value: unknown, path: string, problems: string[]) => void;
  /** Type only: makes `Rule<string>` and `Rule<string | null>` different types. */
  readonly _type?: (value: T) => T;
}

/** One rule per field of `T`, optional fields included. */
export type PayloadSchema<T> = { readonly [K in keyof T]-?: Rule<T[K]> };

const rule = <T>(check: Rule<T>['check']): Rule<T> => ({ check });

const describe = (value: unknown): string =>
  value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value;

export interface TextOptions {
  /** At least one character (default true). */
  readonly nonEmpty?: boolean;
  /** At most this many characters (default 10 000). */
  readonly max?: number;
}

/** A string, non-empty and at most `max` long unless told otherwise. */
export function text(options: TextOptions = {}): Rule<string> {
  const { nonEmpty = true, max = 10_000 } = options;
  return rule((value, path, problems) => {
    if (typeof value !== 'string') {
      problems.push(`${path} must be a string, not ${describe(value)}`);
    } else if (nonEmpty && value.length === 0) {
      problems.push(`${path} must not be empty`);
    } else if (value.length > max) {
      problems.push(`${path} must be at most ${max} characters`);
    }
  });
}

/** An aggregate or actor id: a non-empty string of at most 200 characters. */
export const id = (): Rule<string> => text({ max: 200 });

/** A point in time as an ISO 8601 string (`2026-11-30T12:00:00.000Z`). */
export function instant(): Rule<string> {
  return rule((value, path, problems) => {
    if (
      typeof value !== 'string' ||
      !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value) ||
      Number.isNaN(Date.parse(value))
    ) {
      problems.push(`${path} must be an ISO 8601 date and time`);
    }
  });
}

/** A safe integer of at least `min` (default 0). */
export function integer(min = 0, max = Number.MAX_SAFE_INTEGER): Rule<number> {
  return rule((value, path, problems) => {
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min || value > max) {
      problems.push(
        max === Number.MAX_SAFE_INTEGER
          ? `${path} must be an integer of at least ${min}`
          : `${path} must be an integer from ${min} to ${max}`,
      );
    }
  });
}

/** A string of `min`..`max` decimal digits (a barcode such as an EAN-13). */
export function digits(min: number, max: number): Rule<string> {
  return rule((value, path, problems) => {
    if (typeof value !== 'string' || !new RegExp(`^\\d{${min},${max}}$`).test(value)) {
      problems.push(`${path} must be ${min} to ${max} digits`);
    }
  });
}

/** true or false. */
export function bool(): Rule<boolean> {
  return rule((value, path, problems) => {
    if (typeof value !== 'boolean') {
      problems.push(`${path} must be true or false, not ${describe(value)}`);
    }
  });
}

/** A decimal amount as a string, e.g. `"250.00"`. */
export function decimal(): Rule<string> {
  return rule((value, path, problems) => {
    if (typeof value !== 'string' || !/^-?\d{1,15}(\.\d{1,6})?$/.test(value)) {
      problems.push(`${path} must be a decimal number as a string`);
    }
  });
}

/** One of the given strings. */
export function oneOf<const V extends string>(values: readonly V[]): Rule<V> {
  return rule((value, path, problems) => {
    if (!values.includes(value as V)) {
      problems.push(`${path} must be one of ${values.join(', ')}`);
    }
  });
}

/** The value may also be null. */
export function nullable<T>(inner: Rule<T>): Rule<T | null> {
  return rule((value, path, problems) => {
    if (value !== null) {
      inner.check(value, path, problems);
    }
  });
}

/** The field may also be absent. */
export function optional<T>(inner: Rule<T>): Rule<T | undefined> {
  return rule((value, path, problems) => {
    if (value !== undefined) {
      inner.check(value, path, problems);
    }
  });
}

export interface ListOptions {
  readonly min?: number;
  readonly max?: number;
}

/** An array whose every item fits `item`, of `min`..`max` items (default 0..10 000). */
export function listOf<T>(item: Rule<T>, options: ListOptions = {}): Rule<T[]> {
  const { min = 0, max = 10_000 } = options;
  return rule((value, path, problems) => {
    if (!Array.isArray(value)) {
      problems.push(`${path} must be an array, not ${describe(value)}`);
      return;
    }
    if (value.length < min || value.length > max) {
      problems.push(`${path} must have ${min} to ${max} items`);
      return;
    }
    value.forEach((entry, index) => item.check(entry, `${path}[${index}]`, problems));
  });
}

/** An object with one rule per field. */
export function object<T>(schema: PayloadSchema<T>): Rule<T> {
  return rule((value, path, problems) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      problems.push(`${path} must be an object, not ${describe(value)}`);
      return;
    }
    const fields = value as Record<string, unknown>;
    for (const [name, fieldRule] of Object.entries(schema) as [string, Rule<unknown>][]) {
      fieldRule.check(fields[name], `${path}.${name}`, problems);
    }
  });
}
