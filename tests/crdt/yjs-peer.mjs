// yjs-peer: real Yjs documents driven by the crdt-interop tests.
//
// Reads one JSON request per line on stdin and writes one JSON answer per
// line on stdout. Binary data travels as base64. Every peer is a Y.Doc with
// a text "code", a map "meta" and an array "chat"; the updates it emits are
// kept until the test takes them.
import * as Y from 'yjs'
import * as syncProtocol from 'y-protocols/sync'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as encoding from 'lib0/encoding'
import * as decoding from 'lib0/decoding'
import readline from 'node:readline'
import zlib from 'node:zlib'
import fs from 'node:fs'

const peers = new Map()
const b64 = u => Buffer.from(u).toString('base64')
const bin = s => new Uint8Array(Buffer.from(s, 'base64'))

// The UTF-16 offset of code point cp in s.
const units = (s, cp) => {
  let i = 0
  for (; cp > 0 && i < s.length; cp--) i += s.codePointAt(i) > 0xffff ? 2 : 1
  return i
}

const peer = id => {
  const p = peers.get(id)
  if (!p) throw new Error(`no peer ${id}`)
  return p
}

const content = doc => ({
  code: doc.getText('code').toString(),
  meta: doc.getMap('meta').toJSON(),
  chat: doc.getArray('chat').toJSON()
})

