#!/usr/bin/env node
// The `twpay` executable: `npm run --silent twpay -- <command>` from the repository root.
import { runCli } from './run-cli.js';

process.exitCode = await runCli(process.argv.slice(2), {
  stdout: (line) => void process.stdout.write(`${line}\n`),
  stderr: (line) => void process.stderr.write(`${line}\n`),
  env: process.env,
});
