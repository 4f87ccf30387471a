import { Controller, Get, Header } from '@nestjs/common';
import { ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { SigningKeyRing, type PublicJwk } from './signing-key-ring.js';

/** One public key (RFC 7517): an ES256 P-256 key for verifying access tokens. */
class PublicJwkDto {
  @ApiProperty({ example: 'EC' }) kty!: string;
  @ApiProperty({ example: 'P-256' }) crv!: string;
  @ApiProperty({ description: 'base64url' }) x!: string;
  @ApiProperty({ description: 'base64url' }) y!: string;
  @ApiProperty({ description: 'Key id, matched by the token header' }) kid!: string;
  @ApiProperty({ example: 'ES256' }) alg!: string;
  @ApiProperty({ example: 'sig' }) use!: string;
}

class JwksDto {
  @ApiProperty({ type: [PublicJwkDto] })
  keys!: PublicJwk[];
}

@ApiTags('keys')
@Controller('.well-known')
export class JwksController {
  constructor(private readonly keys: SigningKeyRing) {}

  /** Public keys of access tokens (RFC 7517); every service fetches and caches them. */
  @Get('jwks.json')
  @Header('cache-control', 'public, max-age=300')
  @ApiOkResponse({ type: JwksDto, description: 'ES256 public keys' })
  jwks(): { keys: PublicJwk[] } {
    return this.keys.jwks();
  }
}
