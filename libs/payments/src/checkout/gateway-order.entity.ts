import {
  Column,
  CreateDateColumn,
  PrimaryColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import { COLUMN_LENGTHS } from '../domain/column-lengths.js';
import type { GatewayName } from '../protocol/gateway-profile.js';

/**
 * The columns every order issued through AioCheckOut has, whatever is sold (a subscription, a BNPL
 * order): one MerchantTradeNo at one merchant of one gateway, what the buyer saw, and the app's own
 * references. Not an entity itself: each order entity extends it and keeps its own table, indexes and
 * unique constraints on `merchant_trade_no` and `merchant_trade_no_key`.
 *
 * Column types are the portable ones (varchar, integer, boolean, datetime/timestamp, text) so the same
 * migrations run on SQLite, PostgreSQL and MariaDB.
 *
 * @publicApi
 */
export abstract class GatewayOrderEntity {
  @PrimaryColumn({ type: 'varchar', length: COLUMN_LENGTHS.id })
  id: string;

  @Column({ type: 'varchar', length: 10 })
  gateway: GatewayName;

  @Column({
    name: 'merchant_id',
    type: 'varchar',
    length: COLUMN_LENGTHS.merchantId,
  })
  merchantId: string;

  /** Unique for ever at the gateway, so unique here too: the key every notification is matched by. */
  @Column({
    name: 'merchant_trade_no',
    type: 'varchar',
    length: COLUMN_LENGTHS.merchantTradeNo,
  })
  merchantTradeNo: string;

  /**
   * MerchantTradeNo case-folded (`merchantTradeNoKey()`), unique in each order table: letter case
   * is not authenticated, so two orders never differ by case alone, and notifications find their order
   * by this key.
   */
  @Column({
    name: 'merchant_trade_no_key',
    type: 'varchar',
    length: COLUMN_LENGTHS.merchantTradeNo,
  })
  merchantTradeNoKey: string;

  /** What the buyer saw on the payment page (`ItemName`). */
  @Column({
    name: 'item_name',
    type: 'varchar',
    length: COLUMN_LENGTHS.itemName,
  })
  itemName: string;

  /** The app's own reference for the customer. */
  @Column({
    name: 'customer_id',
    type: 'varchar',
    length: COLUMN_LENGTHS.customerId,
    nullable: true,
  })
  customerId: string | null;

  /** The app's own data, stored as JSON, never sent to the gateway. */
  @Column({ type: 'simple-json', nullable: true })
  metadata: Record<string, string | number | boolean | null> | null;

  @CreateDateColumn({ name: 'created_at', type: Date })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: Date })
  updatedAt: Date;

  /** Grows with every change; a change is written only over the version it was decided on. */
  @VersionColumn({ type: 'integer' })
  version: number;
}
