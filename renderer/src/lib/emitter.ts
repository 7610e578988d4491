// A tiny typed event emitter. A listener that throws is reported, never allowed to break the engine
// or the listeners after it.

type Listener<T> = (value: T) => void

export class TypedEmitter<Events extends object> {
  private readonly listeners = new Map<keyof Events, Set<Listener<never>>>()

  constructor(private readonly onListenerError: (error: unknown) => void) {}

  on<K extends keyof Events>(event: K, listener: Listener<Events[K]>): () => void {
    let set = this.listeners.get(event)
    if (!set) {
      set = new Set()
      this.listeners.set(event, set)
    }
    set.add(listener as Listener<never>)
    return () => {
      set.delete(listener as Listener<never>)
    }
  }

  emit<K extends keyof Events>(event: K, value: Events[K]): void {
    const set = this.listeners.get(event)
    if (!set) return
    for (const listener of [...set]) {
      try {
        ;(listener as Listener<Events[K]>)(value)
      } catch (error) {
        this.onListenerError(error)
      }
    }
  }

  clear(): void {
    this.listeners.clear()
  }
}
