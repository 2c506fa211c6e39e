import { Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { IntervalHistogram, monitorEventLoopDelay } from 'node:perf_hooks';
import { NodeConfig } from '../config/node-config';

const WINDOW_MS = 10_000;
const RESOLUTION_MS = 10;
const NS_PER_MS = 1e6;

/**
 * How late the event loop runs timers, over the last 10 s window or the current one, whichever is worse: its 99th
 * percentile against HEALTH_MAX_EVENT_LOOP_DELAY_MS (a sustained lag, not one garbage collection), and the longest.
 * Windows turn on a timer rather than on each check, so several pollers see the same figures.
 */
@Injectable()
export class EventLoopHealthIndicator implements OnModuleInit, OnModuleDestroy {
  private readonly histogram: IntervalHistogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  private lastWindow = { p99Ms: 0, maxMs: 0 };
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly indicators: HealthIndicatorService,
    private readonly config: NodeConfig,
  ) {}

  onModuleInit(): void {
    this.histogram.enable();
    this.timer = setInterval(() => {
      this.lastWindow = this.currentWindow();
      this.histogram.reset();
    }, WINDOW_MS).unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
    this.histogram.disable();
  }

  check(key: string) {
    const indicator = this.indicators.check(key);
    const current = this.currentWindow();
    const p99Ms = Math.max(current.p99Ms, this.lastWindow.p99Ms);
    const maxMs = Math.max(current.maxMs, this.lastWindow.maxMs);
    const limitMs = this.config.healthMaxEventLoopDelayMs;
    const figures = { delayP99Ms: p99Ms, delayMaxMs: maxMs, limitMs };
    if (p99Ms > limitMs) return indicator.down({ message: 'The event loop runs late', ...figures });
    return indicator.up(figures);
  }

  private currentWindow(): { p99Ms: number; maxMs: number } {
    // An empty histogram (no sample yet) reports its bounds: nothing was late.
    if (this.histogram.count === 0) return { p99Ms: 0, maxMs: 0 };
    return { p99Ms: lateness(this.histogram.percentile(99)), maxMs: lateness(this.histogram.max) };
  }
}

/** Node's samples are the whole time between two ticks of the sampling timer: what matters is past its period. */
function lateness(sampleNs: number): number {
  return Math.max(0, Math.round((sampleNs / NS_PER_MS - RESOLUTION_MS) * 10) / 10);
}