const handlers = {
  new ({ peer: id, client }) {
    const doc = new Y.Doc()
    doc.clientID = client
    const p = { doc, outbox: [], awareness: null }
    doc.on('update', (update, origin) => { if (origin !== 'remote') p.outbox.push(b64(update)) })
    peers.set(id, p)
    return {}
  },
  insert ({ peer: id, index, text }) { peer(id).doc.getText('code').insert(index, text); return {} },
  delete ({ peer: id, index, len }) { peer(id).doc.getText('code').delete(index, len); return {} },
  // Positions in code points, converted with the peer's own text.
  insertCp ({ peer: id, index, text }) {
    const t = peer(id).doc.getText('code')
    t.insert(units(t.toString(), index), text)
    return {}
  },
  deleteCp ({ peer: id, index, len }) {
    const t = peer(id).doc.getText('code')
    const s = t.toString()
    const at = units(s, index)
    t.delete(at, units(s.slice(at), len))
    return {}
  },
  replay ({ path }) {
    const data = JSON.parse(zlib.gunzipSync(fs.readFileSync(path)))
    const astral = /[\u{10000}-\u{10FFFF}]/u
    const needsUnits = data.txns.some(tx => tx.patches.some(([, , ins]) => astral.test(ins)))
    const doc = new Y.Doc()
    doc.clientID = 1
    const t = doc.getText('code')
    let mirror = ''
    for (const tx of data.txns) {
      doc.transact(() => {
        for (const [pos, del, ins] of tx.patches) {
          let at = pos
          let len = del
          if (needsUnits) {
            at = units(mirror, pos)
            len = units(mirror.slice(at), del)
            mirror = mirror.slice(0, at) + ins + mirror.slice(at + len)
          }
          if (len) t.delete(at, len)
          if (ins) t.insert(at, ins)
        }
      })
    }
    return { update: b64(Y.encodeStateAsUpdate(doc)), text: t.toString(), end: data.endContent }
  },
  mapSet ({ peer: id, key, value }) { peer(id).doc.getMap('meta').set(key, value); return {} },
  mapDelete ({ peer: id, key }) { peer(id).doc.getMap('meta').delete(key); return {} },
  arrayInsert ({ peer: id, index, values }) { peer(id).doc.getArray('chat').insert(index, values); return {} },
  arrayDelete ({ peer: id, index, len }) { peer(id).doc.getArray('chat').delete(index, len); return {} },
  // A richer document: nested types, embeds, formats and binary content.
  rich ({ peer: id }) {
    const doc = peer(id).doc
    doc.transact(() => {
      const text = doc.getText('code')
      text.insert(0, 'héllo 😀 world')
      text.format(0, 5, { bold: true })
      text.insertEmbed(6, { image: 'x.png' })
      doc.getMap('meta').set('nested', new Y.Map([['a', 1], ['b', 'two']]))
      doc.getMap('meta').set('bin', new Uint8Array([1, 2, 3]))
      doc.getArray('chat').push([new Y.Text('inner text'), { deep: [1, 2.5, null, true] }])
    })
    return {}
  },
  // Relative positions in the text, in Yjs's JSON form.
  relpos ({ peer: id, index, assoc }) {
    const t = peer(id).doc.getText('code')
    return { pos: Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(t, index, assoc)) }
  },
  abspos ({ peer: id, pos }) {
    const abs = Y.createAbsolutePositionFromRelativePosition(Y.createRelativePositionFromJSON(pos), peer(id).doc)
    return { index: abs ? abs.index : null }
  },
  apply ({ peer: id, update }) { Y.applyUpdate(peer(id).doc, bin(update), 'remote'); return {} },
  take ({ peer: id }) { const p = peer(id); const out = p.outbox; p.outbox = []; return { updates: out } },
  state ({ peer: id, sv }) { return { update: b64(Y.encodeStateAsUpdate(peer(id).doc, sv ? bin(sv) : undefined)) } },
  sv ({ peer: id }) { return { sv: b64(Y.encodeStateVector(peer(id).doc)) } },
  content ({ peer: id }) { return content(peer(id).doc) },
  pending ({ peer: id }) { const s = peer(id).doc.store; return { pending: s.pendingStructs !== null || s.pendingDs !== null } },
  // Yjs's view of an update made elsewhere, in a fresh document.
  decode ({ update }) { const doc = new Y.Doc(); Y.applyUpdate(doc, bin(update)); return content(doc) },
  decodeText ({ update }) { const doc = new Y.Doc(); Y.applyUpdate(doc, bin(update)); return { text: doc.getText('code').toString() } },
  merge ({ updates }) { return { update: b64(Y.mergeUpdates(updates.map(bin))) } },
  diff ({ update, sv }) { return { update: b64(Y.diffUpdate(bin(update), bin(sv))) } },
  updateSv ({ update }) { return { sv: b64(Y.encodeStateVectorFromUpdate(bin(update))) } },
  syncStep1 ({ peer: id }) {
    const enc = encoding.createEncoder()
    syncProtocol.writeSyncStep1(enc, peer(id).doc)
    return { message: b64(encoding.toUint8Array(enc)) }
  },
  // y-protocols' readSyncMessage; the reply (if any) is returned.
  syncRead ({ peer: id, message }) {
    const enc = encoding.createEncoder()
    const type = syncProtocol.readSyncMessage(decoding.createDecoder(bin(message)), enc, peer(id).doc, 'remote')
    return { type, reply: encoding.length(enc) > 0 ? b64(encoding.toUint8Array(enc)) : null }
  },
  syncUpdate ({ update }) {
    const enc = encoding.createEncoder()
    syncProtocol.writeUpdate(enc, bin(update))
    return { message: b64(encoding.toUint8Array(enc)) }
  },
  awarenessNew ({ peer: id }) {
    const p = peer(id)
    p.awareness = new awarenessProtocol.Awareness(p.doc)
    clearInterval(p.awareness._checkInterval)
    return {}
  },
  awarenessSet ({ peer: id, state }) { peer(id).awareness.setLocalState(state); return {} },
  awarenessEncode ({ peer: id, clients }) {
    return { update: b64(awarenessProtocol.encodeAwarenessUpdate(peer(id).awareness, clients)) }
  },
  awarenessApply ({ peer: id, update }) {
    awarenessProtocol.applyAwarenessUpdate(peer(id).awareness, bin(update), 'remote')
    const aw = peer(id).awareness
    const states = {}
    for (const [client, state] of aw.getStates()) states[client] = { state, clock: aw.meta.get(client).clock }
    return { states }
  },
  awarenessRemove ({ peer: id, clients }) {
    awarenessProtocol.removeAwarenessStates(peer(id).awareness, clients, 'test')
    return {}
  }
}

const rl = readline.createInterface({ input: process.stdin })
rl.on('line', line => {
  const req = JSON.parse(line)
  let answer
  try {
    answer = handlers[req.cmd](req)
  } catch (e) {
    answer = { error: String(e && e.message ? e.message : e) }
  }
  // Binary values as arrays of numbers, the way GVariant "ay" prints;
  // 64-bit integers (lib0's bigint) as numbers.
  const replacer = (k, v) => v instanceof Uint8Array ? Array.from(v) : typeof v === 'bigint' ? Number(v) : v
  process.stdout.write(JSON.stringify(answer, replacer) + '\n')
})
rl.on('close', () => {
  for (const p of peers.values()) if (p.awareness) p.awareness.destroy()
  process.exit(0)
})
