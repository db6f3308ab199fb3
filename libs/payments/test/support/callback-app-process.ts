import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { CallbackAppSettings } from './callback-app.process.js';

/** A payments app running in a child process (callback-app.process.ts), and what it printed. */
export interface CallbackAppProcess {
  child: ChildProcess;
  /** Every line it printed on stdout so far. */
  lines: string[];
  /** Resolves with the first line that starts with `prefix` (without the prefix). */
  waitFor(prefix: string, timeoutMs?: number): Promise<string>;
  /** Resolves with the signal that ended it, or null for a normal exit. */
  exited: Promise<NodeJS.Signals | null>;
}

const SUPPORT = import.meta.dirname;

/** Starts the app in a child process with the given settings, its TypeScript run without a build. */
export function startCallbackAppProcess(
  settings: CallbackAppSettings,
): CallbackAppProcess {
  const child = spawn(
    process.execPath,
    [
      '--import',
      join(SUPPORT, 'ts-loader.mjs'),
      join(SUPPORT, 'callback-app.process.ts'),
    ],
    {
      env: { ...process.env, TWPAY_CHILD: JSON.stringify(settings) },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const lines: string[] = [];
  const waiters: { prefix: string; resolve: (rest: string) => void }[] = [];
  createInterface({ input: child.stdout! }).on('line', (line) => {
    lines.push(line);
    for (const waiter of [...waiters]) {
      if (line.startsWith(waiter.prefix)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(line.slice(waiter.prefix.length));
      }
    }
  });
  const exited = new Promise<NodeJS.Signals | null>((resolve) =>
    child.on('exit', (_code, signal) => resolve(signal)),
  );
  return {
    child,
    lines,
    exited,
    waitFor: (prefix, timeoutMs = 60_000) =>
      new Promise((resolve, reject) => {
        const seen = lines.find((line) => line.startsWith(prefix));
        if (seen !== undefined) return resolve(seen.slice(prefix.length));
        const timer = setTimeout(
          () => reject(new Error(`no "${prefix}" line within ${timeoutMs} ms`)),
          timeoutMs,
        );
        waiters.push({
          prefix,
          resolve: (rest) => {
            clearTimeout(timer);
            resolve(rest);
          },
        });
      }),
  };
}
