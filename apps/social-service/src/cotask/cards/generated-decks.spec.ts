import { afterEach, describe, expect, it, vi } from 'vitest';

const NativeDisplayNames = Intl.DisplayNames;
/** Intl's constructors are writable properties; TypeScript's lib declares them read-only. */
const installDisplayNames = (constructor: typeof Intl.DisplayNames): void => {
  Object.assign(Intl, { DisplayNames: constructor });
};

describe('generated decks: country names', () => {
  afterEach(() => {
    installDisplayNames(NativeDisplayNames);
  });

  it('build ICU region names on the first card that needs them, not when the module loads', async () => {
    let built = 0;
    installDisplayNames(
      class extends NativeDisplayNames {
        constructor(...args: ConstructorParameters<typeof Intl.DisplayNames>) {
          super(...args);
          built += 1;
        }
      },
    );
    vi.resetModules();
    const { countryName } = await import('./generated-decks.js');
    expect(built).toBe(0);

    expect(countryName('et')).toBe('Ethiopia');
    expect(countryName('BR')).toBe('Brazil');
    expect(countryName('not a code')).toBe('not a code');
    expect(built).toBe(1);
  });
});
