import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { AddressInfo } from 'node:net';
import { GatewaySimulatorModule } from './gateway-simulator.module.js';
import { GatewaySimulator } from './gateway-simulator.js';
import type { GatewaySimulatorOptions } from './simulator-options.js';

/**
 * Options of {@link startGatewaySimulator}: where to listen, and the module's options.
 *
 * @publicApi
 */
export interface StandaloneSimulatorOptions extends GatewaySimulatorOptions {
  /**
   * TCP port; 0 picks a free one (read it back from `url`).
   * @default 0
   */
  port?: number;
  /**
   * Interface to listen on. The simulator has no authentication: keep it on loopback.
   * @default '127.0.0.1'
   */
  host?: string;
}

/**
 * A running stand-alone simulator.
 *
 * @publicApi
 */
export interface RunningGatewaySimulator {
  /** Base URL, e.g. `http://127.0.0.1:4010`: the gateway base URL to give the payments module. */
  url: string;
  /** The gateway model, to drive the clock or read state in-process. */
  simulator: GatewaySimulator;
  /** Stops listening and frees the port. */
  close(): Promise<void>;
}

/**
 * Runs the simulator as its own HTTP server (what `twpay simulator` starts).
 *
 * @example
 * ```ts
 * const gateway = await startGatewaySimulator({ port: 4010 });
 * // PaymentsModule.forRoot({ gatewayBaseUrl: gateway.url, ... })
 * await gateway.close();
 * ```
 * @publicApi
 */
export async function startGatewaySimulator(
  options: StandaloneSimulatorOptions = {},
): Promise<RunningGatewaySimulator> {
  const { port = 0, host = '127.0.0.1', ...moduleOptions } = options;

  @Module({ imports: [GatewaySimulatorModule.forRoot(moduleOptions)] })
  class StandaloneGatewaySimulatorModule {}

  // rawBody: the CheckMacValue is checked over the exact posted bytes.
  const app = await NestFactory.create(StandaloneGatewaySimulatorModule, {
    rawBody: true,
    logger: ['error', 'warn'],
  });
  await app.listen(port, host);
  const address = app.getHttpServer().address() as AddressInfo;
  const shownHost =
    address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${shownHost}:${address.port}`,
    simulator: app.get(GatewaySimulator),
    close: () => app.close(),
  };
}
