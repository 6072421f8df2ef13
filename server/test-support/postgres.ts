import { execFileSync, spawnSync } from 'node:child_process'
import { chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'

export const PG_BIN = process.env.REELDESK_PG_BIN ?? '/usr/lib/postgresql/15/bin'

export function postgresAvailable(): boolean {
  return existsSync(path.join(PG_BIN, 'initdb')) && existsSync(path.join(PG_BIN, 'pg_ctl'))
}

export interface PostgresCluster {
  adminUrl: string
  stop(): void
}

let counter = 0

/** A URL of a fresh, empty database in the cluster. */
export async function createDatabase(adminUrl: string): Promise<string> {
  counter += 1
  const name = `reeldesk_${process.pid}_${Date.now()}_${counter}`
  const client = new pg.Client({ connectionString: adminUrl })
  await client.connect()
  try {
    await client.query(`CREATE DATABASE ${name}`)
  } finally {
    await client.end()
  }
  const url = new URL(adminUrl)
  url.pathname = `/${name}`
  return url.toString()
}

/** A new database holding a copy of `sourceUrl`'s (which nobody may be connected to). */
export async function copyDatabase(adminUrl: string, sourceUrl: string): Promise<string> {
  counter += 1
  const source = new URL(sourceUrl).pathname.slice(1)
  const name = `reeldesk_${process.pid}_${Date.now()}_${counter}_copy`
  const client = new pg.Client({ connectionString: adminUrl })
  await client.connect()
  try {
    await client.query(`CREATE DATABASE ${name} TEMPLATE ${source}`)
  } finally {
    await client.end()
  }
  const url = new URL(adminUrl)
  url.pathname = `/${name}`
  return url.toString()
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer()
    srv.once('error', reject)
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address()
      const port = typeof address === 'object' && address ? address.port : 0
      srv.close(() => resolve(port))
    })
  })
}

/**
 * A throwaway cluster in a temp folder, on 127.0.0.1 at a free port, socket in the same folder.
 * PostgreSQL refuses to run as root, so as root it runs as the `postgres` OS user.
 */
export async function startPostgresCluster(): Promise<PostgresCluster> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'reeldesk-pg-'))
  const asRoot = process.getuid?.() === 0
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim())
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim())
    chownSync(dir, uid, gid)
  }
  const run = (bin: string, args: string[]) => {
    const command = asRoot ? 'runuser' : path.join(PG_BIN, bin)
    const argv = asRoot ? ['-u', 'postgres', '--', path.join(PG_BIN, bin), ...args] : args
    const result = spawnSync(command, argv, { cwd: dir, encoding: 'utf8' })
    if (result.status !== 0) throw new Error(`${bin} failed: ${result.stderr || result.stdout}`)
  }
  const data = path.join(dir, 'data')
  run('initdb', [
    '-D',
    data,
    '-U',
    'postgres',
    '-A',
    'trust',
    '-E',
    'UTF8',
    '--no-sync',
    '--no-instructions',
  ])
  const port = await freePort()
  // fsync off: the cluster lives for one test run; crash safety under test is the server's job.
  const opts = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`
  run('pg_ctl', ['-D', data, '-o', opts, '-l', path.join(dir, 'log'), '-w', '-t', '30', 'start'])
  return {
    adminUrl: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop() {
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop'])
      } finally {
        rmSync(dir, { recursive: true, force: true })
      }
    },
  }
}
