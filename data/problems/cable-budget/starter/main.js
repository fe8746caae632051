const data = require('fs').readFileSync(0, 'utf8').split(/\s+/).filter(Boolean).map(Number);
const n = data[0], m = data[1];
const cables = [];
for (let j = 0; j < m; j++) {
  const p = 2 + 4 * j;
  cables.push({ u: data[p], v: data[p + 1], c: data[p + 2], f: data[p + 3] });
}
// TODO: choose the cheapest set of proposed cables
console.log(-1);
