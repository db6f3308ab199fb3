import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { PAYMENTS_DATA_SOURCE } from '../payments.constants.js';
import {
  GatewayNotificationEntity,
  type NotificationChannel,
} from './gateway-notification.entity.js';

/**
 * The durable inbox: stores each callback request before anything else is done with it.
 *
 * @internal
 */
@Injectable()
export class NotificationInboxService {
  constructor(
    @Inject(PAYMENTS_DATA_SOURCE) private readonly dataSource: DataSource,
  ) {}

  /**
   * Stores the request as received. The MerchantID and MerchantTradeNo it claims are copied out for
   * lookups only; nothing is trusted before the CheckMacValue is verified.
   */
  async record(
    channel: NotificationChannel,
    rawBody: string,
    remoteAddress: string | null,
  ): Promise<GatewayNotificationEntity> {
    const claimed = new URLSearchParams(rawBody);
    const row = this.dataSource
      .getRepository(GatewayNotificationEntity)
      .create({
        id: randomUUID(),
        channel,
        rawBody,
        remoteAddress: remoteAddress?.slice(0, 64) ?? null,
        receivedAt: new Date(),
        merchantId: claimed.get('MerchantID')?.slice(0, 32) ?? null,
        merchantTradeNo: claimed.get('MerchantTradeNo')?.slice(0, 64) ?? null,
        verification: null,
        outcome: 'received',
        reason: null,
        error: null,
        attempts: 0,
        processedAt: null,
      });
    await this.dataSource.getRepository(GatewayNotificationEntity).insert(row);
    return row;
  }

  /** Records what became of a notification, in the given transaction or on its own. */
  async settle(
    id: string,
    patch: Partial<
      Pick<
        GatewayNotificationEntity,
        | 'verification'
        | 'outcome'
        | 'reason'
        | 'error'
        | 'attempts'
        | 'processedAt'
      >
    >,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<void> {
    await manager
      .getRepository(GatewayNotificationEntity)
      .update({ id }, patch);
  }
}
