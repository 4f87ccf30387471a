import { createHash, randomBytes } from 'node:crypto';

/** 256 random bits, URL-safe: refresh tokens, reset tokens, CSRF tokens. */
export function newOpaqueToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * What the database keeps of a secret handed to a client: its SHA-256 in hex. The secrets are random
 * (or, for verification codes, tried a limited number of times), so a fast hash is enough.
 */
export function secretHash(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}
