import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { useNoticesStore } from './notices'

beforeEach(() => {
  setActivePinia(createPinia())
  vi.useFakeTimers()
})
afterEach(() => vi.useRealTimers())

describe('notices store', () => {
  it('shows a notice once however often it is raised, until dismissed', () => {
    const notices = useNoticesStore()
    notices.show('notice.micBlocked')
    notices.show('notice.micBlocked', { device: 'other' })
    notices.show('notice.offline')
    expect(notices.notices.map((n) => n.message)).toEqual(['notice.micBlocked', 'notice.offline'])

    notices.dismiss(notices.notices[0]!.id)
    expect(notices.notices.map((n) => n.message)).toEqual(['notice.offline'])
    notices.show('notice.micBlocked')
    expect(notices.notices).toHaveLength(2)
  })

  it('a short notice goes by itself; a kept one stays', () => {
    const notices = useNoticesStore()
    notices.show('notice.copied', {}, { durationMs: 3000 })
    notices.show('notice.kept')
    vi.advanceTimersByTime(2999)
    expect(notices.notices).toHaveLength(2)
    vi.advanceTimersByTime(1)
    expect(notices.notices.map((n) => n.message)).toEqual(['notice.kept'])
    vi.advanceTimersByTime(60_000)
    expect(notices.notices).toHaveLength(1)
  })
})
