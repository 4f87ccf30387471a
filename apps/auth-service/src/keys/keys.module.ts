import { Module } from '@nestjs/common';
import { JwksController } from './jwks.controller.js';
import { SigningKeyRing } from './signing-key-ring.js';

@Module({ controllers: [JwksController], providers: [SigningKeyRing], exports: [SigningKeyRing] })
export class KeysModule {}
