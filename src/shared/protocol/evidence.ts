/**
 * Evidence export (docs/protocol.md, version 1.1): what `POST /alerts/:id/exports` takes. An
 * out-of-state recipient needs the written declaration under 625 ILCS 5/2-130; the hub answers
 * 400 `declaration_required` without one (a rule of the route, not of this shape, so the refusal
 * carries its own code).
 */
import { z } from 'zod';
import { IsoTime } from './common.js';

/** The state whose law governs sharing (625 ILCS 5/2-130): recipients elsewhere need a declaration. */
export const HOME_STATE = 'IL';

export const Declaration = z.strictObject({
  text: z.string().trim().min(1).max(5000),
  signedBy: z.string().trim().min(1).max(200),
  signedAt: IsoTime,
});
export type Declaration = z.infer<typeof Declaration>;

export const ExportRequest = z.strictObject({
  purpose: z.string().trim().min(1).max(500),
  caseNumber: z.string().trim().min(1).max(64),
  recipient: z.strictObject({
    agency: z.string().trim().min(1).max(200),
    state: z.string().regex(/^[A-Z]{2}$/, 'a two-letter USPS code'),
  }),
  declaration: Declaration.optional(),
});
export type ExportRequest = z.infer<typeof ExportRequest>;

export const ExportCreated = z.strictObject({ id: z.string(), sha256: z.string().regex(/^[0-9a-f]{64}$/) });
export type ExportCreated = z.infer<typeof ExportCreated>;

export const needsDeclaration = (state: string): boolean => state !== HOME_STATE;
