const lines = require('fs').readFileSync(0, 'utf8').split('\n');
const n = Number(lines[0]);
const words = lines[1].trim().split(' ');
// TODO: remove the stutters
console.log(0);
console.log(words.join(' '));
