import { Module } from '@nestjs/common';
import { ItemsModule } from '../items/items.module.js';
import { PhotoRoutesController } from '../photos/photo-routes.controller.js';
import { MechanismsController } from './mechanisms.controller.js';
import { MechanismsRepository } from './mechanisms.repository.js';
import { MechanismsService } from './mechanisms.service.js';

@Module({
  imports: [ItemsModule],
  controllers: [
    MechanismsController,
    PhotoRoutesController({ kind: 'mechanism', path: 'mechanisms', tag: 'mechanisms' }),
  ],
  providers: [MechanismsService, MechanismsRepository],
  exports: [MechanismsRepository],
})
export class MechanismsModule {}
