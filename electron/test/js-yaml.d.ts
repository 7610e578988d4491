// js-yaml (a dependency of electron-builder) ships no types; the one call the tests make.
declare module 'js-yaml' {
  export function load(text: string): unknown
}
