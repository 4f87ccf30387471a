// The textbook way to write `GET /coffees`: NestJS on Express, TypeORM entities with relations, and
// `getManyAndCount()` over the joins with `skip`/`take` (TypeORM wraps it in a SELECT DISTINCT over every
// joined row and counts DISTINCT ids across the joins: typeorm#5670, #6294). The same JSON as catalog-service,
// from the same database. `node dist/bench/textbook-server.js` with BENCH_DATABASE_URL and BENCH_PORT.
import 'reflect-metadata';
import { loadConfig, processEnvironment } from '@agora/config';
import { Controller, Get, Module, Query } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Type } from 'class-transformer';
import { IsInt, IsUrl } from 'class-validator';
import { Column, DataSource, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';

class TextbookConfig {
  @IsUrl({ protocols: ['postgres', 'postgresql'], require_tld: false, require_protocol: true })
  BENCH_DATABASE_URL!: string;

  @Type(() => Number)
  @IsInt()
  BENCH_PORT = 18092;
}

@Entity({ schema: 'catalog', name: 'dictionary_values' })
class DictionaryValue {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('text')
  name!: string;
}

@Entity({ schema: 'catalog', name: 'coffees' })
class Coffee {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('text')
  name!: string;

  @ManyToOne(() => DictionaryValue)
  @JoinColumn({ name: 'roaster_id' })
  roaster!: DictionaryValue;

  @Column({ name: 'country_code', type: 'text', nullable: true })
  countryCode!: string | null;

  @ManyToOne(() => DictionaryValue, { nullable: true })
  @JoinColumn({ name: 'origin_id' })
  origin!: DictionaryValue | null;

  @Column({ type: 'text', nullable: true })
  farm!: string | null;

  @ManyToOne(() => DictionaryValue, { nullable: true })
  @JoinColumn({ name: 'farmer_id' })
  farmer!: DictionaryValue | null;

  @Column({ type: 'text', nullable: true })
  variety!: string | null;

  @ManyToOne(() => DictionaryValue, { nullable: true })
  @JoinColumn({ name: 'process_id' })
  process!: DictionaryValue | null;

  @Column({ name: 'roast_level', type: 'text', nullable: true })
  roastLevel!: string | null;

  @Column({ name: 'altitude_min', type: 'integer', nullable: true })
  altitudeMin!: number | null;

  @Column({ name: 'altitude_max', type: 'integer', nullable: true })
  altitudeMax!: number | null;

  @Column({ name: 'tasting_notes', type: 'text', array: true })
  tastingNotes!: string[];

  @Column({ type: 'text', nullable: true })
  barcode!: string | null;

  @Column('integer')
  version!: number;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

const config = loadConfig(TextbookConfig, processEnvironment());
const dataSource = new DataSource({
  type: 'postgres',
  url: config.BENCH_DATABASE_URL,
  entities: [Coffee, DictionaryValue],
  extra: { max: 10 },
});

const ref = (value: DictionaryValue | null) => (value ? { id: value.id, name: value.name } : null);

@Controller('coffees')
class CoffeesController {
  @Get()
  async list(@Query() query: Record<string, string>) {
    const limit = Math.min(Number(query.limit ?? 20), 100);
    const page = Math.max(Number(query.page ?? 1), 1);
    const [coffees, total] = await dataSource
      .getRepository(Coffee)
      .createQueryBuilder('coffee')
      .innerJoinAndSelect('coffee.roaster', 'roaster')
      .leftJoinAndSelect('coffee.origin', 'origin')
      .leftJoinAndSelect('coffee.farmer', 'farmer')
      .leftJoinAndSelect('coffee.process', 'process')
      .orderBy('coffee.createdAt', 'DESC')
      .addOrderBy('coffee.id', 'DESC')
      .skip((page - 1) * limit)
      .take(limit)
      .getManyAndCount();
    return {
      items: coffees.map((coffee) => ({
        id: coffee.id,
        name: coffee.name,
        roaster: ref(coffee.roaster),
        countryCode: coffee.countryCode,
        origin: ref(coffee.origin),
        farm: coffee.farm,
        farmer: ref(coffee.farmer),
        variety: coffee.variety,
        process: ref(coffee.process),
        roastLevel: coffee.roastLevel,
        altitudeMin: coffee.altitudeMin,
        altitudeMax: coffee.altitudeMax,
        tastingNotes: coffee.tastingNotes,
        barcode: coffee.barcode,
        version: coffee.version,
        createdAt: coffee.createdAt.toISOString(),
        updatedAt: coffee.updatedAt.toISOString(),
      })),
      total,
      page,
      limit,
    };
  }
}

@Module({ controllers: [CoffeesController] })
class TextbookModule {}

await dataSource.initialize();
const app = await NestFactory.create<NestExpressApplication>(TextbookModule, { logger: ['error'] });
app.enableShutdownHooks();
await app.listen(config.BENCH_PORT, '127.0.0.1');
console.log(`textbook server on ${config.BENCH_PORT}`);
