// English the first bundle holds (see en-split.ts); built to its precompiled result.
import { en } from './en'
import { splitMessages } from './en-split'

export const enCore = splitMessages(en).core
