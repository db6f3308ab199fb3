import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { COLUMN_LENGTHS } from '../domain/column-lengths.js';
import type { NotificationChannel } from '../domain/notification-channel.js';
import { PAYMENTS_DATA_SOURCE } from '../payments.constants.js';
import { GatewayNotificationEntity } from './gateway-notification.entity.js';

const LENGTHS = COLUMN_LENGTHS.inbox;

/**
 * What a notification's inbox row says once it has been processed.
 * @internal
 */
export type InboxSettlement = Pick<
  GatewayNotificationEntity,
  | 'verification'
  | 'outcome'
  | 'reason'
  | 'reasonCode'
  | 'error'
  | 'attempts'
  | 'processedAt'
>;

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
  async store(
    channel: NotificationChannel,
    rawBody: string,
    remoteAddress: string | null,
  ): Promise<GatewayNotificationEntity> {
    const claimed = new URLSearchParams(rawBody);
    const repository = this.dataSource.getRepository(GatewayNotificationEntity);
    const row = repository.create({
      id: randomUUID(),
      channel,
      rawBody,
      remoteAddress: remoteAddress?.slice(0, LENGTHS.remoteAddress) ?? null,
      receivedAt: new Date(),
      merchantId:
        claimed.get('MerchantID')?.slice(0, LENGTHS.claimedMerchantId) ?? null,
      merchantTradeNo:
        claimed
          .get('MerchantTradeNo')
          ?.slice(0, LENGTHS.claimedMerchantTradeNo) ?? null,
      verification: null,
      outcome: 'received',
      reason: null,
      reasonCode: null,
      error: null,
      attempts: 0,
      processedAt: null,
    });
    await repository.insert(row);
    return row;
  }

  /** Records what became of a notification, in the given transaction or on its own. */
  async settle(
    id: string,
    settlement: InboxSettlement,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<void> {
    await manager.getRepository(GatewayNotificationEntity).update(
      { id },
      {
        ...settlement,
        reason: settlement.reason?.slice(0, LENGTHS.reason) ?? null,
      },
    );
  }
}
