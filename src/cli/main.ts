#!/usr/bin/env node
/**
 * The `palisade` command. The only module that reads argv and exits the process.
 * Exit codes: 0 scan complete, nothing at/above --fail-on; 1 findings at/above --fail-on;
 * 2 usage or config error (or a Node.js older than 24); 3 scan incomplete (something could not be read or evaluated).
 * The CLI itself is imported only after the Node.js version check, so an old Node gets one line, not a stack trace.
 */
import { realpathSync } from 'node:fs';
import { enableCompileCache } from 'node:module';
import { fileURLToPath } from 'node:url';
import { restartFor } from './heap.js';
import { nodeVersionProblem } from './node-version.js';

function isMain(): boolean {
  try {
    return process.argv[1] !== undefined && realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isMain()) {
  const problem = nodeVersionProblem(process.version);
  if (problem !== undefined) {
    process.stderr.write(`palisade: ${problem}\n`);
    process.exitCode = 2;
  } else {
    // The young generation's size and glibc's malloc settings are fixed when the process starts:
    // restart in place with them (see heap.ts). Where execve is missing (Windows), V8's defaults stay.
    const restart = restartFor(process.argv.slice(2), process.execArgv, process.env, process.platform);
    if (restart && typeof process.execve === 'function') {
      process.execve(process.execPath, [process.execPath, ...restart.flags, ...process.execArgv, ...process.argv.slice(1)], { ...process.env, ...restart.env });
    }
    // A closed stdout (`palisade scan | head`) can also surface after the last write: end quietly
    // with the documented code rather than with an unhandled stream error.
    process.stdout.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EPIPE') process.exit(141);
      throw err;
    });
    // Compiled code is cached across runs (NODE_COMPILE_CACHE, else the OS temp directory): a
    // CronJob's every run starts faster. Where nothing can be written, Node goes on without it.
    enableCompileCache();
    const [{ run }, { terminalSafe }] = await Promise.all([import('./run.js'), import('./terminal.js')]);
    try {
      process.exitCode = await run(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env });
    } catch (err) {
      // A bug, not a finding: never exit 1 (that means "findings"); the scan did not complete.
      process.stderr.write(terminalSafe(`palisade: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`));
      process.exitCode = 3;
    }
  }
}
