// vue-i18n's runtime-only build (the one the app ships): the same API as the full build.
declare module 'vue-i18n/dist/vue-i18n.runtime.mjs' {
  export * from 'vue-i18n'
}
