import { Omittable } from '@agora/http';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsString, MaxLength, MinLength } from 'class-validator';

export const TOKEN_TRANSPORTS = ['body', 'cookie'] as const;
export type TokenTransport = (typeof TOKEN_TRANSPORTS)[number];

export class CredentialsDto {
  @ApiProperty({ example: 'anna', description: 'E-mail or login' })
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @MinLength(1)
  @MaxLength(254)
  login!: string;

  @ApiProperty({ example: 'correct horse battery staple' })
  @IsString()
  @MinLength(1)
  @MaxLength(1024)
  password!: string;

  @ApiPropertyOptional({
    enum: TOKEN_TRANSPORTS,
    default: 'body',
    description:
      'cookie: web clients get httpOnly SameSite cookies and a CSRF token instead of tokens in the body',
  })
  @Omittable()
  @IsIn(TOKEN_TRANSPORTS)
  transport?: TokenTransport;
}

export class RefreshDto {
  @ApiPropertyOptional({ description: 'Omit when the refresh token travels in its cookie' })
  @Omittable()
  @IsString()
  @MaxLength(256)
  refreshToken?: string;
}

export class TokenPairDto {
  @ApiProperty({ description: 'ES256 JWT, sent as `Authorization: Bearer …`' })
  accessToken!: string;

  @ApiProperty({ description: 'Opaque, single use; exchange it at POST /refresh' })
  refreshToken!: string;

  @ApiProperty({ example: 'Bearer' })
  tokenType!: 'Bearer';

  @ApiProperty({ example: 900, description: 'Seconds the access token is valid' })
  expiresIn!: number;
}

export class CookieSessionDto {
  @ApiProperty({ example: 'Cookie' })
  tokenType!: 'Cookie';

  @ApiProperty({ example: 900 })
  expiresIn!: number;

  @ApiProperty({ description: 'Send it back in the X-CSRF-Token header of every state-changing request' })
  csrfToken!: string;
}
