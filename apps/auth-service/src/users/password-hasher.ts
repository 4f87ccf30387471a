import { Injectable } from '@nestjs/common';
import argon2 from 'argon2';

/** argon2id at OWASP's recommended floor, which ASVS 5.0 (11.4.2) points to: 19 MiB, 2 passes, 1 lane. */
const PARAMETERS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

@Injectable()
export class PasswordHasher {
  /** Verified against when the account does not exist, so both answers take as long. */
  private readonly decoy = argon2.hash('agora-decoy-password', PARAMETERS);

  hash(password: string): Promise<string> {
    return argon2.hash(password, PARAMETERS);
  }

  /** Checks a password; without a stored hash, spends the same time and fails. */
  async verify(hash: string | null, password: string): Promise<boolean> {
    if (!hash) {
      await argon2.verify(await this.decoy, password);
      return false;
    }
    return argon2.verify(hash, password);
  }

  /** A hash made with weaker (older) parameters, to be replaced at the next successful sign-in. */
  needsRehash(hash: string): boolean {
    return hash.startsWith('$argon2id$')
      ? argon2.needsRehash(hash, { memoryCost: PARAMETERS.memoryCost, timeCost: PARAMETERS.timeCost })
      : true;
  }
}
