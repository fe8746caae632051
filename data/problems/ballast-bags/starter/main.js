const data = require('fs').readFileSync(0, 'utf8').split(/\s+/).filter(Boolean).map(Number);
const [n, lo, hi] = data;
const w = data.slice(3, 3 + n);
// TODO: count the subsets whose weight is between lo and hi
console.log(0);
