import { Body, Controller, Get, Headers, HttpCode, HttpStatus, Post, RawBodyRequest, Req } from '@nestjs/common';
import type { Request } from 'express';
import {
  ApiBadRequestResponse,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiServiceUnavailableResponse,
  ApiTags,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import { ErrorResponseDto } from '../common/dto/error-response.dto';
import { MessageResponseDto } from '../common/dto/message-response.dto';
import { exactAmount } from './exact-amount';
import { FORWARDED_HEADER } from './forwarded-header';
import { CreateTransactionDto } from './dto/create-transaction.dto';
import { PendingTransactionsResponseDto } from './dto/pending-transactions-response.dto';
import { TransactionsService } from './transactions.service';

@ApiTags('transactions')
@Controller('transactions')
export class TransactionsController {
  constructor(private readonly transactions: TransactionsService) {}

  @Post('new')
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({ summary: 'Accept a transaction for the next block (committed to disk before the answer)' })
  @ApiCreatedResponse({ type: MessageResponseDto })
  @ApiBadRequestResponse({
    type: ErrorResponseDto,
    description:
      'Missing or invalid fields (a lone surrogate in a name included), malformed JSON, or JSON nested too deep',
  })
  @ApiPayloadTooLargeResponse({ type: ErrorResponseDto })
  @ApiUnsupportedMediaTypeResponse({ type: ErrorResponseDto, description: 'A body that is not UTF-8' })
  @ApiServiceUnavailableResponse({
    type: ErrorResponseDto,
    description: 'The database write failed (a full disk, a held lock): nothing was stored. Retry.',
  })
  async create(
    @Body() transaction: CreateTransactionDto,
    @Req() request: RawBodyRequest<Request>,
    @Headers(FORWARDED_HEADER) forwardedBy?: string,
  ) {
    const { sender, recipient } = transaction;
    const amount = exactAmount(request.rawBody, transaction.amount);
    const index = await this.transactions.add({ sender, recipient, amount }, { forwarded: forwardedBy !== undefined });
    return { message: `Transaction will be added to Block ${index}` };
  }

  @Get('pending')
  @ApiOperation({ summary: 'Transactions waiting for a block, in arrival order' })
  @ApiOkResponse({ type: PendingTransactionsResponseDto })
  pending() {
    const { transactions } = this.transactions.pending();
    return { transactions, length: transactions.length };
  }
}
