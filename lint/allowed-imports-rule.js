// The rule behind lint/allowed-imports.js: every import in src/ must be allowed by its folder's entry.
// A folder with no entry may import nothing outside itself, so a new folder has to say what it needs.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { allowedImports } from './allowed-imports.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const TABLE = 'lint/allowed-imports.js';

/** 'src/shared/**' allows the folder and everything under it; 'src/shared' the folder alone. */
export function folderAllowed(patterns, target) {
  return patterns.some((p) => (p.endsWith('/**') ? target === p.slice(0, -3) || target.startsWith(p.slice(0, -2)) : target === p));
}

export function packageName(specifier) {
  if (specifier.startsWith('node:')) return 'node:';
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

export const allowedImportsRule = {
  meta: {
    type: 'problem',
    docs: { description: 'Each folder of src/ imports only what lint/allowed-imports.js allows it' },
    schema: [],
  },
  create(context) {
    const file = path.relative(root, context.filename);
    if (!file.startsWith('src/')) return {};
    const folder = path.dirname(file);
    const entry = allowedImports[folder];
    function check(node, specifier) {
      if (typeof specifier !== 'string') return;
      if (specifier.startsWith('.')) {
        const target = path.relative(root, path.dirname(path.resolve(path.dirname(context.filename), specifier)));
        if (target === folder || folderAllowed(entry?.folders ?? [], target)) return;
        context.report({
          node,
          message: entry
            ? `${folder} may not import from ${target}: ${TABLE} lists what it may import (${entry.why}).`
            : `${folder} has no entry in ${TABLE}: a new folder imports nothing outside itself until its entry says what it needs and why.`,
        });
        return;
      }
      const name = packageName(specifier);
      if ((entry?.packages ?? []).includes(name)) return;
      context.report({
        node,
        message: entry
          ? `${folder} may not import the package ${name === 'node:' ? 'node: built-ins' : name}: ${TABLE} lists what it may import (${entry.why}).`
          : `${folder} has no entry in ${TABLE}: a new folder imports nothing outside itself until its entry says what it needs and why.`,
      });
    }
    return {
      ImportDeclaration: (node) => check(node, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source.value),
      ExportAllDeclaration: (node) => check(node, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node, node.source.value),
    };
  },
};
