import { Module } from '@nestjs/common';
import { ItemsModule } from '../items/items.module.js';
import { MechanismsModule } from '../mechanisms/mechanisms.module.js';
import { PhotoRoutesController } from '../photos/photo-routes.controller.js';
import { CollectionController } from './collection.controller.js';
import { CollectionEventsController } from './collection.events.js';
import { CollectionRepository } from './collection.repository.js';
import { CollectionService } from './collection.service.js';
import { WatchesController } from './watches.controller.js';
import { WatchesRepository } from './watches.repository.js';
import { WatchesService } from './watches.service.js';

@Module({
  imports: [ItemsModule, MechanismsModule],
  controllers: [
    WatchesController,
    PhotoRoutesController({ kind: 'watch', path: 'watches', tag: 'watches' }),
    CollectionController,
    CollectionEventsController,
  ],
  providers: [WatchesService, WatchesRepository, CollectionService, CollectionRepository],
})
export class WatchesModule {}
