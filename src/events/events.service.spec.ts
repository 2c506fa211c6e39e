import { MessageEvent } from '@nestjs/common';
import { Subject } from 'rxjs';
import type { ChainService } from '../chain/chain.service';
import { NodeConfig } from '../config/node-config';
import type { ConsensusService } from '../nodes/consensus.service';
import type { TransactionsService } from '../transactions/transactions.service';
import { EventsService } from './events.service';

const started: EventsService[] = [];

function eventsService(settings: Partial<NodeConfig> = {}) {
  const changes = new Subject();
  const accepted = new Subject();
  const peerStatusChanges = new Subject();
  const service = new EventsService(
    Object.assign(new NodeConfig(), settings),
    { changes } as unknown as ChainService,
    { accepted } as unknown as TransactionsService,
    { peerStatusChanges } as unknown as ConsensusService,
  );
  service.onModuleInit();
  started.push(service);
  return { service, accepted };
}

describe(EventsService.name, () => {
  afterEach(() => {
    // Ends every stream, and with the last one the heartbeat timer.
    for (const service of started.splice(0)) service.onModuleDestroy();
    jest.useRealTimers();
  });

  it('should number events from 1 and write each one out once, for every listener alike', () => {
    const { service, accepted } = eventsService();
    const first: MessageEvent[] = [];
    const second: MessageEvent[] = [];
    service.listen(new AbortController().signal).subscribe((event) => first.push(event));
    service.listen(new AbortController().signal).subscribe((event) => second.push(event));
    for (const index of [2, 3]) {
      accepted.next({ transaction: { sender: 'a', recipient: 'b', amount: 1 }, relayId: 'relay-1', index });
    }
    expect(first).toEqual([
      { id: '1', type: 'transaction-accepted', data: '{"amount":1,"index":2,"recipient":"b","sender":"a"}' },
      { id: '2', type: 'transaction-accepted', data: '{"amount":1,"index":3,"recipient":"b","sender":"a"}' },
    ]);
    expect(second[0]).toBe(first[0]);
  });

  it('should refuse a listener beyond EVENTS_MAX_LISTENERS with a 503, and take one again once a stream ended', () => {
    const { service } = eventsService({ eventsMaxListeners: 2 });
    const ends = [new AbortController(), new AbortController()];
    for (const end of ends) service.listen(end.signal);
    expect(service.listenerCount()).toBe(2);
    expect(() => service.listen(new AbortController().signal)).toThrow(
      expect.objectContaining({ status: 503, message: expect.stringContaining('EVENTS_MAX_LISTENERS is 2') }),
    );
    ends[0].abort();
    ends[0].abort();
    expect(service.listenerCount()).toBe(1);
    expect(() => service.listen(new AbortController().signal)).not.toThrow();
  });

  it('should not count a listener that left before its stream began', () => {
    const { service } = eventsService({ eventsMaxListeners: 1 });
    const gone = new AbortController();
    gone.abort();
    service.listen(gone.signal).subscribe();
    expect(service.listenerCount()).toBe(0);
  });

  it('should send a heartbeat comment every EVENTS_HEARTBEAT_MS', () => {
    jest.useFakeTimers();
    const { service } = eventsService({ eventsHeartbeatMs: 1000 });
    const received: MessageEvent[] = [];
    service.listen(new AbortController().signal).subscribe((event) => received.push(event));
    jest.advanceTimersByTime(2500);
    expect(received).toEqual([{ comment: 'heartbeat' }, { comment: 'heartbeat' }]);
  });

  it('should end every stream when the node stops, those opened while it stops included', () => {
    const { service } = eventsService();
    const ended: string[] = [];
    service.listen(new AbortController().signal).subscribe({ complete: () => ended.push('before') });
    service.onModuleDestroy();
    service.listen(new AbortController().signal).subscribe({ complete: () => ended.push('during') });
    expect(ended).toEqual(['before', 'during']);
  });
});
