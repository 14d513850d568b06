/**
 * A load balancer in front of several bot replicas, as Slack HTTP mode is deployed: one address,
 * each request passed to the next replica in turn, unchanged (the signature must still match).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export class RoundRobin {
  private next = 0;
  /** Requests passed to each backend, by port. */
  readonly served = new Map<number, number>();

  private constructor(
    private readonly server: http.Server,
    private readonly backends: number[],
  ) {}

  static async start(backends: number[]): Promise<RoundRobin> {
    const server = http.createServer();
    const lb = new RoundRobin(server, backends);
    server.on('request', (req, res) => lb.forward(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return lb;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  private forward(req: http.IncomingMessage, res: http.ServerResponse): void {
    const port = this.backends[this.next++ % this.backends.length]!;
    this.served.set(port, (this.served.get(port) ?? 0) + 1);
    const upstream = http.request({ host: '127.0.0.1', port, method: req.method, path: req.url, headers: req.headers }, (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    });
    upstream.on('error', () => {
      res.writeHead(502);
      res.end();
    });
    req.pipe(upstream);
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
