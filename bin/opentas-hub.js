#!/usr/bin/env node
// Launcher for the hub CLI: registers tsx so the TypeScript sources run as they are (no build step).
import { register } from 'tsx/esm/api';
import { fileURLToPath } from 'node:url';

register();
const cli = fileURLToPath(new URL('../src/backend/cli.ts', import.meta.url));
const { main } = await import(cli);
process.exit(await main(process.argv.slice(2)));
