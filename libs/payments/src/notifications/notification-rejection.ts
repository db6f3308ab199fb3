/**
 * Thrown inside a notification handler for a request that will never be valid (unknown order, wrong
 * amount, malformed field): the transaction rolls back, the inbox row is marked `rejected` with this
 * reason, and the gateway gets `0|<reason>` with a 4xx.
 *
 * @internal
 */
export class NotificationRejection extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'NotificationRejection';
  }
}
