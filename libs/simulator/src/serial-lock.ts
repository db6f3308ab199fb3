/**
 * Runs tasks one after another. Checkout payments, clock advances and BNPL decisions await merchant
 * notifications half-way through; two of them interleaving could charge one period twice.
 */
export class SerialLock {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.tail.then(task);
    this.tail = result.catch(() => undefined);
    return result;
  }
}
