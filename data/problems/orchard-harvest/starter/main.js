const lines = require('fs').readFileSync(0, 'utf8').split('\n');
const [r, c] = lines[0].trim().split(/\s+/).map(Number);
const grid = lines.slice(1, 1 + r).map((row) => row.trim());
const MOD = 1000000007;
// TODO: find the best harvest and count the routes that achieve it
console.log(-1);
