import type { NotificationFields } from '../../src/notification-builder.js';
import type {
  MerchantAnswer,
  NotificationTransport,
} from '../../src/notification-transport.js';

export const ACK: MerchantAnswer = {
  status: 200,
  body: '1|OK',
  acknowledged: true,
};
export const REFUSE: MerchantAnswer = {
  status: 200,
  body: '0|err',
  acknowledged: false,
};

/** Records every notification instead of posting it, and answers as told (`1|OK` by default). */
export class FakeTransport implements NotificationTransport {
  readonly posts: { url: string; fields: NotificationFields }[] = [];
  answer: (url: string, fields: NotificationFields) => MerchantAnswer = () =>
    ACK;

  async post(url: string, fields: NotificationFields): Promise<MerchantAnswer> {
    this.posts.push({ url, fields });
    return this.answer(url, fields);
  }

  to(url: string): NotificationFields[] {
    return this.posts.filter((p) => p.url === url).map((p) => p.fields);
  }
}
