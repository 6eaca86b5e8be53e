/**
 * The vehicle query a trooper types into the LEADS/NCIC terminal, built from the hit so nobody
 * retypes a plate at 3 a.m. The agency's terminal format lives in the hub's policy as a template;
 * the fields are the NCIC vehicle field codes' values (LIC plate, LIS state, LIT plate type, LIY
 * plate year, ORI the agency's identifier).
 *
 * A segment `.XXX/{FIELD}` whose value is unknown is dropped whole: an NCIC message with an empty
 * `LIT/` is rejected by the switch, and a hit never carries a plate type or year of its own.
 */
import { z } from 'zod';

export const QUERY_FIELDS = ['PLATE', 'STATE', 'PLATE_TYPE', 'YEAR', 'ORI'] as const;
export type QueryField = (typeof QUERY_FIELDS)[number];

/** NCIC QV (vehicle query) by license plate number and state, addressed with the agency's ORI. */
export const DEFAULT_QUERY_TEMPLATE = 'QV.{ORI}.LIC/{PLATE}.LIS/{STATE}';

const PLACEHOLDER = /\{([^{}]*)\}/g;

/** What is wrong with a template, in words, or undefined when it can be used. */
export function queryTemplateProblem(template: string): string | undefined {
  if (template.trim() === '') return 'The query template is empty.';
  if (/[\r\n]/.test(template)) return 'The query template must be one line.';
  const unknown = [...template.matchAll(PLACEHOLDER)].map((m) => m[1] ?? '').filter((name) => !(QUERY_FIELDS as readonly string[]).includes(name));
  if (unknown.length > 0) {
    return `Unknown field ${unknown.map((u) => `{${u}}`).join(', ')} in the query template: use ${QUERY_FIELDS.map((f) => `{${f}}`).join(', ')}.`;
  }
  // A brace left open or closed alone would be sent to the terminal as typed.
  if (/[{}]/.test(template.replace(PLACEHOLDER, ''))) return 'A brace in the query template is not part of a {FIELD}.';
  if (!template.includes('{PLATE}')) return 'The query template must contain {PLATE}.';
  return undefined;
}

/** An ORI is nine characters: the state's two letters, then seven letters or digits (e.g. IL0849900). */
export const ORI_PATTERN = /^[A-Z]{2}[A-Z0-9]{7}$/;

export const LeadsQueryPolicy = z.strictObject({
  template: z
    .string()
    .max(200)
    .superRefine((t, ctx) => {
      const problem = queryTemplateProblem(t);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }),
  ori: z.string().regex(ORI_PATTERN, 'an ORI is 9 characters: two state letters and seven letters or digits (e.g. IL0849900)').optional(),
});
export type LeadsQueryPolicy = z.infer<typeof LeadsQueryPolicy>;

export type QueryValues = Partial<Record<QueryField, string>>;

/** NCIC fields take no embedded spaces or hyphens (Nlets RQ rule); plates are upper case. */
function fieldValue(v: string | undefined): string {
  return (v ?? '').toUpperCase().replace(/[\s-]+/g, '');
}

export function queryText(template: string, values: QueryValues): string {
  const withoutEmpty = template.replace(/\.[A-Z]{3}\/\{([A-Z_]+)\}/g, (segment, name: string) =>
    fieldValue(values[name as QueryField]) === '' ? '' : segment,
  );
  // Any other field without a value stays as {FIELD}, so the trooper sees what to type (an ORI not
  // yet set in the policy) instead of a query that silently lacks it.
  return withoutEmpty.replace(PLACEHOLDER, (m, name: string) => fieldValue(values[name as QueryField]) || m);
}

/**
 * The query reference the trooper types back from the terminal, checked for form only (no network):
 * one token of letters, digits and - / . : with at least one digit, as terminals print a
 * message or transaction number. Undefined when it is fine (or empty: it is optional).
 */
export function queryReferenceProblem(reference: string): string | undefined {
  const r = reference.trim();
  if (r === '') return undefined;
  if (r.length < 3) return 'A query reference has at least 3 characters: copy the transaction or message number from the LEADS terminal.';
  if (r.length > 64) return 'A query reference has at most 64 characters.';
  if (/\s/.test(r)) return 'A query reference is one number without spaces: copy the transaction or message number from the LEADS terminal.';
  if (!/^[A-Za-z0-9./:-]+$/.test(r)) return 'A query reference holds only letters, digits and - / . : (as the terminal prints it).';
  if (!/[0-9]/.test(r)) return 'A query reference needs at least one digit: this looks like a word, not the terminal’s message number.';
  return undefined;
}
