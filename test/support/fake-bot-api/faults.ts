import { ApiError, tooManyRequests } from './api-error';
import type { FaultKind, FaultRule } from './types';

/** mulberry32: tiny, fast and good enough to make "fails 30% of the time" replayable. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** What a fired fault does to a call: refuse it, or let it through and answer late. */
export type FaultEffect = { error: ApiError } | { delayMs: number };

interface ActiveRule extends FaultRule {
  remaining: number;
}

export class FaultInjector {
  private rules: ActiveRule[] = [];
  private random: () => number;

  constructor(private readonly seed: number) {
    this.random = seededRandom(seed);
  }

  add(rule: FaultRule): () => void {
    const active: ActiveRule = { ...rule, remaining: rule.times ?? Infinity };
    this.rules.push(active);
    return () => {
      this.rules = this.rules.filter((candidate) => candidate !== active);
    };
  }

  clear(): void {
    this.rules = [];
  }

  /** Starts the generator over, so a reset fake replays the same fault pattern. */
  reset(): void {
    this.clear();
    this.random = seededRandom(this.seed);
  }

  /** The first rule (in injection order) that matches and fires decides the call's fate. */
  check(method: string, chatId: number | undefined): FaultEffect | undefined {
    for (const rule of this.rules) {
      if (rule.method && rule.method.toLowerCase() !== method.toLowerCase()) continue;
      if (rule.chatId !== undefined && rule.chatId !== chatId) continue;
      // Draw only for matching calls, so unrelated traffic does not shift the pattern.
      if (rule.probability !== undefined && this.random() >= rule.probability) continue;
      rule.remaining--;
      if (rule.remaining <= 0) this.rules = this.rules.filter((candidate) => candidate !== rule);
      return this.effectOf(rule.fault);
    }
    return undefined;
  }

  private effectOf(fault: FaultKind): FaultEffect {
    if ('code' in fault && fault.code === 429 && Array.isArray(fault.retryAfter)) {
      const [min, max] = fault.retryAfter;
      return { error: tooManyRequests(min + Math.floor(this.random() * (max - min + 1))) };
    }
    return effectOf(fault);
  }
}

function effectOf(fault: FaultKind): FaultEffect {
  if ('hangMs' in fault) return { delayMs: fault.hangMs };
  switch (fault.code) {
    case 429:
      return { error: tooManyRequests(fault.retryAfter as number) };
    case 500:
      return { error: new ApiError(500, 'Internal Server Error') };
    case 502:
      return { error: new ApiError(502, 'Bad Gateway') };
    case 403:
      return {
        error: new ApiError(403, fault.description ?? 'Forbidden: bot was blocked by the user'),
      };
    case 400:
      return { error: new ApiError(400, fault.description) };
  }
}
