/**
 * Preloaded with NODE_OPTIONS="--require .../no-network.cjs" (also in worker threads): every way out to
 * the network throws, so a run that succeeds under it needed none. Announces itself on stderr once per
 * thread so a test can see it was active.
 */
'use strict';
const net = require('node:net');
const tls = require('node:tls');
const http = require('node:http');
const https = require('node:https');
const dns = require('node:dns');
const { isMainThread } = require('node:worker_threads');

function blocked(what) {
  return () => {
    throw new Error(`network access blocked (${what})`);
  };
}
net.connect = net.createConnection = blocked('net.connect');
net.Socket.prototype.connect = blocked('net.Socket.connect');
tls.connect = blocked('tls.connect');
http.request = http.get = blocked('http.request');
https.request = https.get = blocked('https.request');
dns.lookup = blocked('dns.lookup');
dns.promises.lookup = blocked('dns.promises.lookup');
globalThis.fetch = async () => {
  throw new Error('network access blocked (fetch)');
};
process.stderr.write(`[no-network guard active in ${isMainThread ? 'main thread' : 'worker thread'}]\n`);
