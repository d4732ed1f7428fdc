import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port.js';

/**
 * A PostgreSQL server of the test's own, on a port of its own, in a temporary directory: the
 * test stops it (`pg_ctl stop -m fast`, as a failover or minor upgrade does) and starts it again
 * while gateways use it. The binaries come from the machine's PostgreSQL packages
 * (/usr/lib/postgresql/<version>/bin, or INTERLINGUA_TEST_PG_BIN). PostgreSQL refuses to run as
 * root, so as root it runs as the `postgres` user, which then owns the directory.
 */
export class PrivatePostgres {
  private constructor(
    private readonly bin: string,
    private readonly directory: string,
    readonly port: number,
    private readonly asUser: string | undefined,
  ) {}

  /** The database every test uses, trust authentication. */
  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  static async create(): Promise<PrivatePostgres> {
    const bin = postgresBin();
    const directory = mkdtempSync(join(tmpdir(), 'interlingua-pg-'));
    const asUser = userInfo().uid === 0 ? 'postgres' : undefined;
    if (asUser !== undefined) {
      const id = (flag: string) => Number(execFileSync('id', [flag, asUser], { encoding: 'utf8' }).trim());
      chownSync(directory, id('-u'), id('-g'));
      chmodSync(directory, 0o700);
    }
    const server = new PrivatePostgres(bin, directory, await freePort(), asUser);
    server.run('initdb', ['-D', server.dataDirectory, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8']);
    await server.start();
    return server;
  }

  private get dataDirectory(): string {
    return join(this.directory, 'data');
  }

  async start(): Promise<void> {
    // fsync off: the test's data need not survive a power cut, and the box is shared.
    const options = `-p ${this.port} -c listen_addresses=127.0.0.1 -k ${this.directory} -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
    this.run('pg_ctl', ['-D', this.dataDirectory, '-l', join(this.directory, 'log'), '-o', options, '-w', '-t', '60', 'start']);
  }

  /** Whether the server is up (its data directory holds a postmaster.pid). */
  get running(): boolean {
    return existsSync(join(this.dataDirectory, 'postmaster.pid'));
  }

  /** `pg_ctl stop -m fast`: connections get "terminating connection due to administrator command". */
  async stop(): Promise<void> {
    this.run('pg_ctl', ['-D', this.dataDirectory, '-m', 'fast', '-w', '-t', '60', 'stop']);
  }

  async destroy(): Promise<void> {
    if (existsSync(join(this.dataDirectory, 'postmaster.pid'))) this.run('pg_ctl', ['-D', this.dataDirectory, '-m', 'immediate', '-w', 'stop'], true);
    rmSync(this.directory, { recursive: true, force: true });
  }

  private run(command: string, args: string[], tolerant = false): void {
    const program = join(this.bin, command);
    const result = this.asUser === undefined ? spawnSync(program, args, { encoding: 'utf8' }) : spawnSync('runuser', ['-u', this.asUser, '--', program, ...args], { encoding: 'utf8' });
    if (result.status !== 0 && !tolerant) throw new Error(`${command} failed (${result.status}): ${result.stderr}${result.stdout}`);
  }
}

function postgresBin(): string {
  const configured = process.env['INTERLINGUA_TEST_PG_BIN'];
  if (configured !== undefined) return configured;
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).filter((name) => existsSync(join(root, name, 'bin', 'initdb'))) : [];
  const newest = versions.sort((a, b) => Number(b) - Number(a))[0];
  if (newest === undefined) throw new Error('No PostgreSQL binaries found under /usr/lib/postgresql; set INTERLINGUA_TEST_PG_BIN.');
  return join(root, newest, 'bin');
}
