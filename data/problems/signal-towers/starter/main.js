const data = require('fs').readFileSync(0, 'utf8').split(/\s+/).filter(Boolean).map(Number);
const n = data[0];
const h = data.slice(1, 1 + n);
// TODO: count the towers reached by every beam
console.log(h.map(() => 0).join(' '));
