import { ApiProperty } from '@nestjs/swagger';

export class TaskProductivityDto {
  @ApiProperty({
    type: 'integer',
    description: 'Tasks (and occurrences of recurring ones) completed in 7 days',
  })
  completedLast7Days!: number;

  @ApiProperty({ type: 'integer' })
  completedLast30Days!: number;
}

export class HabitProductivityDto {
  @ApiProperty({ type: 'integer', description: 'Habits not archived (of those the viewer may see)' })
  habits!: number;

  @ApiProperty({ type: 'integer', description: 'The longest current streak among them, in days' })
  bestCurrentStreak!: number;

  @ApiProperty({ type: 'integer', description: 'The longest streak any of them ever had' })
  longestStreak!: number;
}

export class CardsProductivityDto {
  @ApiProperty({ type: 'integer' })
  reviewedLast7Days!: number;

  @ApiProperty({ type: 'integer' })
  reviewedLast30Days!: number;

  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Share of reviews of learnt cards (30 days) not graded `again`; null without any',
  })
  measuredRetention!: number | null;
}

/**
 * A user's productivity as their profile's viewers see it (issue 19): counts and streaks only, never a task's,
 * habit's or card's contents; habits count only when their milestones are shared with the viewer.
 */
export class ProductivityDto {
  @ApiProperty({ format: 'uuid' })
  userId!: string;

  @ApiProperty({ type: () => TaskProductivityDto })
  tasks!: TaskProductivityDto;

  @ApiProperty({ type: () => HabitProductivityDto })
  habits!: HabitProductivityDto;

  @ApiProperty({ type: () => CardsProductivityDto })
  cards!: CardsProductivityDto;
}
