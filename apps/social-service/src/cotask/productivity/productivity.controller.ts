import { MaybeUser, OptionallyAuthenticated, type AuthenticatedUser } from '@agora/auth';
import { UuidParam } from '@agora/http';
import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiSocialErrors } from '../../social.errors.js';
import { AchievementsService } from '../achievements/achievements.service.js';
import { CardsService } from '../cards/cards.service.js';
import { HabitsService } from '../habits/habits.service.js';
import { TasksService } from '../tasks/tasks.service.js';
import { ProductivityDto } from './productivity.dto.js';

/** A profile's productivity: what its followers (or anyone, for an open account) see of its CoTask. */
@ApiTags('productivity')
@Controller('profiles')
@OptionallyAuthenticated()
export class ProductivityController {
  constructor(
    private readonly achievements: AchievementsService,
    private readonly tasks: TasksService,
    private readonly habits: HabitsService,
    private readonly cards: CardsService,
  ) {}

  @Get(':userId/productivity')
  @ApiOkResponse({ type: ProductivityDto })
  @ApiSocialErrors('PROFILE_NOT_FOUND', 'PRIVATE_ACCOUNT')
  async get(
    @MaybeUser() viewer: AuthenticatedUser | undefined,
    @UuidParam('userId') userId: string,
  ): Promise<ProductivityDto> {
    const visibilities = await this.achievements.visibilitiesFor(viewer, userId);
    const [tasks, habits, cards] = await Promise.all([
      this.tasks.productivityOf(userId),
      this.habits.productivityOf(userId, visibilities),
      this.cards.productivityOf(userId),
    ]);
    return { userId, tasks, habits, cards };
  }
}
