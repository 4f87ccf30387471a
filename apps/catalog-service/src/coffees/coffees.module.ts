import { Module } from '@nestjs/common';
import { ItemsModule } from '../items/items.module.js';
import { PhotoRoutesController } from '../photos/photo-routes.controller.js';
import { CoffeesController } from './coffees.controller.js';
import { CoffeesRepository } from './coffees.repository.js';
import { CoffeesService } from './coffees.service.js';

@Module({
  imports: [ItemsModule],
  controllers: [
    CoffeesController,
    PhotoRoutesController({ kind: 'coffee', path: 'coffees', tag: 'coffees' }),
  ],
  providers: [CoffeesService, CoffeesRepository],
})
export class CoffeesModule {}
