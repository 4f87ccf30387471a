import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';

export type Env = Readonly<Record<string, string | undefined>>;

/** The process's environment: the one place Agora reads it; entry points hand it to loadConfig once. */
export function processEnvironment(): Env {
  return process.env;
}

/** Thrown at boot when a variable is missing or invalid; the message names every bad variable. */
export class ConfigValidationError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigValidationError';
  }
}

function describe(errors: readonly ValidationError[]): string[] {
  return errors.flatMap((error) =>
    Object.values(error.constraints ?? {}).map((message) =>
      message.startsWith(error.property) ? message : `${error.property}: ${message}`,
    ),
  );
}

/**
 * Reads and validates a configuration class from an environment, once, at boot. Empty strings count
 * as unset, so `.env` files may list a variable without a value. Unknown variables are ignored.
 */
export function loadConfig<T extends object>(
  type: new () => T,
  env: Env,
  defaults: Readonly<Record<string, string>> = {},
): T {
  const values: Record<string, string> = { ...defaults };
  for (const [name, value] of Object.entries(env)) {
    if (value !== undefined && value !== '') {
      values[name] = value;
    }
  }
  const config = plainToInstance(type, values, {
    enableImplicitConversion: true,
    excludeExtraneousValues: false,
  });
  const errors = validateSync(config, { whitelist: false, forbidUnknownValues: true });
  if (errors.length > 0) {
    throw new ConfigValidationError(describe(errors));
  }
  return config;
}
