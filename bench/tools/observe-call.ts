// In the page, on the page's own clock (Date.now: both pages share the machine's clock): when
// the call state first reads "Connected", when the first audio packet arrives; and the callee
// answers the moment the dialog shows, as the bare page's auto-accept does. The observer looks
// only at the nodes each mutation touched: a querySelector over the whole document per mutation
// batch is the harness's own work on the callee's main thread, which the bare page, answering in
// its own code, never does.
export const OBSERVE_CALL = `
  window.__reset = () => { window.__connectedAt = undefined; window.__firstPacketAt = undefined }
  const pollPacket = () => {
    if (!('__pcs' in window)) return // no recordPeerConnections: no packets to wait for
    const pcs = (window.__pcs || []).filter((pc) => pc.connectionState !== 'closed')
    const pc = pcs[pcs.length - 1]
    if (!pc) return setTimeout(pollPacket, 5)
    pc.getStats().then((report) => {
      let got = false
      report.forEach((r) => { if (r.type === 'inbound-rtp' && r.kind === 'audio' && r.packetsReceived > 0) got = true })
      if (got) window.__firstPacketAt = Date.now()
      else setTimeout(pollPacket, 5)
    })
  }
  const STATE = '[role=status][aria-label="Call state"]'
  const within = (el, selector) => (el.matches(selector) ? el : el.querySelector(selector))
  const answerIn = (el) => {
    const dialog = within(el, '[role=alertdialog]')
    const answer = dialog && [...dialog.querySelectorAll('button')].find((b) => b.textContent.trim() === 'Answer')
    if (answer && !answer.dataset.clicked) {
      answer.dataset.clicked = '1'
      answer.click()
    }
  }
  const connected = (state) => {
    if (state && state.textContent.trim() === 'Connected' && window.__connectedAt === undefined) {
      window.__connectedAt = Date.now()
      window.__onConnected?.()
      pollPacket()
    }
  }
  new MutationObserver((records) => {
    for (const record of records) {
      const target = record.target.nodeType === Node.ELEMENT_NODE ? record.target : record.target.parentElement
      if (target) connected(target.closest(STATE))
      for (const node of record.addedNodes) {
        if (node.nodeType !== Node.ELEMENT_NODE) continue
        answerIn(node)
        connected(within(node, STATE))
      }
    }
  }).observe(document, { subtree: true, childList: true, characterData: true })
`
