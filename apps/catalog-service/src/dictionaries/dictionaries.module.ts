import { Module } from '@nestjs/common';
import { ModerationModule } from '../moderation/moderation.module.js';
import { DictionariesController } from './dictionaries.controller.js';
import { DictionariesService } from './dictionaries.service.js';
import { DictionaryValueEditor } from './dictionary-value.editor.js';
import { DictionaryValuesRepository } from './dictionary-values.repository.js';

@Module({
  imports: [ModerationModule],
  controllers: [DictionariesController],
  providers: [DictionariesService, DictionaryValueEditor, DictionaryValuesRepository],
  exports: [DictionariesService],
})
export class DictionariesModule {}
