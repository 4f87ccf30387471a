import { loadConfig } from '@agora/config';
import { describe, expect, it } from 'vitest';
import { MediaConfig } from './media.config.js';

const base = { DATABASE_URL: 'postgres://media@127.0.0.1:5432/agora', PORT: '3003' };

describe('MediaConfig', () => {
  it('reads S3_FORCE_PATH_STYLE as a boolean and refuses words that are not one', () => {
    expect(loadConfig(MediaConfig, base).S3_FORCE_PATH_STYLE).toBe(true);
    expect(loadConfig(MediaConfig, { ...base, S3_FORCE_PATH_STYLE: 'false' }).S3_FORCE_PATH_STYLE).toBe(
      false,
    );
    expect(loadConfig(MediaConfig, { ...base, S3_FORCE_PATH_STYLE: '1' }).S3_FORCE_PATH_STYLE).toBe(true);
    expect(() => loadConfig(MediaConfig, { ...base, S3_FORCE_PATH_STYLE: 'yes' })).toThrow(
      /S3_FORCE_PATH_STYLE/,
    );
  });
});
