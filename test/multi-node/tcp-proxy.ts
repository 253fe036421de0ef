import { createConnection, createServer, type Server, type Socket } from 'node:net';

/**
 * A TCP proxy to 127.0.0.1:`targetPort` that a test can cut (every open connection destroyed,
 * new ones dropped at once) and restore, to take a database away from a server without
 * touching the database server itself.
 */
export class TcpProxy {
  private readonly sockets = new Set<Socket>();
  private cutOff = false;
  private server: Server | undefined;
  /** Connections accepted so far (to see that a client reconnected). */
  connections = 0;

  constructor(private readonly targetPort: number) {}

  /** Listens on a free port of 127.0.0.1 and returns it. */
  async start(): Promise<number> {
    const server = createServer((client) => this.accept(client));
    this.server = server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return (server.address() as { port: number }).port;
  }

  /** Destroys every connection through the proxy and drops new ones until `restore()`. */
  cut(): void {
    this.cutOff = true;
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
  }

  restore(): void {
    this.cutOff = false;
  }

  async close(): Promise<void> {
    this.cut();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private accept(client: Socket): void {
    if (this.cutOff) {
      client.destroy();
      return;
    }
    this.connections += 1;
    const upstream = createConnection({ host: '127.0.0.1', port: this.targetPort });
    for (const [a, b] of [
      [client, upstream],
      [upstream, client],
    ] as const) {
      this.sockets.add(a);
      a.pipe(b);
      a.on('error', () => b.destroy());
      a.on('close', () => {
        this.sockets.delete(a);
        b.destroy();
      });
    }
  }
}
