import { BNPL_INSTALLMENTS } from '../bnpl-provider.js';
import type { GatewaySimulator } from '../gateway-simulator.js';
import { renderCheckoutPage } from '../pages/checkout-page.js';
import type { SimulatedOrder } from '../simulator-model.js';

/** The checkout page with the simulator's test cards and instalment choices. */
export function checkoutView(
  simulator: GatewaySimulator,
  order: SimulatedOrder,
  root: string,
  message?: string,
): string {
  return renderCheckoutPage(order, {
    root,
    message,
    approvedCards: simulator.options.approvedCards,
    declinedCards: simulator.options.declinedCards,
    installments: BNPL_INSTALLMENTS,
  });
}
