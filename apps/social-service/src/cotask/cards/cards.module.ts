import { Module } from '@nestjs/common';
import { AchievementsModule } from '../achievements/achievements.module.js';
import { CardsController } from './cards.controller.js';
import { CardsEvents } from './cards.events.js';
import { CardsRepository } from './cards.repository.js';
import { CardsService } from './cards.service.js';
import { CatalogFactsRepository } from './catalog-facts.repository.js';
import { DecksController } from './decks.controller.js';
import { DecksRepository } from './decks.repository.js';
import { GeneratedDecksService } from './generated-decks.service.js';

/** CoTask's forgetting curve (issue 19): decks, cards, FSRS reviews, decks generated from the catalog. */
@Module({
  imports: [AchievementsModule],
  controllers: [DecksController, CardsController, CardsEvents],
  providers: [DecksRepository, CardsRepository, CatalogFactsRepository, CardsService, GeneratedDecksService],
  exports: [CardsService, GeneratedDecksService],
})
export class CardsModule {}
