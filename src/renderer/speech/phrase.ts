/**
 * What a desk says aloud for an alert, for a trooper whose popup is covered: the category, the
 * plate spelled in the NATO alphabet (letters) and in words (digits), its state, and the camera's
 * road. While the console is locked only the category is said: the plate is criminal-justice
 * information, and a locked desk may be heard by anyone in the room.
 */
import type { Category } from '../../shared/protocol/categories.js';

/** The badge's words as said aloud ("SUSPENDED / REVOKED REG." would be read out as a slash). */
const SPOKEN_CATEGORY: Record<Category, string> = {
  felony: 'Felony vehicle',
  stolen: 'Stolen vehicle',
  amber: 'AMBER alert',
  silver: 'SILVER alert',
  wanted_person: 'Wanted person',
  missing_person: 'Missing person',
  registration: 'Suspended or revoked registration',
  protection_order: 'Protection order',
  local: 'Local hot list',
  other: 'Hot list alert',
};

const NATO: Record<string, string> = {
  A: 'Alfa', B: 'Bravo', C: 'Charlie', D: 'Delta', E: 'Echo', F: 'Foxtrot', G: 'Golf', H: 'Hotel', I: 'India',
  J: 'Juliett', K: 'Kilo', L: 'Lima', M: 'Mike', N: 'November', O: 'Oscar', P: 'Papa', Q: 'Quebec', R: 'Romeo',
  S: 'Sierra', T: 'Tango', U: 'Uniform', V: 'Victor', W: 'Whiskey', X: 'X-ray', Y: 'Yankee', Z: 'Zulu',
};
const DIGITS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];

const STATES: Record<string, string> = {
  AL: 'Alabama', AK: 'Alaska', AZ: 'Arizona', AR: 'Arkansas', CA: 'California', CO: 'Colorado', CT: 'Connecticut',
  DE: 'Delaware', DC: 'District of Columbia', FL: 'Florida', GA: 'Georgia', HI: 'Hawaii', ID: 'Idaho', IL: 'Illinois',
  IN: 'Indiana', IA: 'Iowa', KS: 'Kansas', KY: 'Kentucky', LA: 'Louisiana', ME: 'Maine', MD: 'Maryland',
  MA: 'Massachusetts', MI: 'Michigan', MN: 'Minnesota', MS: 'Mississippi', MO: 'Missouri', MT: 'Montana',
  NE: 'Nebraska', NV: 'Nevada', NH: 'New Hampshire', NJ: 'New Jersey', NM: 'New Mexico', NY: 'New York',
  NC: 'North Carolina', ND: 'North Dakota', OH: 'Ohio', OK: 'Oklahoma', OR: 'Oregon', PA: 'Pennsylvania',
  RI: 'Rhode Island', SC: 'South Carolina', SD: 'South Dakota', TN: 'Tennessee', TX: 'Texas', UT: 'Utah',
  VT: 'Vermont', VA: 'Virginia', WA: 'Washington', WV: 'West Virginia', WI: 'Wisconsin', WY: 'Wyoming',
  PR: 'Puerto Rico', GU: 'Guam', VI: 'Virgin Islands', UNK: 'state unknown',
};

/** "k p-4 71" -> "Kilo Papa four seven one": case ignored, anything not a letter or digit skipped. */
export function spellPlate(plate: string): string {
  return [...plate.toUpperCase()]
    .map((c) => NATO[c] ?? (c >= '0' && c <= '9' ? DIGITS[Number(c)] : undefined))
    .filter((w): w is string => w !== undefined)
    .join(' ');
}

/** The state's name; an unknown code is spelled, so it is still heard as read. */
export function stateName(code: string): string {
  return STATES[code.toUpperCase()] ?? spellPlate(code);
}

const DIRECTIONS: Record<string, string> = { NB: 'northbound', SB: 'southbound', EB: 'eastbound', WB: 'westbound' };

/** Camera names as written on a map ("I-94 NB @ 35th St") said as a dispatcher says them. */
export function roadWords(camera: string): string {
  return camera
    .replace(/@/g, ' at ')
    .replace(/&/g, ' and ')
    .replace(/\b(NB|SB|EB|WB)\b/g, (d) => DIRECTIONS[d] ?? d)
    .replace(/[^\p{L}\p{N}\s.,'-]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export interface SpokenAlert {
  category: Category;
  plate?: string;
  state?: string;
  camera?: string;
}

export function alertPhrase(alert: SpokenAlert, locked: boolean): string {
  const category = `${SPOKEN_CATEGORY[alert.category]}.`;
  if (locked || !alert.plate) return `${category} Unlock to view.`;
  const parts = [category, `Plate ${spellPlate(alert.plate)}${alert.state ? `, ${stateName(alert.state)}` : ''}.`];
  const road = alert.camera ? roadWords(alert.camera) : '';
  if (road) parts.push(`Camera ${road}.`);
  return parts.join(' ');
}
