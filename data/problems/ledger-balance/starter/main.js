const data = require('fs').readFileSync(0, 'utf8').split(/\s+/).filter(Boolean).map(Number);
let pos = 0;
const n = data[pos++], q = data[pos++];
const c = data.slice(pos, pos + n);
pos += n;
const out = [];
for (let k = 0; k < q; k++) {
  const l = data[pos++], r = data[pos++], s = data[pos++];
  // TODO: answer the question
  out.push(0);
}
console.log(out.join('\n'));
