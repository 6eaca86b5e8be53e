/**
 * Generates the alert sounds into assets/sounds as 16-bit mono WAV (no third-party audio).
 * One pattern per category group, so a trooper can tell from across the room what kind of hit it
 * is; AMBER/SILVER is the fastest and highest. Each file ends with a pause, because the renderer
 * loops it until the alert is acknowledged. Run: npm run sounds
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const RATE = 22_050;

/** A tone from `from` Hz to `to` Hz (a sweep when they differ), or silence when both are 0. */
interface Tone {
  from: number;
  to?: number;
  ms: number;
  gain?: number;
}

function render(tones: Tone[]): Int16Array {
  const total = tones.reduce((n, t) => n + Math.round((t.ms / 1000) * RATE), 0);
  const out = new Int16Array(total);
  let i = 0;
  for (const t of tones) {
    const n = Math.round((t.ms / 1000) * RATE);
    const fade = Math.min(n / 2, RATE * 0.008); // 8 ms ramps: no clicks
    let phase = 0;
    for (let k = 0; k < n; k += 1) {
      const f = t.from + ((t.to ?? t.from) - t.from) * (k / n);
      phase += (2 * Math.PI * f) / RATE;
      const env = Math.min(1, k / fade, (n - k) / fade);
      // A square-ish wave (fundamental + 3rd harmonic) cuts through room noise better than a sine.
      const v = t.from === 0 ? 0 : (Math.sin(phase) + Math.sin(3 * phase) / 3) * 0.7 * (t.gain ?? 1) * env;
      out[i] = Math.round(Math.max(-1, Math.min(1, v)) * 32_767);
      i += 1;
    }
  }
  return out;
}

function wav(samples: Int16Array): Buffer {
  const data = Buffer.from(samples.buffer, samples.byteOffset, samples.byteLength);
  const h = Buffer.alloc(44);
  h.write('RIFF', 0);
  h.writeUInt32LE(36 + data.length, 4);
  h.write('WAVE', 8);
  h.write('fmt ', 12);
  h.writeUInt32LE(16, 16);
  h.writeUInt16LE(1, 20); // PCM
  h.writeUInt16LE(1, 22); // mono
  h.writeUInt32LE(RATE, 24);
  h.writeUInt32LE(RATE * 2, 28);
  h.writeUInt16LE(2, 32);
  h.writeUInt16LE(16, 34);
  h.write('data', 36);
  h.writeUInt32LE(data.length, 40);
  return Buffer.concat([h, data]);
}

const gap = (ms: number): Tone => ({ from: 0, ms });
const repeat = (n: number, tones: Tone[]): Tone[] => Array.from({ length: n }, () => tones).flat();

export const SOUNDS: Record<string, Tone[]> = {
  // AMBER / SILVER: a fast high yelp, eight times, short pause.
  urgent: [...repeat(8, [{ from: 1400, ms: 90 }, { from: 1000, ms: 90 }]), gap(500)],
  // Felony / stolen vehicle: three firm beeps.
  vehicle: [...repeat(3, [{ from: 880, ms: 220 }, gap(110)]), gap(900)],
  // Persons (wanted, missing, protection order): two rising chirps.
  person: [...repeat(2, [{ from: 600, to: 1100, ms: 260 }, gap(140)]), gap(1100)],
  // Everything else: one soft two-note chime.
  info: [{ from: 660, ms: 200, gain: 0.7 }, { from: 523, ms: 320, gain: 0.7 }, gap(1800)],
  // NOT RECEIVING ALERTS: a slow low falling siren, unlike any hit sound.
  'link-lost': [{ from: 520, to: 260, ms: 900 }, gap(150), { from: 520, to: 260, ms: 900 }, gap(900)],
  // Ten minutes unverified: a double buzz on top of the category pattern.
  overdue: [{ from: 220, ms: 160 }, gap(80), { from: 220, ms: 160 }, gap(200)],
};

function main(): void {
  const dir = join(dirname(fileURLToPath(import.meta.url)), '..', 'assets', 'sounds');
  mkdirSync(dir, { recursive: true });
  for (const [name, tones] of Object.entries(SOUNDS)) {
    const buf = wav(render(tones));
    writeFileSync(join(dir, `${name}.wav`), buf);
    console.log(`${name}.wav ${(buf.length / 1024).toFixed(1)} KiB`);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
