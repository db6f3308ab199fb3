/**
 * A request to the simulator's own control API (`/simulator/...`) that cannot be carried out: a bad
 * fault setting, a clock step that is not a number, an unknown order. Answered with HTTP 400 or 404.
 *
 * @publicApi
 */
export class SimulatorRequestError extends Error {
  constructor(
    message: string,
    readonly status: 400 | 404 | 409 = 400,
  ) {
    super(message);
    this.name = 'SimulatorRequestError';
  }
}
