import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

// Keeps the direction of dependencies described in docs/architecture.md true: each part of the
// code may import only the parts listed for it, and no two parts import each other.

const root = path.resolve(import.meta.dirname, '..')

/** The part of the code a file belongs to: a feature folder, a root module of src/, db/…, or views. */
function partOf(file: string): string {
  const [top, second] = path.relative(root, file).split(path.sep)
  if (top === 'views') return 'views'
  if (top === 'db') return `db/${second?.replace(/\.(tsx?|m?js)$/, '')}`
  if (top === 'src' && second) return `src/${second.replace(/\.(tsx?|m?js)$/, '')}`
  return top ?? file
}

const base = ['src/libtv', 'src/screenplay', 'src/formats', 'db/states', 'src/hashing', 'src/paths', 'src/i18n']
const store = [...base, 'src/config', 'db/schema', 'src/db', 'src/storage']
const plumbing = [...store, 'src/http', 'views']

/** Lowest first. A part not listed here fails the test until someone places it. */
const allowed: Record<string, string[]> = {
  'src/libtv': [],
  'src/screenplay': ['db/states', 'src/i18n', 'src/formats'],
  // Platform presets: a table of data (shapes, lengths, safe zones) that briefs, the form and the stitch read.
  'src/formats': ['db/states', 'src/i18n'],
  'db/states': [],
  'src/hashing': [],
  'src/paths': [],
  // Catalogs, negotiation and the translator: pure, so pages and every feature may use them.
  'src/i18n': [],
  'src/config': ['src/libtv', 'src/hashing'],
  'db/schema': ['db/states'],
  'db/migrations': [],
  'src/db': ['db/schema', 'src/paths'],
  'src/storage': [],
  // Composing, rendering and mixing music: the tones it plays and the brief's stored choices.
  'src/music': ['src/screenplay', 'db/states'],
  'src/http': [...store, 'views'],
  'src/webhooks': plumbing,
  'src/mail': plumbing,
  'src/accounts': [...plumbing, 'src/webhooks', 'src/mail'],
  // A person's own music: the pages, the gate and the service (src/music mixes it).
  'src/tracks': [...plumbing, 'src/accounts', 'src/music'],
  // The brief form shows the brand kit's colours as the default for a brief's own.
  'src/briefs': [...plumbing, 'src/accounts', 'src/tracks', 'src/brand'],
  // The brand kit: its settings, its logo (the upload gate), the snapshot a render takes.
  'src/brand': [...plumbing, 'src/accounts'],
  'src/render': [...plumbing, 'src/accounts', 'src/briefs', 'src/webhooks', 'src/mail', 'src/music', 'src/brand'],
  // "Make 3 variants": several renders of one brief, planned with the screenplay engine and the built-in tracks.
  'src/variants': [...plumbing, 'src/accounts', 'src/briefs', 'src/render', 'src/music'],
  'src/api': [
    ...plumbing,
    'src/accounts',
    'src/briefs',
    'src/render',
    'src/webhooks',
    'src/mail',
    'src/variants',
    'src/brand',
    'src/tracks',
  ],
  'src/legal': plumbing,
  'src/home': [...plumbing, 'src/accounts', 'src/briefs', 'src/render'],
  'src/ops': [...plumbing, 'src/accounts'],
  'src/deps': ['*'],
  'src/app': ['*'],
  'src/main': ['*'],
  'src/cli': ['*'],
  // Pages get plain data through their props; they may use the pure screenplay vocabulary,
  // the stored state names and the translator they are handed, never a service or a database row.
  views: ['src/screenplay', 'src/formats', 'db/states', 'src/i18n'],
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) return sourceFiles(full)
    return /\.(ts|tsx|mjs)$/.test(entry.name) ? [full] : []
  })
}

type Edge = { from: string; to: string; file: string; specifier: string }

function importsOf(file: string): Edge[] {
  const text = fs.readFileSync(file, 'utf8')
  const edges: Edge[] = []
  for (const match of text.matchAll(/(?:\bfrom|\bimport)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g)) {
    const specifier = match[1]!
    const target = path.resolve(path.dirname(file), specifier)
    edges.push({ from: partOf(file), to: partOf(target), file: path.relative(root, file), specifier })
  }
  return edges
}

const edges = ['src', 'views', 'db'].flatMap((dir) => sourceFiles(path.join(root, dir))).flatMap(importsOf)
const between = edges.filter((e) => e.from !== e.to)

describe('the direction of dependencies (docs/architecture.md)', () => {
  it('reads the imports of every source file (the check itself works)', () => {
    expect(edges.length).toBeGreaterThan(200)
    expect(between).toContainEqual(expect.objectContaining({ from: 'src/render', to: 'src/briefs' }))
  })

  it('places every part of the code in a layer', () => {
    const unplaced = [...new Set(edges.flatMap((e) => [e.from, e.to]))].filter((part) => !(part in allowed))
    expect(unplaced).toEqual([])
  })

  it('imports only from the parts each part may use', () => {
    const wrong = between
      .filter((e) => !allowed[e.from]?.includes('*') && !allowed[e.from]?.includes(e.to))
      .map((e) => `${e.file} imports ${e.specifier} (${e.from} → ${e.to})`)
    expect(wrong).toEqual([])
  })

  it('has no two parts that import each other, directly or round a loop', () => {
    const graph = new Map<string, Set<string>>()
    for (const e of between) graph.set(e.from, (graph.get(e.from) ?? new Set()).add(e.to))
    const loops: string[] = []
    const visit = (part: string, trail: string[]) => {
      if (trail.includes(part)) {
        loops.push([...trail.slice(trail.indexOf(part)), part].join(' → '))
        return
      }
      for (const next of graph.get(part) ?? []) visit(next, [...trail, part])
    }
    for (const part of graph.keys()) visit(part, [])
    expect(loops).toEqual([])
  })
})
