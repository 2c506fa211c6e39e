import {
  BadRequestException,
  Body,
  Controller,
  Get,
  HttpCode,
  HttpStatus,
  Post,
  RawBodyRequest,
  Req,
} from '@nestjs/common';
import type { Request } from 'express';
import {
  ApiBadRequestResponse,
  ApiBody,
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
import { RELAY_HEADER, RELAY_ID_PATTERN } from './relay-header';
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
  @ApiBody({
    type: CreateTransactionDto,
    examples: { payment: { summary: 'alice pays bob 5', value: { sender: 'alice', recipient: 'bob', amount: 5 } } },
  })
  @ApiCreatedResponse({ type: MessageResponseDto, description: 'Stored on disk; the message names the next block' })
  @ApiBadRequestResponse({
    type: ErrorResponseDto,
    description:
      'Missing or invalid fields (a lone surrogate in a name included), malformed JSON, or JSON nested too deep',
  })
  @ApiPayloadTooLargeResponse({ type: ErrorResponseDto, description: 'The body is larger than MAX_BODY_BYTES' })
  @ApiUnsupportedMediaTypeResponse({ type: ErrorResponseDto, description: 'A body that is not UTF-8' })
  @ApiServiceUnavailableResponse({
    type: ErrorResponseDto,
    description: 'The database write failed (a full disk, a held lock): nothing was stored. Retry.',
  })
  async create(@Body() transaction: CreateTransactionDto, @Req() request: RawBodyRequest<Request>) {
    const { sender, recipient } = transaction;
    const amount = exactAmount(request.rawBody, transaction.amount);
    const index = await this.transactions.add({ sender, recipient, amount }, { relayId: relayId(request) });
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

/**
 * The id another node relays the transaction with, if it does. Read from the request rather than declared as a
 * parameter: it is between nodes, not part of the public API.
 */
function relayId(request: Request): string | undefined {
  const id = request.headers[RELAY_HEADER];
  if (id === undefined) return undefined;
  if (typeof id !== 'string' || !RELAY_ID_PATTERN.test(id)) {
    throw new BadRequestException(`${RELAY_HEADER} must be one id of 1 to 64 letters, digits or hyphens`);
  }
  return id;
}
