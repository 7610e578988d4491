// The time shown under a message: the time of day for today's, date and time for older ones.
// Intl.DateTimeFormat is costly to build (it was a visible share of rendering a burst), so one
// formatter per locale and style is kept.

const formatters = new Map<string, Intl.DateTimeFormat>()

function formatter(locale: string, withDate: boolean): Intl.DateTimeFormat {
  const key = `${locale}|${withDate}`
  let found = formatters.get(key)
  if (!found) {
    found = new Intl.DateTimeFormat(locale, {
      ...(withDate ? { dateStyle: 'medium' } : {}),
      timeStyle: 'short',
    })
    formatters.set(key, found)
  }
  return found
}

export function messageTime(at: number, locale: string, now = Date.now()): string {
  const date = new Date(at)
  const today = date.toDateString() === new Date(now).toDateString()
  return formatter(locale, !today).format(date)
}
