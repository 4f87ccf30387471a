import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, Matches, MaxLength } from 'class-validator';

export const normalizeEmail = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.trim().toLowerCase() : value;

export class EmailDto {
  @ApiProperty({ example: 'anna@example.com', maxLength: 254 })
  @Transform(normalizeEmail)
  @IsEmail({}, { message: 'email must be a valid e-mail address' })
  @MaxLength(254)
  email!: string;
}

export class VerificationDto extends EmailDto {
  @ApiProperty({ example: '042917', description: 'The six digits from the mail' })
  @Matches(/^\d{6}$/, { message: 'code must be six digits' })
  code!: string;
}

export class AcceptedDto {
  @ApiProperty({ example: 'If the address belongs to an account that needs it, a message is on its way.' })
  detail!: string;
}
