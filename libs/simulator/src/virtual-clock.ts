/**
 * The simulator's notion of "now". It moves only when told to (`POST /simulator/clock/advance`), so a
 * year of monthly charges takes one request, and every test sees the same dates.
 *
 * It models when the gateway charges and re-sends. It is not the clock query TimeStamps are checked
 * against: a merchant stamps its queries with its real clock, so those are compared with real time.
 */
export class VirtualClock {
  private current: number;

  constructor(start: Date) {
    this.current = start.getTime();
  }

  now(): Date {
    return new Date(this.current);
  }

  /** Moves the clock to `instant`; time never runs backwards. */
  moveTo(instant: Date): void {
    if (instant.getTime() < this.current) {
      throw new RangeError('The virtual clock cannot move backwards');
    }
    this.current = instant.getTime();
  }

  /** Puts the clock anywhere, for a reset. */
  reset(start: Date): void {
    this.current = start.getTime();
  }
}
