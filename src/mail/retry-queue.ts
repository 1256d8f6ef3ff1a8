// Messages refused for now (4xx: greylisting, a busy scanner), waiting to be tried again
// within the run: each after a wait that doubles (smtp-verdict.ts: retryWait), as long as
// its share of mail.retry_seconds lasts. A stop takes them all back at once.

import { retryWait } from './smtp-verdict.js';

interface Waiting {
  timer: NodeJS.Timeout | null;
  tries: number;
  waited: number;
  reason: string;
}

export class RetryQueue<T> {
  private readonly items = new Map<T, Waiting>();

  /** `budget`: the milliseconds one message may wait, in all. */
  constructor(private readonly budget: number) {}

  /**
   * Refused again for `reason`: `again` runs after the next wait, and null is returned; or
   * the budget is spent and what it went through is returned (one try: no wait at all).
   */
  later(item: T, reason: string, again: () => void): { tries: number; waited: number } | null {
    const w = this.items.get(item) ?? { timer: null, tries: 0, waited: 0, reason };
    const wait = retryWait(this.budget, w.tries, w.waited);
    if (wait === null) {
      this.items.delete(item);
      return { tries: w.tries + 1, waited: w.waited };
    }
    const timer = setTimeout(() => {
      this.items.get(item)!.timer = null;
      again();
    }, wait);
    this.items.set(item, { timer, tries: w.tries + 1, waited: w.waited + wait, reason });
    return null;
  }

  /** Every item waiting now, taken out of the queue with the reason it was last refused for. */
  takeAll(): { item: T; reason: string }[] {
    const taken: { item: T; reason: string }[] = [];
    for (const [item, w] of this.items) {
      if (w.timer === null) continue; // on its way to be tried again: its outcome will come
      clearTimeout(w.timer);
      this.items.delete(item);
      taken.push({ item, reason: w.reason });
    }
    return taken;
  }
}
