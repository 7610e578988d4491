// What the profiling diagnostics share: a build of the renderer with hidden source maps, and a
// tally of CPU profiles (CDP Profiler) by source file or package and by function, cut between
// two marker functions the page runs (the profiler's clock is not the page's).
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { originalPositionFor, TraceMap } from '@jridgewell/trace-mapping'

interface ProfileNode {
  id: number
  children?: number[]
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number }
}
export interface Profile {
  nodes: ProfileNode[]
  samples: number[]
  timeDeltas: number[]
}

/** A page script defining `name()`: spins for 2 ms so that at least one sample lands in it. */
export const markerFunction = (name: string): string =>
  `function ${name}() { const t = performance.now(); while (performance.now() - t < 2) {} }`

/** Builds the renderer with hidden source maps into a temporary folder (removed by dispose). */
export function buildWithMaps(): { dir: string; dispose(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'switchboard-profile-'))
  const built = spawnSync('npx', ['electron-vite', 'build', '--logLevel', 'warn'], {
    stdio: 'inherit',
    env: { ...process.env, SWITCHBOARD_RENDERER_OUT: dir, SWITCHBOARD_SOURCEMAP: 'hidden' },
  })
  if (built.status !== 0) throw new Error('electron-vite build failed')
  return { dir, dispose: () => rmSync(dir, { recursive: true, force: true }) }
}

export class ProfileTally {
  private readonly maps = new Map<string, TraceMap | null>()
  private readonly byFile = new Map<string, number>()
  private readonly byFunction = new Map<string, number>()
  private readonly callers = new Map<string, number>()
  private total = 0
  private runs = 0
  /** Each profile's own length (the wall time between its cuts), ms. */
  private readonly spans: number[] = []
  /** TIMELINE=1: the first profile added, as 2-ms slices with what ran most in each. */
  private timeline: string[] | null = process.env.TIMELINE ? [] : null

  /**
   * `assetsDir`: the build's assets (for the maps); `who`: function names whose callers to list
   * (e.g. appendChild, peg$parseRule).
   */
  constructor(
    private readonly assetsDir: string,
    private readonly who: readonly string[] = [],
  ) {}

  /**
   * Adds the samples after `from`'s first sample (or the start) and before `to`'s first (or
   * the end).
   */
  add(profile: Profile, to?: string, from?: string): void {
    const nodes = new Map(profile.nodes.map((n) => [n.id, n]))
    const parent = new Map<number, number>()
    for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id)
    const first = (name: string): number =>
      profile.samples.findIndex((id) => nodes.get(id)!.callFrame.functionName === name)
    const start = from === undefined ? 0 : first(from)
    const end = to === undefined ? profile.samples.length : first(to)
    if (start < 0 || end < 0) return
    this.runs += 1
    const slices = this.timeline?.length === 0 ? new Map<number, Map<string, number>>() : null
    let at = 0
    for (let i = start; i < end; i++) {
      const node = nodes.get(profile.samples[i]!)!
      const ms = (profile.timeDeltas[i + 1] ?? 0) / 1000
      at += ms
      const name = node.callFrame.functionName
      if (name === '(idle)' || name === '(program)' || (from && name === from)) continue
      const [where, fn] = this.place(node.callFrame)
      this.total += ms
      this.bump(this.byFile, where, ms)
      this.bump(this.byFunction, `${where} ${fn}`, ms)
      if (slices) {
        const slice = slices.get(Math.floor(at / 2)) ?? new Map<string, number>()
        slices.set(Math.floor(at / 2), slice)
        this.bump(slice, this.ownFrame(node, nodes, parent), ms)
      }
      if (this.who.includes(name) || this.who.includes(fn.split(':')[0]!)) {
        const chain: string[] = []
        for (let id = parent.get(node.id); id !== undefined && chain.length < 6;) {
          const frame = nodes.get(id)!.callFrame
          if (frame.url) chain.push(this.place(frame).join(' '))
          id = parent.get(id)
        }
        this.bump(this.callers, `${fn || name} ⇐ ${chain.join(' ⇐ ')}`, ms)
      }
    }
    this.spans.push(at)
    if (slices && this.timeline) {
      for (const [slice, counts] of [...slices].sort((a, b) => a[0] - b[0])) {
        const busy = [...counts.values()].reduce((a, b) => a + b, 0)
        const [top] = [...counts].sort((a, b) => b[1] - a[1])
        this.timeline.push(
          `${String(slice * 2).padStart(5)} ms  busy ${busy.toFixed(1)}  ${top?.[0] ?? ''}`,
        )
      }
    }
  }

  /** The innermost frame of own code (not a package) on a sample's stack, or its own frame. */
  private ownFrame(
    node: ProfileNode,
    nodes: Map<number, ProfileNode>,
    parent: Map<number, number>,
  ): string {
    for (let id: number | undefined = node.id; id !== undefined; id = parent.get(id)) {
      const frame = nodes.get(id)!.callFrame
      if (!frame.url) continue
      const [where, fn] = this.place(frame)
      if (where.endsWith('.ts') || where.endsWith('.vue')) return `${where} ${fn}`
    }
    return this.place(node.callFrame).join(' ')
  }

  print(what: string): void {
    const runs = Math.max(1, this.runs)
    const top = (m: Map<string, number>, n: number): string =>
      [...m]
        .sort((a, b) => b[1] - a[1])
        .slice(0, n)
        .map(([k, v]) => `${(v / runs).toFixed(1).padStart(7)} ms  ${k}`)
        .join('\n')
    console.log(
      `main-thread CPU ${what} (mean of ${this.runs}): ${(this.total / runs).toFixed(1)} ms`,
    )
    console.log(`wall time of each: ${this.spans.map((ms) => ms.toFixed(0)).join(', ')} ms`)
    console.log(`\nby file or package\n${top(this.byFile, 30)}`)
    console.log(`\nby function\n${top(this.byFunction, 40)}`)
    if (this.who.length > 0) console.log(`\ncallers\n${top(this.callers, 25)}`)
    if (this.timeline) console.log(`\ntimeline of the first\n${this.timeline.join('\n')}`)
  }

  private bump(map: Map<string, number>, key: string, ms: number): void {
    map.set(key, (map.get(key) ?? 0) + ms)
  }

  private mapOf(url: string): TraceMap | null {
    const file = url.split('/').pop() ?? ''
    if (!this.maps.has(file)) {
      try {
        const text = readFileSync(join(this.assetsDir, `${file}.map`), 'utf8')
        this.maps.set(file, new TraceMap(text))
      } catch {
        this.maps.set(file, null)
      }
    }
    return this.maps.get(file)!
  }

  /** "package" or "own/file.ts", and the function, for one frame. */
  private place(frame: ProfileNode['callFrame']): [string, string] {
    if (!frame.url) return [frame.functionName || '(native)', '']
    const map = this.mapOf(frame.url)
    if (!map || frame.lineNumber < 0) {
      return [frame.url.split('/').pop() ?? frame.url, frame.functionName]
    }
    const at = originalPositionFor(map, { line: frame.lineNumber + 1, column: frame.columnNumber })
    const source = at.source ?? '?'
    const nm = source.lastIndexOf('node_modules/')
    const pkg = source.slice(nm + 'node_modules/'.length).split('/')
    const where =
      nm >= 0
        ? pkg.slice(0, pkg[0]!.startsWith('@') ? 2 : 1).join('/')
        : source.replace(/^.*renderer\/src\//, '').replace(/^.*\/shared\//, 'shared/')
    return [where, `${at.name ?? frame.functionName}:${at.line ?? '?'}`]
  }
}
