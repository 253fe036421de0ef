import { connect } from 'node:net';

/**
 * Sends raw bytes (one or more requests, pipelined) on one connection to 127.0.0.1:`port` and
 * answers everything the server sent back, as latin1, once it closed the connection or went quiet
 * for `quietMs` after its last bytes (`firstMs` before any). For tests that must see the wire:
 * heads byte for byte, keep-alive, a server closing.
 */
export async function rawExchange(port: number, requests: string, { firstMs = 1500, quietMs = 300 } = {}): Promise<string> {
  const socket = connect(port, '127.0.0.1');
  const chunks: Buffer[] = [];
  socket.on('data', (c: Buffer) => chunks.push(c));
  socket.write(requests);
  await new Promise<void>((resolve) => {
    let quiet = setTimeout(() => socket.end(), firstMs);
    socket.on('data', () => {
      clearTimeout(quiet);
      quiet = setTimeout(() => socket.end(), quietMs);
    });
    socket.on('close', () => {
      clearTimeout(quiet);
      resolve();
    });
  });
  return Buffer.concat(chunks).toString('latin1');
}
