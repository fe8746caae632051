const lines = require('fs').readFileSync(0, 'utf8').split('\n');
const [n, k] = lines[0].trim().split(/\s+/).map(Number);
const s = lines[1].trim();
// TODO: find the cheapest palindromic k-periodic pattern
console.log(0);
console.log(s);
