import { spawn, spawnSync, ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, waitFor } from '../support/service-process';

// docker/nginx.conf itself, run by a real nginx in front of three stand-in replicas: the
// replicas compose cannot run here (no image registry), but its proxy's rules can.
const CONF = join(__dirname, '..', '..', 'docker', 'nginx.conf');

interface Replica {
  name: string;
  port: number;
  server: Server;
  /** What each request's handler does; a test swaps it. */
  behave: (path: string) => 'ok' | 'unavailable' | 'die';
  seen: string[];
}

const nginxPresent = spawnSync('nginx', ['-v']).status === 0;
if (!nginxPresent && process.env.CI === 'true') {
  throw new Error('nginx is not installed: .ci/run installs it from Debian packages');
}
const describeWithNginx = nginxPresent ? describe : describe.skip;
if (!nginxPresent) console.warn('⚠️  nginx is not installed: the nginx proxy spec is SKIPPED.');

describeWithNginx('docker/nginx.conf in front of three replicas', () => {
  let dir: string;
  let nginx: ChildProcess;
  let url: string;
  const replicas: Replica[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'repair-dispatch-nginx-'));
    mkdirSync(join(dir, 'logs'));
    for (const name of ['bot1', 'bot2', 'bot3']) replicas.push(await startReplica(name));
    const port = await freePort();
    writeFileSync(join(dir, 'nginx.conf'), localConf(port, replicas, dir));
    nginx = spawn(
      'nginx',
      ['-p', dir, '-c', join(dir, 'nginx.conf'), '-g', `daemon off; pid ${dir}/nginx.pid;`],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    url = `http://127.0.0.1:${port}`;
    await waitFor(async () => ((await fetch(`${url}/nope`)).status === 404 ? true : undefined));
  });

  afterAll(async () => {
    nginx?.kill('SIGTERM');
    await Promise.all(replicas.map((r) => new Promise((done) => r.server.close(done))));
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  beforeEach(() => {
    for (const replica of replicas) {
      replica.behave = () => 'ok';
      replica.seen = [];
    }
  });

  const postUpdate = (id: number) =>
    fetch(`${url}/telegram/webhook`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-telegram-bot-api-secret-token': 'secret',
      },
      body: JSON.stringify({ update_id: id }),
    });

  it('spreads webhook POSTs over every replica, body and secret header intact', async () => {
    const answers = await Promise.all(Array.from({ length: 30 }, (_, i) => postUpdate(i + 1)));
    expect(answers.map((a) => a.status)).toEqual(Array(30).fill(200));
    const received = replicas.flatMap((r) => r.seen).sort((a, b) => a.localeCompare(b));
    expect(received).toHaveLength(30);
    expect(new Set(received).size).toBe(30);
    expect(received.every((line) => line.includes('secret=secret'))).toBe(true);
    for (const replica of replicas) expect(replica.seen.length).toBeGreaterThanOrEqual(5);
  });

  it('answers 502 when a replica dies holding an update, so Telegram delivers it again', async () => {
    replicas[1].behave = () => 'die';
    const answers = await Promise.all(Array.from({ length: 6 }, (_, i) => postUpdate(100 + i)));
    const statuses = answers.map((a) => a.status);
    // The cut POST is not replayed on another replica by nginx: Telegram's re-delivery does it.
    expect(statuses.filter((s) => s === 502).length).toBe(replicas[1].seen.length);
    expect(statuses.filter((s) => s === 200).length).toBe(
      replicas[0].seen.length + replicas[2].seen.length,
    );
    expect(replicas[1].seen.length).toBeGreaterThan(0);
  });

  it('routes /health past a replica that answers 503', async () => {
    replicas[0].behave = () => 'unavailable';
    const answers = await Promise.all(Array.from({ length: 9 }, () => fetch(`${url}/health`)));
    expect(answers.map((a) => a.status)).toEqual(Array(9).fill(200));
  });

  it('exposes nothing else', async () => {
    expect((await fetch(`${url}/`)).status).toBe(404);
    expect((await fetch(`${url}/metrics`)).status).toBe(404);
    expect(replicas.flatMap((r) => r.seen)).toEqual([]);
  });
});

/** The shipped config with the compose service names and ports replaced by local ones. */
function localConf(port: number, replicas: Replica[], dir: string): string {
  let conf = readFileSync(CONF, 'utf8');
  for (const replica of replicas) {
    conf = conf.replace(`${replica.name}:3000`, `127.0.0.1:${replica.port}`);
  }
  conf = conf.replace(/listen 8080;/, `listen 127.0.0.1:${port};`);
  // Temp files and logs inside the spec's own directory, so it runs as any user.
  const local = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']
    .map((kind) => `  ${kind}_temp_path ${dir}/${kind};`)
    .join('\n');
  return conf.replace(
    'http {',
    `error_log ${dir}/logs/error.log;\nhttp {\n  access_log off;\n${local}`,
  );
}

async function startReplica(name: string): Promise<Replica> {
  const replica = { name, seen: [], behave: () => 'ok' } as unknown as Replica;
  replica.server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const secret = req.headers['x-telegram-bot-api-secret-token'];
      if (req.url !== '/health') replica.seen.push(`${name} ${body} secret=${String(secret)}`);
      const behaviour = replica.behave(req.url ?? '');
      if (behaviour === 'die') return req.socket.destroy();
      res.writeHead(behaviour === 'ok' ? 200 : 503, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ replica: name }));
    });
  });
  replica.port = await freePort();
  await new Promise<void>((done) => replica.server.listen(replica.port, '127.0.0.1', done));
  return replica;
}
