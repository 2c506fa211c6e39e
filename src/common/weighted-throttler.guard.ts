import { Injectable, SetMetadata } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { ThrottlerRequest } from '@nestjs/throttler';
import type { Request } from 'express';

const REQUEST_WEIGHT = 'requestWeight';

/** How many requests one request counts as against the rate limit, read from it (at least 1). */
export type RequestWeight = (request: Request) => number;

/** Marks a route whose one request may carry the work of many, such as a batch: each counts against RATE_LIMIT. */
export const CountsAs = (weight: RequestWeight) => SetMetadata(REQUEST_WEIGHT, weight);

/**
 * The rate limit, with each request counted as its route's weight says: a batch of transactions uses as much of a
 * client's allowance as the transactions sent one by one would.
 */
@Injectable()
export class WeightedThrottlerGuard extends ThrottlerGuard {
  protected override async handleRequest(props: ThrottlerRequest): Promise<boolean> {
    const { context, ttl, limit, blockDuration, throttler } = props;
    const weigh = this.reflector.get<RequestWeight | undefined>(REQUEST_WEIGHT, context.getHandler());
    const request = context.switchToHttp().getRequest<Request>();
    const weight = weigh ? Math.max(1, Math.floor(weigh(request))) : 1;
    if (weight > 1) {
      const key = props.generateKey(context, await props.getTracker(request, context), throttler.name!);
      for (let hit = 1; hit < weight; hit++) {
        await this.storageService.increment(key, ttl, limit, blockDuration, throttler.name!);
      }
    }
    return super.handleRequest(props);
  }
}
