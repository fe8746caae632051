const data = require('fs').readFileSync(0, 'utf8').split(/\s+/).filter(Boolean);
const q = Number(data[0]);
let pos = 1;
const out = [];
for (let i = 0; i < q; i++) {
  const op = data[pos];
  if (op === '#') {
    const a = Number(data[pos + 1]), b = Number(data[pos + 2]);
    pos += 3;
    // TODO: count the crates weighing between a and b
    out.push(0);
  } else {
    const x = Number(data[pos + 1]);
    pos += 2;
    if (op === '?') {
      // TODO: the weight of the x-th lightest crate
      out.push(-1);
    }
    // TODO: '+' and '-' change the shelf
  }
}
console.log(out.join('\n'));
