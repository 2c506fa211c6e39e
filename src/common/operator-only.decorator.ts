import { applyDecorators, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { API_TOKEN_SCHEME } from './api-document';
import { ApiTokenGuard } from './api-token.guard';
import { ErrorResponseDto } from './dto/error-response.dto';

/** Marks a route that changes what the node does (mining, peers): guarded by API_TOKEN when it is set. */
export function OperatorOnly(): MethodDecorator {
  return applyDecorators(
    UseGuards(ApiTokenGuard),
    ApiBearerAuth(API_TOKEN_SCHEME),
    ApiUnauthorizedResponse({
      type: ErrorResponseDto,
      description: 'API_TOKEN is set and the bearer token is missing or wrong',
    }),
  );
}
