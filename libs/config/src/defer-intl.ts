/**
 * Nest's console logger builds an `Intl.DateTimeFormat` when `@nestjs/common` is imported, and building one
 * loads ICU's locale data: about 8 MB of resident memory in every service, which logs through pino and never
 * formats a date with Nest's logger. While the code loads, a formatter is built on its first use instead;
 * `restoreIntlDateTimeFormat()` (called by the runtime once a service's code is loaded) puts the native
 * constructor back for everything after. This module is imported first by `@agora/config`, which every entry
 * point imports before Nest.
 */
const NATIVE = Symbol.for('agora.nativeDateTimeFormat');
const holder = globalThis as { [NATIVE]?: typeof Intl.DateTimeFormat };
// Once per process: a second copy of this module (a test runner's fresh module graph) finds the native one kept.
const NativeDateTimeFormat = (holder[NATIVE] ??= Intl.DateTimeFormat);

function deferredDateTimeFormat(
  ...args: ConstructorParameters<typeof Intl.DateTimeFormat>
): Intl.DateTimeFormat {
  let formatter: Intl.DateTimeFormat | undefined;
  const real = (): Intl.DateTimeFormat => (formatter ??= new NativeDateTimeFormat(...args));
  return new Proxy(Object.create(NativeDateTimeFormat.prototype) as Intl.DateTimeFormat, {
    get(_target, key) {
      const value: unknown = Reflect.get(real(), key);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(real()) : value;
    },
  });
}
// The static side (supportedLocalesOf) stays the native one.
Object.setPrototypeOf(deferredDateTimeFormat, NativeDateTimeFormat);
deferredDateTimeFormat.prototype = NativeDateTimeFormat.prototype;

Intl.DateTimeFormat = deferredDateTimeFormat as unknown as typeof Intl.DateTimeFormat;

/** Puts the native `Intl.DateTimeFormat` back; formatters built meanwhile stay deferred until first used. */
export function restoreIntlDateTimeFormat(): void {
  Intl.DateTimeFormat = NativeDateTimeFormat;
}
