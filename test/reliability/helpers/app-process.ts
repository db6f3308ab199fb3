import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { freePort } from '../../helpers/example-app.js';

const REPO_ROOT = join(import.meta.dirname, '..', '..', '..');
/** The example shop as `npm start` builds it (`nest build`; `npm run test:reliability` builds first). */
const BUILT_MAIN = join(REPO_ROOT, 'dist', 'src', 'main.js');
const BOOT_TIMEOUT_MS = 60_000;

/** One example-shop process, listening on loopback, with everything it wrote kept. */
export interface AppProcess {
  url: string;
  pid: number;
  /** Everything the process wrote to stdout and stderr so far. */
  output(): string;
  /** Whether the process is still running. */
  alive(): boolean;
  /**
   * Null while it runs; once it has exited, how (exit code or signal) and the end of its output, so a
   * failed check shows why a process died.
   */
  death(): string | null;
  /** Stops it (SIGTERM, then SIGKILL after 10 s) and waits for it to exit. */
  stop(): Promise<void>;
}

/**
 * Starts the built example shop (`node dist/src/main.js`) as a child process with the given
 * environment (DATABASE_URL, keys…), on a free loopback port that is also its PUBLIC_URL, at the
 * default log level (every level, debug included), and waits until it answers.
 */
export async function startAppProcess(
  env: NodeJS.ProcessEnv,
): Promise<AppProcess> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const chunks: string[] = [];
  const child: ChildProcess = spawn(process.execPath, [BUILT_MAIN], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      ...env,
      PORT: String(port),
      PUBLIC_URL: url,
      NO_COLOR: '1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.setEncoding('utf8').on('data', (c: string) => chunks.push(c));
  child.stderr?.setEncoding('utf8').on('data', (c: string) => chunks.push(c));
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => resolve()),
  );
  const process_: AppProcess = {
    url,
    pid: child.pid ?? -1,
    output: () => chunks.join(''),
    alive: () => child.exitCode === null && child.signalCode === null,
    death: () =>
      process_.alive()
        ? null
        : `pid ${child.pid} exited (code ${child.exitCode}, signal ${child.signalCode}); its output ended:\n${process_.output().slice(-3000)}`,
    stop: async () => {
      if (!process_.alive()) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
  const deadline = Date.now() + BOOT_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (!process_.alive()) {
      throw new Error(`The example app exited at boot:\n${process_.output()}`);
    }
    try {
      const response = await fetch(`${url}/`, {
        signal: AbortSignal.timeout(2_000),
      });
      if (response.ok) return process_;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  await process_.stop();
  throw new Error(
    `The example app did not answer within ${BOOT_TIMEOUT_MS} ms:\n${process_.output()}`,
  );
}
