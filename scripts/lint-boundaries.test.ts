import { ESLint } from 'eslint'
import { describe, expect, it } from 'vitest'

// The process boundaries are enforced by eslint.config.js; these cases prove the rules bite.
const eslint = new ESLint({ cwd: process.cwd() })

async function boundaryErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath })
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === 'no-restricted-imports')
    .map((m) => m.message)
}

describe('process boundaries', () => {
  it.each([
    [
      'renderer importing electron',
      'renderer/features/x.ts',
      "import { ipcRenderer } from 'electron'\nvoid ipcRenderer\n",
    ],
    ['renderer importing a Node built-in', 'renderer/x.ts', "import fs from 'node:fs'\nvoid fs\n"],
    ['renderer importing fs without prefix', 'renderer/x.tsx', "import fs from 'fs'\nvoid fs\n"],
    [
      'renderer reaching into main',
      'renderer/x.ts',
      "import { x } from '../main/window'\nvoid x\n",
    ],
    [
      'renderer reaching into the server',
      'renderer/app/x.ts',
      "import { x } from '../../server/config'\nvoid x\n",
    ],
    [
      'shared doing file I/O',
      'shared/x.ts',
      "import { readFile } from 'node:fs/promises'\nvoid readFile\n",
    ],
    [
      'shared opening a database',
      'shared/x.ts',
      "import Database from 'better-sqlite3'\nvoid Database\n",
    ],
    ['shared importing electron', 'shared/x.ts', "import { app } from 'electron'\nvoid app\n"],
    [
      'main importing the renderer',
      'main/x.ts',
      "import { App } from '../renderer/app/App'\nvoid App\n",
    ],
    ['preload importing Node', 'preload/x.ts', "import fs from 'node:fs'\nvoid fs\n"],
    ['server importing electron', 'server/x.ts', "import { app } from 'electron'\nvoid app\n"],
  ])('refuses %s', async (_label, filePath, code) => {
    expect((await boundaryErrors(filePath, code)).length).toBeGreaterThan(0)
  })

  it.each([
    [
      'renderer importing shared',
      'renderer/x.ts',
      "import { isAppUrl } from '../shared/app-origin'\nvoid isAppUrl\n",
    ],
    [
      'main importing electron and Node',
      'main/x.ts',
      "import { app } from 'electron'\nimport fs from 'node:fs'\nvoid app\nvoid fs\n",
    ],
    ['server importing Node', 'server/x.ts', "import http from 'node:http'\nvoid http\n"],
  ])('allows %s', async (_label, filePath, code) => {
    expect(await boundaryErrors(filePath, code)).toEqual([])
  })
})
