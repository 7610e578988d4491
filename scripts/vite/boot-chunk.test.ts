import { describe, expect, it } from 'vitest'
import {
  APP_CHUNK,
  BOOT_CHUNK,
  EARLY_CHUNK,
  appPreloadTags,
  withEarlyScript,
  firstLoadGroups,
  staticallyReachable,
} from './boot-chunk'

// main → engine → sip.js; main ⇢ app (dynamic, not listed); app → vue, engine; lazy → vue, dexie
const graph: Record<string, string[]> = {
  main: ['engine'],
  engine: ['sipjs'],
  sipjs: [],
  app: ['vue', 'engine', 'store'],
  store: ['vue'],
  vue: [],
  lazy: ['vue', 'dexie'],
  dexie: [],
}
const importsOf = (id: string): string[] => graph[id] ?? []

describe('boot chunk', () => {
  it('follows static imports only, through cycles', () => {
    expect([...staticallyReachable(['main'], importsOf)].sort()).toEqual([
      'engine',
      'main',
      'sipjs',
    ])
    const cyclic = (id: string): string[] => (id === 'a' ? ['b'] : id === 'b' ? ['a'] : [])
    expect([...staticallyReachable(['a'], cyclic)].sort()).toEqual(['a', 'b'])
  })

  it('puts the engine in boot, the UI in app, and leaves lazy-only modules alone', () => {
    const groupOf = firstLoadGroups(['main'], 'app', importsOf)
    expect(['main', 'engine', 'sipjs'].map(groupOf)).toEqual([BOOT_CHUNK, BOOT_CHUNK, BOOT_CHUNK])
    // Shared with boot: stays in boot, so the app chunk never repeats or re-fetches it.
    expect(['app', 'store', 'vue'].map(groupOf)).toEqual([APP_CHUNK, APP_CHUNK, APP_CHUNK])
    expect(['lazy', 'dexie'].map(groupOf)).toEqual([null, null])
  })

  it('keeps the early entry and its imports apart, shared by boot rather than copied', () => {
    const withEarly: Record<string, string[]> = {
      ...graph,
      early: ['pool', 'read'],
      pool: [],
      read: [],
      engine: ['sipjs', 'pool', 'read'],
    }
    const groupOf = firstLoadGroups(['main', 'early'], 'app', (id) => withEarly[id] ?? [], 'early')
    expect(['early', 'pool', 'read'].map(groupOf)).toEqual([EARLY_CHUNK, EARLY_CHUNK, EARLY_CHUNK])
    expect(['main', 'engine', 'sipjs'].map(groupOf)).toEqual([BOOT_CHUNK, BOOT_CHUNK, BOOT_CHUNK])
    expect(['app', 'store'].map(groupOf)).toEqual([APP_CHUNK, APP_CHUNK])
  })

  it('preloads the app chunk, its helpers and its CSS, never the entry again', () => {
    const bundle = {
      'assets/index-1.js': {
        type: 'chunk',
        name: 'index',
        fileName: 'assets/index-1.js',
        isEntry: true,
        imports: [],
      },
      'assets/app-2.js': {
        type: 'chunk',
        name: APP_CHUNK,
        fileName: 'assets/app-2.js',
        isEntry: false,
        imports: ['assets/runtime-3.js', 'assets/index-1.js'],
        viteMetadata: { importedCss: new Set(['assets/app-4.css']) },
      },
      'assets/app-4.css': { type: 'asset' },
    }
    const tags = appPreloadTags(bundle, './')
    expect(tags.map((t) => [t.attrs!.rel, t.attrs!.href])).toEqual([
      ['modulepreload', './assets/runtime-3.js'],
      ['modulepreload', './assets/app-2.js'],
      ['stylesheet', './assets/app-4.css'],
    ])
    expect(appPreloadTags({ 'assets/index-1.js': bundle['assets/index-1.js'] }, './')).toEqual([])
  })

  it('puts the early entry before the main one, async (it needs no DOM and waits for no style)', () => {
    const html =
      '<head>\n    <meta http-equiv="Content-Security-Policy" content="x" />\n' +
      '    <script type="module" crossorigin src="./assets/index-1.js"></script>\n</head>'
    const bundle = {
      'assets/early-9.js': {
        type: 'chunk',
        name: EARLY_CHUNK,
        fileName: 'assets/early-9.js',
        isEntry: true,
        imports: [],
      },
    }
    const out = withEarlyScript(html, bundle, './')
    const early = out.indexOf('<script type="module" async crossorigin src="./assets/early-9.js">')
    expect(early).toBeGreaterThan(out.indexOf('Content-Security-Policy'))
    expect(early).toBeLessThan(out.indexOf('index-1.js'))
    expect(withEarlyScript(html, {}, './')).toBe(html)
  })
})
