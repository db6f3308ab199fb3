import { randomBytes } from 'node:crypto';
import { formatTaipeiDateTime } from 'nestjs-twpay/protocol';
import type { OrderDraft } from './order-validation.js';
import type { SimulatedOrder } from './simulator-model.js';

/** The orders and the counters of a {@link SimulatorState}. */
export interface SimulatorStateDump {
  orders: SimulatedOrder[];
  tradeSequence: number;
  gwsr: number;
  bnplSequence: number;
}

/** Where authorization serials start; any 8-digit number looks like the real ones (vector V7). */
const FIRST_GWSR = 10000001;

/**
 * The simulated gateway's database, in memory: every accepted order by merchant and MerchantTradeNo,
 * and the counters behind TradeNo, Gwsr and BNPLTradeNo.
 */
export class SimulatorState {
  private orders: SimulatedOrder[] = [];
  private readonly byKey = new Map<string, SimulatedOrder>();
  private readonly byId = new Map<string, SimulatedOrder>();
  private tradeSequence = 0;
  private gwsr = FIRST_GWSR;
  private bnplSequence = 0;

  /** Stores an accepted order; its MerchantTradeNo is taken for good, whatever happens to it. */
  addOrder(draft: OrderDraft, at: Date): SimulatedOrder {
    const order: SimulatedOrder = {
      ...draft,
      id: randomBytes(8).toString('hex'),
      tradeNo: this.nextOrderTradeNo(at),
      tradeDate: at,
      status: 'awaiting-payment',
      authorizations: [],
    };
    this.orders.push(order);
    this.byKey.set(key(order.merchantId, order.merchantTradeNo), order);
    this.byId.set(order.id, order);
    return order;
  }

  all(): readonly SimulatedOrder[] {
    return this.orders;
  }

  get(id: string): SimulatedOrder | undefined {
    return this.byId.get(id);
  }

  find(
    merchantId: string,
    merchantTradeNo: string,
  ): SimulatedOrder | undefined {
    return this.byKey.get(key(merchantId, merchantTradeNo));
  }

  /** Orders with this MerchantTradeNo, across merchants (normally one). */
  withMerchantTradeNo(merchantTradeNo: string): SimulatedOrder[] {
    return this.orders.filter((o) => o.merchantTradeNo === merchantTradeNo);
  }

  /**
   * The order's TradeNo, which is also its first authorization's: 16 digits, Taipei `yyMMddHHmmss` and
   * a 4-digit sequence, the shape of a captured answer (`2110261713558708`, docs/gateway-protocol.md §12.2).
   */
  nextOrderTradeNo(at: Date): string {
    this.tradeSequence += 1;
    return (
      digitsOf(at).slice(2) +
      String(this.tradeSequence % 10_000).padStart(4, '0')
    );
  }

  /**
   * The TradeNo of a later authorization of a periodic agreement: 20 digits, Taipei `yyyyMMddHHmmss`
   * and a 6-digit sequence (captured: `20220125143728502143`, docs/gateway-protocol.md §12.2). Merchants should
   * store TradeNo as String(20).
   */
  nextChargeTradeNo(at: Date): string {
    this.tradeSequence += 1;
    return (
      digitsOf(at) + String(this.tradeSequence % 1_000_000).padStart(6, '0')
    );
  }

  nextGwsr(): number {
    return this.gwsr++;
  }

  /** `U` + Taipei date + sequence, the shape of vector V8's BNPLTradeNo. */
  nextBnplTradeNo(at: Date): string {
    this.bnplSequence += 1;
    return `U${digitsOf(at).slice(0, 8)}${String(this.bnplSequence % 100_000).padStart(5, '0')}`;
  }

  /** Everything this state holds, for a state file (`SimulatorStateFile`). */
  dump(): SimulatorStateDump {
    return {
      orders: this.orders,
      tradeSequence: this.tradeSequence,
      gwsr: this.gwsr,
      bnplSequence: this.bnplSequence,
    };
  }

  /** Replaces this state with a dump. */
  load(dump: SimulatorStateDump): void {
    this.reset();
    for (const order of dump.orders) {
      this.orders.push(order);
      this.byKey.set(key(order.merchantId, order.merchantTradeNo), order);
      this.byId.set(order.id, order);
    }
    this.tradeSequence = dump.tradeSequence;
    this.gwsr = dump.gwsr;
    this.bnplSequence = dump.bnplSequence;
  }

  reset(): void {
    this.orders = [];
    this.byKey.clear();
    this.byId.clear();
    this.tradeSequence = 0;
    this.gwsr = FIRST_GWSR;
    this.bnplSequence = 0;
  }
}

function key(merchantId: string, merchantTradeNo: string): string {
  return `${merchantId}\n${merchantTradeNo}`;
}

function digitsOf(at: Date): string {
  return formatTaipeiDateTime(at).replace(/\D/g, '');
}
