import { describe, expect, it } from 'vitest';
import { ConfigValidationError, loadConfig } from './load-config.js';
import { ServiceConfig } from './service-config.js';

describe('loadConfig', () => {
  it('reads, converts and defaults variables', () => {
    const config = loadConfig(ServiceConfig, {
      PORT: '3001',
      DATABASE_URL: 'postgres://agora_auth@127.0.0.1:5432/agora',
      KAFKA_BROKERS: 'kafka:9092, kafka2:9092',
      MIGRATIONS_RUN: 'true',
      LOG_LEVEL: '',
    });
    expect(config.PORT).toBe(3001);
    expect(config.KAFKA_BROKERS).toEqual(['kafka:9092', 'kafka2:9092']);
    expect(config.MIGRATIONS_RUN).toBe(true);
    expect(config.LOG_LEVEL).toBe('info');
    expect(config.BUS).toBe('kafka');
    expect(config.LIST_TOTAL_CAP).toBe(10_000);
  });

  it('names every bad variable', () => {
    let error: unknown;
    try {
      loadConfig(ServiceConfig, {
        PORT: 'eighty',
        DATABASE_URL: 'mysql://x',
        BUS: 'kafka',
        KAFKA_BROKERS: 'nohost',
        LIST_TOTAL_CAP: '0',
      });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigValidationError);
    const message = (error as Error).message;
    expect(message).toContain('PORT');
    expect(message).toContain('DATABASE_URL');
    expect(message).toContain('KAFKA_BROKERS');
    expect(message).toContain('LIST_TOTAL_CAP');
  });

  it('does not ask for brokers on the in-process bus', () => {
    const config = loadConfig(ServiceConfig, { PORT: '1', DATABASE_URL: 'postgres://u@h/db', BUS: 'memory' });
    expect(config.BUS).toBe('memory');
  });
});
