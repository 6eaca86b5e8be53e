/**
 * The support bundle (ENF-051 V.D: support requests go through the coordinator): what a desk can
 * tell about itself without any criminal-justice information. Spread into `invokeChannels`.
 */
import { z } from 'zod';

export const SupportBundle = z.strictObject({
  /** A file name to save it under (`opentas-support-<date>.json`). */
  fileName: z.string(),
  /** The bundle, as pretty-printed JSON. */
  json: z.string(),
});
export type SupportBundle = z.infer<typeof SupportBundle>;

export const supportChannels = {
  'support:bundle': { request: z.strictObject({}).optional(), response: SupportBundle },
} as const;
