/**
 * The desk's spoken-alert setting (issue 12): which alerts are spoken, with which of the OS's
 * voices and how fast. Absent means the default: mandatory categories only, the OS's default
 * voice, normal rate.
 */
import { z } from 'zod';

export const SpeechSettings = z.strictObject({
  /** `mandatory`: felony, stolen, AMBER, SILVER (and the policy's other mandatory ones). */
  speak: z.enum(['mandatory', 'all', 'off']),
  /** A voice's name as the OS lists it; absent or gone: the OS's default voice. */
  voice: z.string().min(1).max(200).optional(),
  rate: z.number().min(0.5).max(2),
});
export type SpeechSettings = z.infer<typeof SpeechSettings>;

export const DEFAULT_SPEECH: SpeechSettings = { speak: 'mandatory', rate: 1 };
