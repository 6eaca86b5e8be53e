/**
 * Socket.IO's packet encoding with one shortcut: an `alert` event's alert is serialised once, not
 * once per desk. Each desk's packet carries its own acknowledgement id, so Socket.IO encoded the
 * whole payload again for every one of the 2,000 desks an AMBER alert goes to (and looked through
 * it for binary data each time). The envelope (`{seq, alert}`) is marked where it is made
 * (`alertEnvelope`), and its alert's JSON is kept with the alert object (which the feed shares
 * between deliveries and never changes). The string is exactly what Socket.IO's own encoder makes
 * (test/unit/backend/alert-encoding.test.ts compares them); every other packet goes to it unchanged.
 */
import * as parser from 'socket.io-parser';

export interface AlertEnvelope {
  seq: number;
  alert: object;
}

const envelopes = new WeakSet<object>();
const alertJson = new WeakMap<object, string>();

/** The payload of an `alert` event, marked so its alert's JSON is made once for every desk. */
export function alertEnvelope(seq: number, alert: object): AlertEnvelope {
  const envelope = { seq, alert };
  envelopes.add(envelope);
  return envelope;
}

class AlertEncoder extends parser.Encoder {
  override encode(packet: parser.Packet): unknown[] {
    const data: unknown = packet.data;
    if (packet.type === parser.PacketType.EVENT && Array.isArray(data) && data.length === 2 && data[0] === 'alert' && envelopes.has(data[1] as object)) {
      const { seq, alert } = data[1] as AlertEnvelope;
      let json = alertJson.get(alert);
      if (json === undefined) alertJson.set(alert, (json = JSON.stringify(alert)));
      const nsp = packet.nsp && packet.nsp !== '/' ? `${packet.nsp},` : '';
      return [`${packet.type}${nsp}${packet.id ?? ''}["alert",{"seq":${JSON.stringify(seq)},"alert":${json}}]`];
    }
    return super.encode(packet) as unknown[];
  }
}

/** Socket.IO's `parser` option: its own parser with the encoder above. */
export const alertParser = { ...parser, Encoder: AlertEncoder };
