import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { EmailField } from '../users/account-fields.js';

export class EmailDto {
  @EmailField()
  email!: string;
}

export class VerificationDto extends EmailDto {
  @ApiProperty({ example: '042917', description: 'The six digits from the mail' })
  @Matches(/^\d{6}$/, { message: 'code must be six digits' })
  code!: string;
}

/** The answer to a right code: no account data (the caller may not be the account's owner). */
export class VerifiedDto {
  @ApiProperty({ example: true })
  verified!: true;

  @ApiProperty({ example: 'The address is confirmed; sign in with POST /api/authentication' })
  detail!: string;
}

export class AcceptedDto {
  @ApiProperty({ example: 'If the address belongs to an account that needs it, a message is on its way.' })
  detail!: string;
}
