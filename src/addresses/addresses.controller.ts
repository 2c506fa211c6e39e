import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ErrorResponseDto } from '../common/dto/error-response.dto';
import { QUERY_PIPE } from '../common/query-pipe';
import { AddressesService } from './addresses.service';
import { AddressParamsDto } from './dto/address-params.dto';
import { AddressQueryDto } from './dto/address-query.dto';
import { AddressResponseDto } from './dto/address-response.dto';

@ApiTags('chain')
@Controller('addresses')
export class AddressesController {
  constructor(private readonly addresses: AddressesService) {}

  @Get(':address')
  @ApiOperation({
    summary: 'The transactions of the chain that name an address, newest first, and its totals (an addition)',
    description: 'An address no transaction names answers 200 with nothing in it: every string may be an address.',
  })
  @ApiOkResponse({ type: AddressResponseDto })
  @ApiBadRequestResponse({
    type: ErrorResponseDto,
    description: '`offset` or `limit` out of range, or an address too long',
  })
  history(@Param() { address }: AddressParamsDto, @Query(QUERY_PIPE) { offset, limit }: AddressQueryDto) {
    const { received, sent, length, transactions, height } = this.addresses.history(address, offset, limit);
    return { address, received, sent, balance: received - sent, length, offset, limit, transactions, height };
  }
}
