// Yjs's side of tests/bench/crdt-compare: the same measurements as
// crdt-bench, on the same trace, printed as name=value lines.
// Usage: node crdt-compare-yjs.mjs TRACE.json.gz RUNS
import * as Y from 'yjs'
import zlib from 'node:zlib'
import fs from 'node:fs'

const [trace, runsArg] = process.argv.slice(2)
const runs = Number(runsArg)
const data = JSON.parse(zlib.gunzipSync(fs.readFileSync(trace)))

// Trace positions are code points; Yjs counts UTF-16 units. Convert once,
// before timing, so both libraries do the same edits.
const toUnits = (s, cp) => {
  let i = 0
  for (; cp > 0 && i < s.length; cp--) i += s.codePointAt(i) > 0xffff ? 2 : 1
  return i
}
let text = ''
const txns = data.txns.map(tx => tx.patches.map(([pos, del, ins]) => {
  const at = toUnits(text, pos)
  const len = toUnits(text.slice(at), del)
  text = text.slice(0, at) + ins + text.slice(at + len)
  return [at, len, ins]
}))

const median = v => { v.sort((a, b) => a - b); const n = v.length; return n % 2 ? v[(n - 1) / 2] : (v[n / 2 - 1] + v[n / 2]) / 2 }
const replay = []
let snapshot = null
for (let r = 0; r < runs; r++) {
  const doc = new Y.Doc()
  doc.clientID = 1
  const t = doc.getText('code')
  const t0 = performance.now()
  for (const patches of txns) {
    doc.transact(() => {
      for (const [at, len, ins] of patches) {
        if (len) t.delete(at, len)
        if (ins) t.insert(at, ins)
      }
    })
  }
  replay.push(performance.now() - t0)
  if (t.toString() !== data.endContent) throw new Error('Yjs replay does not give endContent')
  if (!snapshot) snapshot = Y.encodeStateAsUpdate(doc)
  doc.destroy()
}
const load = []
for (let r = 0; r < runs; r++) {
  const doc = new Y.Doc()
  const t0 = performance.now()
  Y.applyUpdate(doc, snapshot)
  doc.getText('code').length
  load.push(performance.now() - t0)
  doc.destroy()
}
console.log(`replay_ms_yjs=${median(replay).toFixed(2)}`)
console.log(`snapshot_bytes_yjs=${snapshot.length}`)
console.log(`load_ms_yjs=${median(load).toFixed(2)}`)
