import { Omittable } from '@agora/http';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsString, MaxLength, MinLength } from 'class-validator';
import { BODY_LIMITS } from '@agora/contracts';

/** `POST /admin/imports`: the feed itself (`content`) or where to fetch it (`url`), one of the two. */
export class ImportFeedDto {
  @ApiPropertyOptional({
    description: 'The feed: CSV with a header line, or JSON (an array of rows, or `{"items": [...]}`)',
    example:
      'name,roaster,origin,process,roast,barcode,price\nKenya Nyeri AA,Tasty Roasters,Nyeri,Washed,light,4006381333931,890',
    maxLength: BODY_LIMITS.json,
  })
  @Omittable()
  @IsString()
  @MinLength(1)
  @MaxLength(BODY_LIMITS.json)
  content?: string;

  @ApiPropertyOptional({ enum: ['csv', 'json'], description: "The content's format; guessed when left out" })
  @Omittable()
  @IsIn(['csv', 'json'])
  format?: 'csv' | 'json';

  @ApiPropertyOptional({
    description: 'An http(s) URL on a host of CATALOG_IMPORT_ALLOWED_HOSTS, fetched instead of content',
    example: 'http://127.0.0.1:8080/feeds/roaster.csv',
    maxLength: 2048,
  })
  @Omittable()
  @IsString()
  @MaxLength(2048)
  url?: string;
}

export class RowProblemDto {
  @ApiProperty({ example: 'UNKNOWN_ORIGIN' })
  code!: string;

  @ApiPropertyOptional({ example: 'origin' })
  field?: string;

  @ApiProperty({ example: '"Atlantis" is no origin of /dictionaries/origins' })
  message!: string;
}

export class CreatedRowDto {
  @ApiProperty({ description: "The row's number in the feed (data rows from 1)" })
  row!: number;

  @ApiProperty()
  name!: string;

  @ApiProperty({ format: 'uuid', description: 'The new coffee’s draft in the moderation queue' })
  draftId!: string;

  @ApiProperty({ description: 'A draft of the same coffee was proposed by an earlier import; none made now' })
  alreadyProposed!: boolean;
}

export class MatchedRowDto {
  @ApiProperty()
  row!: number;

  @ApiProperty()
  name!: string;

  @ApiProperty({ format: 'uuid', description: 'The coffee the row matched (barcode, or roaster and name)' })
  itemId!: string;

  @ApiProperty({
    enum: ['unchanged', 'changed', 'already-proposed'],
    description: '`changed`: a draft of the changed fields was queued now; `already-proposed`: earlier',
  })
  status!: 'unchanged' | 'changed' | 'already-proposed';

  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  draftId!: string | null;

  @ApiProperty({ type: [String], description: 'The fields the feed changes', example: ['processId'] })
  fields!: string[];
}

export class SkippedRowDto {
  @ApiProperty()
  row!: number;

  @ApiProperty({ nullable: true, type: String })
  name!: string | null;

  @ApiProperty({ type: [RowProblemDto] })
  reasons!: RowProblemDto[];
}

export class ImportSummaryDto {
  @ApiProperty({ description: 'Drafts of new coffees queued now' })
  created!: number;

  @ApiProperty({ description: 'Drafts of changed fields of existing coffees queued now' })
  changed!: number;

  @ApiProperty()
  unchanged!: number;

  @ApiProperty({ description: 'Rows whose change an earlier import queued already (nothing new)' })
  alreadyProposed!: number;

  @ApiProperty()
  skipped!: number;
}

export class ImportReportDto {
  @ApiProperty({ example: 'request', description: 'The file, the URL, or `request`' })
  source!: string;

  @ApiProperty({ description: 'Rows read' })
  rows!: number;

  @ApiProperty({ type: ImportSummaryDto })
  summary!: ImportSummaryDto;

  @ApiProperty({ type: [CreatedRowDto] })
  created!: CreatedRowDto[];

  @ApiProperty({ type: [MatchedRowDto] })
  matched!: MatchedRowDto[];

  @ApiProperty({ type: [SkippedRowDto] })
  skipped!: SkippedRowDto[];

  @ApiProperty({ type: [String], description: 'Columns the importer does not read (price, weight…)' })
  ignoredColumns!: string[];
}
