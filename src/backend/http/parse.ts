/** zod at the HTTP boundary: a failed parse becomes 400 with the `issues` of docs/protocol.md. */
import type { z } from 'zod';
import { toIssues } from '../../shared/protocol/index.js';
import { HubError } from '../errors.js';

export function parseBody<T extends z.ZodType>(schema: T, body: unknown, code: string, what: string): z.infer<T> {
  const result = schema.safeParse(body);
  if (!result.success) {
    const issues = toIssues(result.error);
    throw new HubError(400, code, `${what} is not valid: ${issues.length} problem(s)`, { issues });
  }
  return result.data;
}
