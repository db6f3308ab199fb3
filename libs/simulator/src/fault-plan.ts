import { SimulatorRequestError } from './simulator-request-error.js';

/**
 * The faults waiting to be injected. Each counter is consumed by the next events of its kind, so a
 * test sets up exactly the trouble it wants and the rest of the run stays normal.
 *
 * @publicApi
 */
export interface FaultSettings {
  /** The next N card charges (first, periodic or ReAuth) are declined. */
  declineNextCharges: number;
  /** The next N notification attempts are not sent; they count as unanswered (ReturnURL re-sends follow, a PeriodReturnURL post is lost). */
  dropNextNotifications: number;
  /** The next N notification attempts are sent twice, back to back, with the same body. */
  duplicateNextNotifications: number;
  /** The next `count` notifications are first sent `minutes` virtual minutes late. */
  delayNextNotifications: { count: number; minutes: number };
  /** The next N PeriodReturnURL posts are held back, then sent together in reverse order. */
  reorderNextPeriodNotifications: number;
  /** The next N signed messages to the merchant (server posts and browser posts) carry a wrong CheckMacValue. */
  corruptNextMacs: number;
  /** The next N successful payments are flagged SimulatePaid=1. */
  simulatePaidNext: number;
  /** The next N query or action API calls are answered HTTP 403, the gateway's "too fast" (docs/gateway-protocol.md §10, pitfall 12). */
  tooFastNextQueries: number;
}

/**
 * A change to the fault settings (`POST /simulator/faults`): only the named faults change, each to the
 * given value (not added to what is left). `reorderNextPeriodNotifications: true` means 2.
 *
 * @publicApi
 */
export type FaultRequest = Partial<
  Omit<FaultSettings, 'reorderNextPeriodNotifications'> & {
    reorderNextPeriodNotifications: number | boolean;
  }
>;

/** The faults that are plain counters, consumed one event at a time. */
export type CountedFault = Exclude<
  keyof FaultSettings,
  'delayNextNotifications'
>;

const COUNTED_FAULTS: readonly CountedFault[] = [
  'declineNextCharges',
  'dropNextNotifications',
  'duplicateNextNotifications',
  'reorderNextPeriodNotifications',
  'corruptNextMacs',
  'simulatePaidNext',
  'tooFastNextQueries',
];

function noFaults(): FaultSettings {
  return {
    declineNextCharges: 0,
    dropNextNotifications: 0,
    duplicateNextNotifications: 0,
    delayNextNotifications: { count: 0, minutes: 0 },
    reorderNextPeriodNotifications: 0,
    corruptNextMacs: 0,
    simulatePaidNext: 0,
    tooFastNextQueries: 0,
  };
}

/** Holds the fault counters and hands them out one event at a time. */
export class FaultPlan {
  private settings = noFaults();

  current(): FaultSettings {
    return {
      ...this.settings,
      delayNextNotifications: { ...this.settings.delayNextNotifications },
    };
  }

  /**
   * Sets the named faults. Values typed into an HTML form arrive as strings and are accepted when
   * they are whole numbers; an empty string leaves the fault unchanged. Unknown names are refused so
   * that a typo does not silently inject nothing.
   */
  apply(request: unknown): FaultSettings {
    if (
      request === null ||
      typeof request !== 'object' ||
      Array.isArray(request)
    ) {
      throw new SimulatorRequestError('faults must be a JSON object');
    }
    const next = this.current();
    for (const [name, value] of Object.entries(request)) {
      if (name === 'delayNextNotifications') {
        next.delayNextNotifications = delaySetting(
          value,
          next.delayNextNotifications,
        );
      } else if (
        name === 'reorderNextPeriodNotifications' &&
        typeof value === 'boolean'
      ) {
        next.reorderNextPeriodNotifications = value ? 2 : 0;
      } else if ((COUNTED_FAULTS as readonly string[]).includes(name)) {
        next[name as CountedFault] = count(
          name,
          value,
          next[name as CountedFault],
        );
      } else {
        throw new SimulatorRequestError(
          `unknown fault ${name}; known: ${[...COUNTED_FAULTS, 'delayNextNotifications'].join(', ')}`,
        );
      }
    }
    if (next.reorderNextPeriodNotifications === 1) {
      throw new SimulatorRequestError(
        'reorderNextPeriodNotifications needs at least 2 posts to reorder',
      );
    }
    this.settings = next;
    return this.current();
  }

  clear(): void {
    this.settings = noFaults();
  }

  /** Consumes one unit of a counted fault; true when the fault applies to this event. */
  take(fault: CountedFault): boolean {
    if (this.settings[fault] === 0) return false;
    this.settings[fault] -= 1;
    return true;
  }

  /** The delay in virtual minutes for the next notification, if one is pending. */
  takeDelay(): number | undefined {
    const delay = this.settings.delayNextNotifications;
    if (delay.count === 0) return undefined;
    delay.count -= 1;
    return delay.minutes;
  }

  /**
   * Whether the next PeriodReturnURL post is held for reordering, and whether it completes the batch
   * (then the held posts go out, newest first).
   */
  takeReorder(): { hold: boolean; batchComplete: boolean } {
    const hold = this.take('reorderNextPeriodNotifications');
    return {
      hold,
      batchComplete: hold && this.settings.reorderNextPeriodNotifications === 0,
    };
  }
}

function count(name: string, value: unknown, unchanged: number): number {
  if (value === '' || value === undefined) return unchanged;
  const n =
    typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  if (!Number.isInteger(n) || (n as number) < 0) {
    throw new SimulatorRequestError(
      `${name} must be a whole number of 0 or more`,
    );
  }
  return n as number;
}

function delaySetting(
  value: unknown,
  unchanged: FaultSettings['delayNextNotifications'],
): FaultSettings['delayNextNotifications'] {
  if (value === null || typeof value !== 'object') {
    throw new SimulatorRequestError(
      'delayNextNotifications must be { count, minutes }',
    );
  }
  const { count: c, minutes: m, ...rest } = value as Record<string, unknown>;
  if (Object.keys(rest).length > 0) {
    throw new SimulatorRequestError(
      'delayNextNotifications takes only count and minutes',
    );
  }
  const next = {
    count: count('delayNextNotifications.count', c, unchanged.count),
    minutes: count('delayNextNotifications.minutes', m, unchanged.minutes),
  };
  if (next.count > 0 && next.minutes === 0) {
    throw new SimulatorRequestError(
      'delayNextNotifications.minutes must be above 0',
    );
  }
  return next;
}
