/**
 * The per-folder import allow-lists (lint/allowed-imports.js) with the project's real ESLint
 * configuration: an allowed import passes, a forbidden one names the table, and a folder with no
 * entry may import nothing outside itself. The other layering rules are checked the same way.
 */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function problems(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId !== null).map((m) => `${m.ruleId}: ${m.message}`);
}

describe('each folder imports only what its entry allows', () => {
  it('lets the popup import src/shared and react', async () => {
    expect(await problems('src/renderer/popup/Probe.tsx', "import { z } from '../../shared/protocol/index.js';\nimport { useState } from 'react';\nexport const a = [z, useState];\n")).toEqual([]);
  }, 60_000);

  it('refuses the popup a main-process service, naming the table', async () => {
    const found = await problems('src/renderer/popup/Probe.tsx', "import { HubApi } from '../../main/services/hub-api.js';\nexport const a = HubApi;\n");
    expect(found.some((p) => p.startsWith('opentas/allowed-imports: src/renderer/popup may not import from src/main/services: lint/allowed-imports.js'))).toBe(true);
  }, 60_000);

  it('refuses a package the folder does not list', async () => {
    const found = await problems('src/backend/acks/probe.ts', "import { readFileSync } from 'node:fs';\nexport const a = readFileSync;\n");
    expect(found).toContain('opentas/allowed-imports: src/backend/acks may not import the package node: built-ins: lint/allowed-imports.js lists what it may import (hub logic over the store port).');
  }, 60_000);

  it('gives a new folder nothing until its entry says what it needs', async () => {
    const found = await problems('src/backend/newpart/probe.ts', "import { CATEGORIES } from '../../shared/protocol/index.js';\nimport { helper } from './helper.js';\nexport const a = [CATEGORIES, helper];\n");
    expect(found).toEqual([
      'opentas/allowed-imports: src/backend/newpart has no entry in lint/allowed-imports.js: a new folder imports nothing outside itself until its entry says what it needs and why.',
    ]);
  }, 60_000);

  it('keeps services away from the adapters and bans module mocks in tests', async () => {
    const service = await problems('src/main/services/probe.ts', "import { FileVault } from '../adapters/file-vault.js';\nexport const a = FileVault;\n");
    expect(service.some((p) => p.startsWith('no-restricted-imports:'))).toBe(true);
    const mock = await problems('test/unit/probe.test.ts', "import { vi } from 'vitest';\nvi.mock('node:fs');\n");
    expect(mock.some((p) => p.startsWith('no-restricted-properties:'))).toBe(true);
  }, 60_000);
});
