import { z } from 'zod';
import { Category } from './categories.js';
import { Domain, IsoTime, Plate, UsState } from './common.js';

/** docs/protocol.md: at most 512 KiB each, counted in image bytes (decoded), not base64 characters. */
const MAX_IMAGE_BYTES = 512 * 1024;
/** 512 KiB of image bytes is 699,052 base64 characters: a cheap cap before the exact count. */
const MAX_IMAGE_DATA_URI = 700_000;

/** Bytes a base64 payload decodes to: 3 per 4 characters, less the padding. */
function decodedBytes(uri: string): number {
  const b64 = uri.slice(uri.indexOf(',') + 1);
  const padding = b64.endsWith('==') ? 2 : b64.endsWith('=') ? 1 : 0;
  return Math.floor((b64.length * 3) / 4) - padding;
}

export const ImageDataUri = z
  .string()
  .max(MAX_IMAGE_DATA_URI, 'image larger than 512 KiB')
  .regex(/^data:image\/(jpeg|png);base64,[A-Za-z0-9+/]+={0,2}$/, 'a data: URI of a JPEG or PNG image')
  .refine((uri) => decodedBytes(uri) <= MAX_IMAGE_BYTES, 'image larger than 512 KiB');

export const CameraType = z.enum(['stationary', 'mobile', 'portable', 'expressway']);
export const CameraNetwork = z.enum(['vehiclemanager', 'flock', 'isp', 'other']);
/** 1.1 adds DOT and ICC (motor carrier safety data). */
export const HotlistSource = z.enum(['NCIC', 'LEADS', 'SOS', 'LOCAL', 'DOT', 'ICC']);

/** 1.1: one of the OCR engine's alternative readings of a plate. */
export const OcrCandidate = z.strictObject({ plate: Plate, confidence: z.number().min(0).max(1).optional() });

/** 1.1: how the hub's matcher found the hit (absent on hits an adapter matched itself). */
export const MatchKind = z.enum(['exact', 'lookalike', 'candidate']);
export type MatchKind = z.infer<typeof MatchKind>;

export const Hit = z.strictObject({
  id: z.string().min(1).max(128),
  plate: Plate,
  plateState: UsState,
  readAt: IsoTime,
  location: z.strictObject({ lat: z.number().min(-90).max(90), lon: z.number().min(-180).max(180) }),
  heading: z.number().int().min(0).max(359).optional(),
  camera: z.strictObject({
    id: z.string().min(1).max(128),
    name: z.string().min(1).max(200),
    type: CameraType,
    network: CameraNetwork,
  }),
  category: Category,
  hotlist: z.strictObject({
    source: HotlistSource,
    plate: Plate,
    state: UsState,
    reason: z.string().min(1).max(500),
    entryId: z.string().min(1).max(64).optional(),
    enteredAt: IsoTime.optional(),
    caseNumber: z.string().min(1).max(64).optional(),
    /** 1.1 addition, LOCAL entries: who added the entry (they always receive its hits). */
    owner: z.strictObject({ userId: z.string().min(1).max(64), username: z.string().min(1).max(64) }).optional(),
  }),
  confidence: z.number().min(0).max(1).optional(),
  vehicle: z
    .strictObject({
      make: z.string().max(64).optional(),
      model: z.string().max(64).optional(),
      color: z.string().max(32).optional(),
    })
    .optional(),
  images: z
    .strictObject({
      plate: ImageDataUri.optional(),
      vehicle: ImageDataUri.optional(),
    })
    .optional(),
  /** 1.1, hits the hub matched from a read: the read's id, domain and candidates, and how it matched. */
  readId: z.string().min(1).max(128).optional(),
  domain: Domain.optional(),
  candidates: z.array(OcrCandidate).max(10).optional(),
  match: MatchKind.optional(),
  /** The candidate reading that matched (`match: "candidate"`). */
  candidatePlate: Plate.optional(),
  /** 1.1, a local entry's `lookBackDays`: the read was older than the entry (matched after the fact). */
  retro: z.literal(true).optional(),
});
export type Hit = z.infer<typeof Hit>;

/** An alert as the stream carries it: the hit, numbered and stamped by the hub. */
export const Alert = z.strictObject({
  id: z.string().min(1).max(128),
  hit: Hit,
  ingestedAt: IsoTime,
});
export type Alert = z.infer<typeof Alert>;

/** The `alert` socket event's payload. */
export const AlertEnvelope = z.strictObject({
  seq: z.number().int().positive(),
  alert: Alert,
});
export type AlertEnvelope = z.infer<typeof AlertEnvelope>;
