// listen-loopback.cjs — preloaded (node --require) into a server that calls
// listen(port) with no address, as y-webrtc's bin/server.js does (it reads
// only PORT): binds it to 127.0.0.1 instead of every interface, and prints
// "listening on ws://127.0.0.1:PORT" once it listens, so that PORT=0 picks
// a free port and the caller learns which.
//
// SPDX-License-Identifier: GPL-3.0-or-later
'use strict'

const net = require('net')

const listen = net.Server.prototype.listen

net.Server.prototype.listen = function (...args) {
  const port = args[0]
  const bare = typeof port === 'number' || (typeof port === 'string' && /^[0-9]+$/.test(port))

  if (bare && typeof args[1] !== 'string') {
    args.splice(1, 0, '127.0.0.1')
    this.once('listening', () => {
      const { address, port } = this.address()
      process.stdout.write(`listening on ws://${address}:${port}\n`)
    })
  }
  return listen.apply(this, args)
}
