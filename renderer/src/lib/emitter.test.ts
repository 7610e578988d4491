import { describe, it, expect, vi } from 'vitest'
import { TypedEmitter } from './emitter'

describe('TypedEmitter', () => {
  it('delivers to listeners until they unsubscribe', () => {
    const emitter = new TypedEmitter<{ n: number }>(() => {})
    const listener = vi.fn()
    const off = emitter.on('n', listener)
    emitter.emit('n', 1)
    off()
    emitter.emit('n', 2)
    expect(listener.mock.calls).toEqual([[1]])
  })

  it('reports a throwing listener and still calls the rest', () => {
    const onError = vi.fn()
    const emitter = new TypedEmitter<{ n: number }>(onError)
    const after = vi.fn()
    emitter.on('n', () => {
      throw new Error('ui bug')
    })
    emitter.on('n', after)
    emitter.emit('n', 1)
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ message: 'ui bug' }))
    expect(after).toHaveBeenCalledWith(1)
  })
})
