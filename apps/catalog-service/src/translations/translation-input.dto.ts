import { LANGUAGES, type Language } from '@agora/http';
import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { OptionalText, RequiredText } from '../items/item-fields.js';

/** `PUT …/translations/:lang`: the row's name (and a description) in that language. */
export class PutTranslationDto {
  @RequiredText(200, 'Kenya')
  name!: string;

  @OptionalText(2000, 'Bright, with blackcurrant and tomato')
  description?: string | null;
}

export class LanguageParamDto {
  @ApiProperty({ enum: LANGUAGES })
  @IsIn(LANGUAGES)
  lang!: Language;
}
