// A browser's side of sealed signaling, with WebCrypto alone, written from
// signaling-server/PROTOCOL.md ("Sealed payloads"), so the test proves the
// page is enough to interoperate.
//
//   node webcrypto-seal.mjs seal KEY ROOM FROM TO COUNTER TEXT   prints the sealed payload
//   node webcrypto-seal.mjs open KEY ROOM FROM TO SEALED         prints the text, or exits 1
import { webcrypto as crypto } from 'node:crypto';

const subtle = crypto.subtle;
const utf8 = new TextEncoder();

function fromBase64url(text) {
  return new Uint8Array(Buffer.from(text, 'base64url'));
}

function toBase64url(bytes) {
  return Buffer.from(bytes).toString('base64url');
}

async function roomCipherKey(key, room) {
  const ikm = await subtle.importKey('raw', fromBase64url(key), 'HKDF', false, ['deriveKey']);
  return subtle.deriveKey(
    { name: 'HKDF', hash: 'SHA-256', salt: utf8.encode('pairpad-seal-v1'), info: utf8.encode(room) },
    ikm, { name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
}

function additionalData(room, from, to, header) {
  const context = utf8.encode(`pairpad-seal-v1\n${room}\n${from}\n${to}\n`);
  const ad = new Uint8Array(context.length + header.length);
  ad.set(context);
  ad.set(header, context.length);
  return ad;
}

const [command, key, room, from, to, arg, text] = process.argv.slice(2);
const cipherKey = await roomCipherKey(key, room);

if (command === 'seal') {
  const header = new Uint8Array(9);
  header[0] = 1;
  new DataView(header.buffer).setBigUint64(1, BigInt(arg));
  const nonce = crypto.getRandomValues(new Uint8Array(12));
  const ciphertext = new Uint8Array(await subtle.encrypt(
    { name: 'AES-GCM', iv: nonce, additionalData: additionalData(room, from, to, header), tagLength: 128 },
    cipherKey, utf8.encode(text)));
  const sealed = new Uint8Array(9 + 12 + ciphertext.length);
  sealed.set(header);
  sealed.set(nonce, 9);
  sealed.set(ciphertext, 21);
  console.log(toBase64url(sealed));
} else if (command === 'open') {
  const sealed = fromBase64url(arg);
  if (sealed.length < 37 || sealed[0] !== 1) {
    console.error('malformed');
    process.exit(1);
  }
  try {
    const plaintext = await subtle.decrypt(
      { name: 'AES-GCM', iv: sealed.subarray(9, 21),
        additionalData: additionalData(room, from, to, sealed.subarray(0, 9)), tagLength: 128 },
      cipherKey, sealed.subarray(21));
    const counter = new DataView(sealed.buffer, sealed.byteOffset).getBigUint64(1);
    console.log(`${counter} ${new TextDecoder().decode(plaintext)}`);
  } catch {
    console.error('refused');
    process.exit(1);
  }
} else {
  console.error('usage: webcrypto-seal.mjs seal|open ...');
  process.exit(2);
}
