import net from 'node:net';

interface Pair {
  client: net.Socket;
  upstream: net.Socket | null;
}

/**
 * A TCP proxy in front of a server (PostgreSQL) that can be `cut()`: both directions stop
 * and nothing is closed, as when a network drops packets. Connections made while cut are
 * accepted and left unanswered. `restore()` lets everything flow again (what was held
 * arrives late, as retransmitted packets would).
 */
export class TcpProxy {
  private readonly pairs = new Set<Pair>();
  private server?: net.Server;
  private isCut = false;

  constructor(private readonly target: { host: string; port: number }) {}

  /** Proxies to the host and port of a postgres:// URL; `urlThrough()` gives the URL to use instead. */
  static forUrl(url: string): TcpProxy {
    const parsed = new URL(url);
    return new TcpProxy({ host: parsed.hostname, port: Number(parsed.port || 5432) });
  }

  async start(): Promise<this> {
    this.server = net.createServer((client) => this.accept(client));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return this;
  }

  get port(): number {
    return (this.server!.address() as net.AddressInfo).port;
  }

  /** `url` with its host and port replaced by the proxy's. */
  urlThrough(url: string): string {
    const parsed = new URL(url);
    parsed.hostname = '127.0.0.1';
    parsed.port = String(this.port);
    return parsed.toString();
  }

  get connections(): number {
    return this.pairs.size;
  }

  cut(): void {
    this.isCut = true;
    for (const pair of this.pairs) {
      pair.client.pause();
      pair.upstream?.pause();
    }
  }

  restore(): void {
    this.isCut = false;
    for (const pair of this.pairs) {
      if (!pair.upstream) this.connectUpstream(pair);
      pair.client.resume();
      pair.upstream?.resume();
    }
  }

  async stop(): Promise<void> {
    for (const pair of this.pairs) {
      pair.client.destroy();
      pair.upstream?.destroy();
    }
    this.pairs.clear();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private accept(client: net.Socket): void {
    const pair: Pair = { client, upstream: null };
    this.pairs.add(pair);
    const end = () => {
      this.pairs.delete(pair);
      client.destroy();
      pair.upstream?.destroy();
    };
    client.on('error', end);
    client.on('close', end);
    client.on('data', (chunk) => pair.upstream?.write(chunk));
    // While cut, a new connection gets no upstream (and its bytes stay unread) until restore().
    client.pause();
    if (!this.isCut) {
      this.connectUpstream(pair);
      client.resume();
    }
  }

  private connectUpstream(pair: Pair): void {
    const upstream = net.connect(this.target.port, this.target.host);
    pair.upstream = upstream;
    const end = () => {
      this.pairs.delete(pair);
      upstream.destroy();
      pair.client.destroy();
    };
    upstream.on('error', end);
    upstream.on('close', end);
    upstream.on('data', (chunk) => pair.client.write(chunk));
    if (this.isCut) upstream.pause();
  }
}
