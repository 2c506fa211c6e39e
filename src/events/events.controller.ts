import { Controller, MessageEvent, Sse, SseSignal } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { MediaTypeObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { Observable } from 'rxjs';
import { ErrorResponseDto } from '../common/dto/error-response.dto';
import { EVENT_DATA_SCHEMAS } from './event-data-schemas';
import { EventsService } from './events.service';

/**
 * Characters of events that may wait for a listener whose connection is full (its socket and stream buffers) before
 * it is disconnected: some hundreds of events, so a listener is dropped only when it stopped reading, and a thousand
 * stalled listeners hold some 64 MB at most.
 */
const MAX_UNREAD_EVENT_CHARACTERS = 64 * 1024;

const STREAM_DESCRIPTION = [
  'Server-sent events, written as they happen, each once its change is committed. A message is `event: <kind>`,',
  '`id: <n>` (increasing for as long as the node process runs) and `data: <one line of JSON>`, then a blank line.',
  "The kinds (the JSON schema of each one's data is under `x-event-data`, by kind):",
  '`block-appended` {index, hash, previous_hash, timestamp, transactions (a count), source (mined, announced or',
  'genesis), length}: a block mined here, announced by a peer, or the genesis block;',
  '`chain-replaced` {forkHeight (the index of the last block kept), dropped, added, length, hash (the new last',
  "block's)}: a longer chain from a peer took the place of ours;",
  '`transaction-accepted` {sender, recipient, amount (as posted, 5 or 5.0), index (of the block it will be added',
  'to)}: a transaction posted here or relayed by a peer;',
  '`peer-status` {node, status, previous (null for a new peer), length (of the chain it served, or null)}: a',
  'resolve found a peer answering otherwise than at the resolve before.',
  'A comment line `: heartbeat` comes every EVENTS_HEARTBEAT_MS. A listener that stops reading is disconnected once',
  `some ${MAX_UNREAD_EVENT_CHARACTERS / 1024} KiB of events wait for it; the stream ends when the node stops.`,
].join(' ');

/** The stream's text: lines of `field: value` or `: comment`, and the blank lines that end messages. */
const STREAM_LINES = '^(?:(?:(?:event|id|data|retry)?:[^\\r\\n]*)?\\n)*$';

const STREAM_EXAMPLE = [
  'event: block-appended',
  'id: 1',
  'data: {"hash":"5ab70644af3a2a519a1d39ada3e321afee83671cf555f9d68c76b1e20a624ee7","index":2,"length":2,' +
    '"previous_hash":"1cc7ba8dc68dd1beaec179ab7bd3895fd6e30f34f24c98df625f0c47d0a6efec","source":"mined",' +
    '"timestamp":1795484561.6487405,"transactions":1}',
  '',
  ': heartbeat',
  '',
  '',
].join('\n');

@ApiTags('events')
@Controller()
export class EventsController {
  constructor(private readonly events: EventsService) {}

  @Sse('events', { maxPendingDataLength: MAX_UNREAD_EVENT_CHARACTERS })
  @ApiOperation({ summary: 'Live events: blocks, chain replacements, transactions, peer status (server-sent events)' })
  @ApiOkResponse({
    description: STREAM_DESCRIPTION,
    content: {
      // An extension: OpenAPI 3.0 cannot say what each message of a stream holds.
      'text/event-stream': {
        schema: { type: 'string', pattern: STREAM_LINES, example: STREAM_EXAMPLE },
        'x-event-data': EVENT_DATA_SCHEMAS,
      } as MediaTypeObject,
    },
  })
  @ApiServiceUnavailableResponse({
    type: ErrorResponseDto,
    description: 'EVENTS_MAX_LISTENERS listeners are connected already: retry later',
  })
  stream(@SseSignal() ended: AbortSignal): Observable<MessageEvent> {
    return this.events.listen(ended);
  }
}
