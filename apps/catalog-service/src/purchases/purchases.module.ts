import { Module } from '@nestjs/common';
import { PurchasesRepository } from './purchases.repository.js';

/** Who has bought what (issued orders), for reviews' and check-ins' "verified purchase". */
@Module({
  providers: [PurchasesRepository],
  exports: [PurchasesRepository],
})
export class PurchasesModule {}
