import { forwardRef, Module } from '@nestjs/common';
import { OrdersModule } from '../orders/orders.module.js';
import { PAYMENT_PROVIDER } from './payment-provider.js';
import { PaymentMethodsController } from './payment-methods.controller.js';
import { PaymentMethodsRepository } from './payment-methods.repository.js';
import { PaymentMethodsService } from './payment-methods.service.js';
import { PaymentTimeoutJob } from './payment-timeout.job.js';
import { PaymentWebhooksController } from './payment-webhooks.controller.js';
import { PaymentsController } from './payments.controller.js';
import { PaymentsRepository } from './payments.repository.js';
import { PaymentsService } from './payments.service.js';
import { TestPaymentProvider } from './test-payment-provider.js';

/**
 * Card payments behind the PaymentProvider interface, with the built-in test provider bound to it
 * (PAYMENT_PROVIDER=test, the only one so far: a real provider is another class bound here); saved payment
 * methods; the payment timeout. Orders and payments need each other (checkout pays, payments move orders).
 */
@Module({
  imports: [forwardRef(() => OrdersModule)],
  controllers: [PaymentsController, PaymentWebhooksController, PaymentMethodsController],
  providers: [
    TestPaymentProvider,
    { provide: PAYMENT_PROVIDER, useExisting: TestPaymentProvider },
    PaymentsRepository,
    PaymentMethodsRepository,
    PaymentsService,
    PaymentMethodsService,
    PaymentTimeoutJob,
  ],
  exports: [PaymentsService],
})
export class PaymentsModule {}
