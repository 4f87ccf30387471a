import { Module } from '@nestjs/common';
import { ItemSnapshotController } from './item-snapshot.controller.js';
import { ItemSnapshotRepository } from './item-snapshot.repository.js';
import { ItemSnapshotService } from './item-snapshot.service.js';

/** The snapshot of every catalog item, for social-service's copy of the catalog. */
@Module({
  controllers: [ItemSnapshotController],
  providers: [ItemSnapshotRepository, ItemSnapshotService],
})
export class ItemSnapshotModule {}
