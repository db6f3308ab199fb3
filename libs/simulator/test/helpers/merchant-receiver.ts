import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  fieldListToRecord,
  parseFormBody,
  verifyCheckMacValue,
} from 'nestjs-twpay/protocol';
import { ALLPAY, ECPAY } from './orders.js';

export interface ReceivedPost {
  path: string;
  headers: IncomingHttpHeaders;
  fields: Record<string, string>;
  /** The CheckMacValue verified with the keys of the MerchantID it carries. */
  macValid: boolean;
}

/**
 * A tiny merchant server on 127.0.0.1: records every notification, checks its CheckMacValue, and
 * answers `1|OK` unless told otherwise.
 */
export async function startMerchantReceiver() {
  const posts: ReceivedPost[] = [];
  const receiver = {
    posts,
    url: '',
    /** What to answer; by default HTTP 200 `1|OK`. */
    answer: (_post: ReceivedPost): { status: number; body: string } => ({
      status: 200,
      body: '1|OK',
    }),
    /** The fields posted to one path, in arrival order. */
    at: (path: string) =>
      posts.filter((p) => p.path === path).map((p) => p.fields),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const list = parseFormBody(Buffer.concat(chunks));
      const { record } = fieldListToRecord(list);
      const keys =
        [ECPAY, ALLPAY].find((m) => m.merchantId === record.MerchantID) ??
        ECPAY;
      const post: ReceivedPost = {
        path: req.url ?? '',
        headers: req.headers,
        fields: record,
        macValid: verifyCheckMacValue(list, keys).valid,
      };
      posts.push(post);
      const { status, body } = receiver.answer(post);
      res.writeHead(status, { 'Content-Type': 'text/plain' }).end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return receiver;
}

export type MerchantReceiver = Awaited<
  ReturnType<typeof startMerchantReceiver>
>;
