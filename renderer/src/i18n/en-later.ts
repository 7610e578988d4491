// English for the views that load after start-up (see en-split.ts); built to its precompiled result.
import { en } from './en'
import { splitMessages } from './en-split'

export const enLater = splitMessages(en).later
