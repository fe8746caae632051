const lines = require('fs').readFileSync(0, 'utf8').split('\n');
const [r, c] = lines[0].trim().split(/\s+/).map(Number);
const grid = lines.slice(1, 1 + r).map((row) => row.trim());
// TODO: find the fastest way from S to G
console.log(-1);
