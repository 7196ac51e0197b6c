#!/usr/bin/env node
import { runCli } from './program.js';

// `docpipe parse big.pdf | head` closes the pipe before docpipe has written everything: the reader has what it
// wanted, so the rest is dropped quietly instead of dying on an unhandled EPIPE with a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(0);
});

process.exitCode = await runCli(process.argv.slice(2));
