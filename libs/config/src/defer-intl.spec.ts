import { describe, expect, it } from 'vitest';
import { restoreIntlDateTimeFormat } from './defer-intl.js';

describe('the deferred Intl.DateTimeFormat of module loading', () => {
  it('formats as the native one, builds it on first use only, and gives the native constructor back', () => {
    const options: Intl.DateTimeFormatOptions = {
      timeZone: 'UTC',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    };
    // Installed by importing the module (as @agora/config does first).
    const deferred = new Intl.DateTimeFormat('en-GB', options);
    expect(Intl.DateTimeFormat.name).toBe('deferredDateTimeFormat');
    expect(Intl.DateTimeFormat.supportedLocalesOf(['en-GB'])).toEqual(['en-GB']);
    restoreIntlDateTimeFormat();
    expect(Intl.DateTimeFormat.name).toBe('DateTimeFormat');
    const native = new Intl.DateTimeFormat('en-GB', options);
    const at = Date.UTC(2026, 10, 30, 17, 40);
    expect(deferred.format(at)).toBe(native.format(at));
    expect(deferred.formatToParts(at)).toEqual(native.formatToParts(at));
    expect(deferred.resolvedOptions().timeZone).toBe('UTC');
  });
});
