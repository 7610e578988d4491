import { inject, type InjectionKey } from 'vue'
import type { Platform } from '@/platform/types'

export const platformKey: InjectionKey<Platform> = Symbol('platform')

/** The platform bridge (desktop or browser) the app was started with. */
export function usePlatform(): Platform {
  const platform = inject(platformKey)
  if (!platform) throw new Error('No platform provided: main.ts provides it before mounting')
  return platform
}
