import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export class FieldProblem {
  @ApiProperty({ example: 'email' })
  field!: string;

  @ApiProperty({ type: [String], example: ['email must be an email'] })
  messages!: string[];
}

/** RFC 9457 problem details: the body of every error response. */
export class ProblemDetails {
  @ApiProperty({ example: 'about:blank' })
  type!: string;

  @ApiProperty({ example: 'Bad Request' })
  title!: string;

  @ApiProperty({ example: 400 })
  status!: number;

  @ApiPropertyOptional({ example: 'Request validation failed' })
  detail?: string;

  @ApiPropertyOptional({ example: '/registration' })
  instance?: string;

  @ApiPropertyOptional({ description: 'Correlates the error with the logs', example: '01934f0c-…' })
  requestId?: string;

  @ApiProperty({ description: 'Machine-readable error code', example: 'EMAIL_TAKEN' })
  code!: string;

  @ApiPropertyOptional({ type: [FieldProblem] })
  errors?: FieldProblem[];
}
