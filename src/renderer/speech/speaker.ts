/**
 * The speech port: says one phrase with a voice and a rate. The Web Speech adapter uses the OS's
 * offline voices; the recording adapter is what the browser tests inject (through
 * `globalThis.__tasSpeechRecorder`, set before the page's scripts run), since a headless browser
 * has no voices to listen to. The choice is made once, in `chooseSpeaker`.
 */
export interface Speaker {
  speak(phrase: string, options: { voice?: string; rate: number }): void;
  /** The voices a user may pick, by name (empty where none is installed). */
  voices(): string[];
}

/** The parts of the Web Speech API used here (typed by shape: the unit tests compile without the DOM lib). */
interface VoiceLike {
  name: string;
}
interface UtteranceLike {
  rate: number;
  voice: VoiceLike | null;
}
export interface SynthLike {
  speak(utterance: UtteranceLike): void;
  getVoices(): VoiceLike[];
}
type UtteranceMaker = new (text: string) => UtteranceLike;

interface SpeechHost {
  speechSynthesis?: SynthLike;
  SpeechSynthesisUtterance?: UtteranceMaker;
  __tasSpeechRecorder?: (phrase: string, options: { voice?: string; rate: number }) => void;
}

export class WebSpeechSpeaker implements Speaker {
  constructor(
    private readonly synth: SynthLike,
    private readonly Utterance: UtteranceMaker,
  ) {}

  speak(phrase: string, { voice, rate }: { voice?: string; rate: number }): void {
    const u = new this.Utterance(phrase);
    u.rate = rate;
    const chosen = voice ? this.synth.getVoices().find((v) => v.name === voice) : undefined;
    if (chosen) u.voice = chosen;
    // Queued, not cancelled: two alerts in a row are both spoken, in the order they came.
    this.synth.speak(u);
  }

  voices(): string[] {
    return this.synth.getVoices().map((v) => v.name);
  }
}

export class RecordingSpeaker implements Speaker {
  constructor(private readonly record: (phrase: string, options: { voice?: string; rate: number }) => void) {}
  speak(phrase: string, options: { voice?: string; rate: number }): void {
    this.record(phrase, options);
  }
  voices(): string[] {
    return ['Recording voice (tests)'];
  }
}

/** No speech engine on this machine: nothing is said, the sound and the popup still are. */
export class SilentSpeaker implements Speaker {
  speak(): void {}
  voices(): string[] {
    return [];
  }
}

export function chooseSpeaker(host: SpeechHost = globalThis as SpeechHost): Speaker {
  if (typeof host.__tasSpeechRecorder === 'function') return new RecordingSpeaker(host.__tasSpeechRecorder);
  if (host.speechSynthesis && host.SpeechSynthesisUtterance) return new WebSpeechSpeaker(host.speechSynthesis, host.SpeechSynthesisUtterance);
  return new SilentSpeaker();
}
