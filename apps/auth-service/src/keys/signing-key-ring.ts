import { ACCESS_TOKEN_ALGORITHM, AccessTokenKeySource, type Role } from '@agora/auth';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import {
  calculateJwkThumbprint,
  createLocalJWKSet,
  exportJWK,
  generateKeyPair,
  importJWK,
  SignJWT,
  type JWK,
  type JWTVerifyGetKey,
  type CryptoKey,
} from 'jose';
import { v7 as uuidv7 } from 'uuid';
import { DataSource, IsNull } from 'typeorm';
import { AuthConfig } from '../auth.config.js';
import { SigningKeyEntity } from './signing-key.entity.js';

export interface AccessTokenSubject {
  readonly userId: string;
  readonly role: Role;
  readonly sessionId: string;
  /** The user's token version (`ver`); a role change raises it, revoking older tokens. */
  readonly tokenVersion: number;
}

export interface PublicJwk extends JWK {
  readonly kid: string;
  readonly alg: string;
  readonly use: 'sig';
}

/**
 * auth-service's ES256 keys: the newest unretired key signs access tokens; the public halves are the JWKS
 * every service verifies with. The first replica to start creates the key, under an advisory lock.
 */
@Injectable()
export class SigningKeyRing extends AccessTokenKeySource implements OnModuleInit {
  private signingKey?: { kid: string; key: CryptoKey };
  private publicKeys: PublicJwk[] = [];
  private localKeySet?: JWTVerifyGetKey;

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AuthConfig,
  ) {
    super();
  }

  readonly getKey: JWTVerifyGetKey = (header, token) => {
    if (!this.localKeySet) {
      throw new Error('signing keys are not loaded yet');
    }
    return this.localKeySet(header, token);
  };

  async onModuleInit(): Promise<void> {
    const active = await this.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext('auth.signing_keys'))`);
      const existing = await manager.findOne(SigningKeyEntity, {
        where: { retiredAt: IsNull() },
        order: { createdAt: 'DESC' },
      });
      return existing ?? manager.save(await this.generate());
    });
    const published = await this.dataSource.manager.find(SigningKeyEntity, {
      where: { retiredAt: IsNull() },
    });
    this.publicKeys = published.map((key) => ({
      ...key.publicJwk,
      kid: key.kid,
      alg: key.algorithm,
      use: 'sig',
    }));
    this.localKeySet = createLocalJWKSet({ keys: this.publicKeys });
    this.signingKey = {
      kid: active.kid,
      key: (await importJWK(active.privateJwk, ACCESS_TOKEN_ALGORITHM)) as CryptoKey,
    };
  }

  /** The JWKS document. */
  jwks(): { keys: PublicJwk[] } {
    return { keys: this.publicKeys };
  }

  async sign(subject: AccessTokenSubject): Promise<string> {
    if (!this.signingKey) {
      throw new Error('signing keys are not loaded yet');
    }
    return new SignJWT({ role: subject.role, sid: subject.sessionId, ver: subject.tokenVersion })
      .setProtectedHeader({ alg: ACCESS_TOKEN_ALGORITHM, kid: this.signingKey.kid, typ: 'at+jwt' })
      .setSubject(subject.userId)
      .setIssuer(this.config.JWT_ISSUER)
      .setAudience(this.config.JWT_AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(`${this.config.ACCESS_TOKEN_TTL_SECONDS}s`)
      .setJti(uuidv7())
      .sign(this.signingKey.key);
  }

  private async generate(): Promise<SigningKeyEntity> {
    const { publicKey, privateKey } = await generateKeyPair(ACCESS_TOKEN_ALGORITHM, { extractable: true });
    const publicJwk = await exportJWK(publicKey);
    const key = new SigningKeyEntity();
    key.kid = await calculateJwkThumbprint(publicJwk);
    key.algorithm = ACCESS_TOKEN_ALGORITHM;
    key.publicJwk = publicJwk;
    key.privateJwk = await exportJWK(privateKey);
    key.retiredAt = null;
    return key;
  }
}
