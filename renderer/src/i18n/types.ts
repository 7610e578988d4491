import type { MessageSchema } from './en'

/** The shape of English with any text: what every other language must provide, key for key. */
export type Translation<T = MessageSchema> = {
  readonly [K in keyof T]: T[K] extends string ? string : Translation<T[K]>
}
