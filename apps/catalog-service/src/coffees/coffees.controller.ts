import { Authenticated, CurrentUser, type AuthenticatedUser } from '@agora/auth';
import { ProblemDetails } from '@agora/http';
import { ApiListQuery, ListQuery, type ParsedListQuery } from '@agora/list-query';
import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Put,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import {
  BarcodeParamDto,
  COFFEE_LIST_QUERY,
  CoffeeDto,
  CoffeeInputDto,
  CoffeePageDto,
  PatchCoffeeDto,
} from './coffee.dto.js';
import { CoffeesService } from './coffees.service.js';

const CoffeeId = () => Param('id', new ParseUUIDPipe({ version: undefined }));

/** Seed 000 coffee cards: `/coffees` (the gateway maps `/coffee` here too). */
@ApiTags('coffees')
@ApiNotFoundResponse({ type: ProblemDetails })
@Controller('coffees')
export class CoffeesController {
  constructor(private readonly coffees: CoffeesService) {}

  @Get()
  @ApiListQuery(COFFEE_LIST_QUERY)
  @ApiOkResponse({ type: CoffeePageDto })
  list(@ListQuery(COFFEE_LIST_QUERY) query: ParsedListQuery): Promise<CoffeePageDto> {
    return this.coffees.list(query);
  }

  /** The coffee whose pack carries this EAN-8 / EAN-13. */
  @Get('barcode/:barcode')
  @ApiOkResponse({ type: CoffeeDto })
  @ApiBadRequestResponse({ type: ProblemDetails, description: 'Not an EAN with a valid check digit' })
  byBarcode(@Param() { barcode }: BarcodeParamDto): Promise<CoffeeDto> {
    return this.coffees.getByBarcode(barcode);
  }

  @Get(':id')
  @ApiOkResponse({ type: CoffeeDto })
  get(@CoffeeId() id: string): Promise<CoffeeDto> {
    return this.coffees.get(id);
  }

  @Post()
  @Authenticated('moderator', 'admin')
  @ApiCreatedResponse({ type: CoffeeDto })
  @ApiBadRequestResponse({ type: ProblemDetails })
  @ApiConflictResponse({ type: ProblemDetails, description: 'BARCODE_TAKEN' })
  create(@Body() dto: CoffeeInputDto, @CurrentUser() user: AuthenticatedUser): Promise<CoffeeDto> {
    return this.coffees.create(dto, user);
  }

  @Put(':id')
  @Authenticated('moderator', 'admin')
  @ApiOkResponse({ type: CoffeeDto })
  @ApiBadRequestResponse({ type: ProblemDetails })
  @ApiConflictResponse({ type: ProblemDetails, description: 'BARCODE_TAKEN' })
  replace(
    @CoffeeId() id: string,
    @Body() dto: CoffeeInputDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<CoffeeDto> {
    return this.coffees.replace(id, dto, user);
  }

  @Patch(':id')
  @Authenticated('moderator', 'admin')
  @ApiOkResponse({ type: CoffeeDto })
  @ApiBadRequestResponse({ type: ProblemDetails })
  @ApiConflictResponse({ type: ProblemDetails, description: 'BARCODE_TAKEN' })
  patch(
    @CoffeeId() id: string,
    @Body() dto: PatchCoffeeDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<CoffeeDto> {
    return this.coffees.patch(id, dto, user);
  }

  @Delete(':id')
  @HttpCode(204)
  @Authenticated('moderator', 'admin')
  @ApiNoContentResponse({ description: 'Deleted' })
  async delete(@CoffeeId() id: string, @CurrentUser() user: AuthenticatedUser): Promise<void> {
    await this.coffees.delete(id, user);
  }
}
